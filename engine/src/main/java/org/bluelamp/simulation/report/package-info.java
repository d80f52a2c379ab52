/**
 * The simulator's results: per run the measures of each grade ({@link
 * org.bluelamp.simulation.report.RunMetrics}: compliance with the urban and rural targets, mean,
 * median and 90th percentile response, late, unattended and queued incidents, utilisation); per
 * policy their means over seeds with 95% confidence intervals ({@link
 * org.bluelamp.simulation.report.PolicySummary}, {@link org.bluelamp.simulation.report.Estimate})
 * and paired differences from the baseline policy; written as JSON ({@link
 * org.bluelamp.simulation.report.ResultsJson}) and PNG charts ({@link
 * org.bluelamp.simulation.report.ResultPlots}, JFreeChart).
 *
 * <p>Stateless or immutable; thread-safe.
 */
package org.bluelamp.simulation.report;
