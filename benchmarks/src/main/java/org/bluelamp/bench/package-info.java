/**
 * JMH benchmarks of the engine and their baselines (GraphHopper per-candidate routing and
 * shortest-path trees, reached through {@code RoadNetwork.oracle()}), the networks and fleets
 * they run on, and studies ({@code StraightLineStudy}, {@code CompareWithBaseline}). Results and
 * how to reproduce them: {@code benchmarks/RESULTS.md}. Single-threaded tools unless a benchmark
 * says otherwise.
 */
package org.bluelamp.bench;
