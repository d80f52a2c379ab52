/**
 * The command line ({@code ./dispatch}): one picocli command per job, JSON on standard output,
 * one-line errors on standard error. The only place that turns exceptions into exit codes.
 */
package org.bluelamp.cli;
