/**
 * Ranking: which unit should go. Grade policies ({@link org.bluelamp.dispatch.PolicyBook}), urban
 * areas, and the {@link org.bluelamp.dispatch.Dispatcher}, a facade over the jobs of a
 * recommendation: eligibility by policy, nearest-first examination under a proven ceiling, one
 * many-to-one road search per travel profile, response plans as matchings, the answer with its
 * reasons and exclusion counts. See ARCHITECTURE.md for how the classes fit.
 *
 * <p>Threads: {@code Dispatcher.recommend} from any number of threads while fixes arrive; each
 * thread keeps its own query state; graphs are immutable and placements cached lock-free.
 */
package org.bluelamp.dispatch;
