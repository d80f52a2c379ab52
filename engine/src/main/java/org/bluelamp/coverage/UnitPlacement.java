package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where K more units should stand: greedy and exact placement over a {@link CoverageMatrix}.
 *
 * <ul>
 *   <li><b>Maximal covering</b> (MCLP, Church and ReVelle 1974): maximise the demand weight within
 *       target of at least one unit. Each candidate is used at most once.
 *   <li><b>Expected coverage</b> (MEXCLP, Daskin 1983): with busy fraction q, a site reached within
 *       target by k units counts w × (1 − q^k). Several units may share a candidate.
 * </ul>
 *
 * <p>Both objectives are monotone and submodular, so greedy (add the unit with the largest gain, K
 * times) is within 1 − 1/e of the optimum (Nemhauser, Wolsey and Fisher 1978). Greedy here is lazy
 * (Minoux's accelerated greedy): a candidate's gain can only fall as units are added, so stale
 * gains are upper bounds and only the top one is recomputed. The exact optimum, for small instances
 * (at most 64 candidates), is found by branch and bound over the distinct coverage patterns of the
 * sites (sites reached by the same candidates are merged), bounding each branch by the sum of the
 * best remaining marginal gains (valid by submodularity).
 *
 * <p>Stateless: methods allocate their working arrays; thread-safe.
 */
public final class UnitPlacement {
    /** The objective. */
    public enum Objective {
        /** Demand within target of at least one unit. */
        COVERAGE,
        /** MEXCLP expected coverage with busy fraction q. */
        EXPECTED
    }

    /** One unit placed: the candidate, and the weight it added when it was chosen. */
    public record Pick(int candidate, CandidateSite site, double gainWeight) {}

    /**
     * A placement.
     *
     * @param objective what was maximised
     * @param picks the units in the order chosen
     * @param valueBefore the objective's weight before (the kept units only)
     * @param valueAfter after the picks
     * @param totalWeight the total demand weight (shares are value / total)
     * @param searchNodes branches explored (exact) or gains computed (greedy)
     * @param optimal whether the placement is proven optimal (exact search that finished)
     */
    public record Result(
            Objective objective,
            List<Pick> picks,
            double valueBefore,
            double valueAfter,
            double totalWeight,
            long searchNodes,
            boolean optimal) {
        public Result {
            Objects.requireNonNull(objective);
            picks = List.copyOf(picks);
        }

        public double shareBefore() {
            return totalWeight > 0 ? valueBefore / totalWeight : 0;
        }

        public double shareAfter() {
            return totalWeight > 0 ? valueAfter / totalWeight : 0;
        }
    }

    private UnitPlacement() {}

    /**
     * Greedy placement of {@code units} units.
     *
     * @param q the busy fraction for {@link Objective#EXPECTED}; ignored for coverage
     * @param initialCounts units already within target of each site (kept units), or null for none
     */
    public static Result greedy(CoverageMatrix m, int units, Objective objective, double q, int[] initialCounts) {
        check(m, units, objective, q);
        CoverageArea area = m.area();
        int sites = area.siteCount();
        int[] count = initialCounts == null ? new int[sites] : initialCounts.clone();
        double total = totalWeight(area);
        int maxCount = units;
        for (int c : count) {
            maxCount = Math.max(maxCount, c + units);
        }
        double[] qPow = powers(objective == Objective.EXPECTED ? q : 0, maxCount);
        double before = value(area, count, objective, qPow);
        int n = m.candidateCount();
        double[] bound = new double[n];
        int[] heap = new int[n];
        int size = 0;
        long computed = 0;
        for (int j = 0; j < n; j++) {
            bound[j] = gain(m, j, count, objective, q, qPow);
            computed++;
            heap[size++] = j;
        }
        for (int i = size / 2 - 1; i >= 0; i--) {
            siftDown(heap, size, i, bound);
        }
        List<Pick> picks = new ArrayList<>();
        while (picks.size() < units && size > 0) {
            int j = heap[0];
            double g = gain(m, j, count, objective, q, qPow);
            computed++;
            bound[j] = g;
            double other = Math.max(
                    size > 1 ? bound[heap[1]] : Double.NEGATIVE_INFINITY,
                    size > 2 ? bound[heap[2]] : Double.NEGATIVE_INFINITY);
            if (g < other) {
                siftDown(heap, size, 0, bound); // another candidate's bound is higher: look at it first
                continue;
            }
            picks.add(new Pick(j, m.candidates().get(j), g));
            long[] bits = m.coverBits(j);
            for (int w = 0; w < bits.length; w++) {
                for (long b = bits[w]; b != 0; b &= b - 1) {
                    count[w * 64 + Long.numberOfTrailingZeros(b)]++;
                }
            }
            if (objective == Objective.COVERAGE) {
                // a candidate is used once: take it out of the heap
                heap[0] = heap[--size];
                if (size > 0) {
                    siftDown(heap, size, 0, bound);
                }
            }
        }
        return new Result(objective, picks, before, value(area, count, objective, qPow), total, computed, false);
    }

    private static void siftDown(int[] heap, int size, int i, double[] key) {
        int x = heap[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && key[heap[c + 1]] > key[heap[c]]) {
                c++;
            }
            if (key[x] >= key[heap[c]]) {
                break;
            }
            heap[i] = heap[c];
            i = c;
        }
        heap[i] = x;
    }

    /**
     * q^k for k = 0 to {@code maxK}: the MEXCLP terms of the hot loops come from this table instead
     * of a {@code Math.pow} per covered site.
     */
    static double[] powers(double q, int maxK) {
        double[] t = new double[maxK + 1];
        t[0] = 1;
        for (int k = 1; k <= maxK; k++) {
            t[k] = t[k - 1] * q;
        }
        return t;
    }

    /** q^k from {@code table} ({@link #powers}), or computed when k lies beyond it. */
    static double pow(double[] table, double q, int k) {
        return k < table.length ? table[k] : Math.pow(q, k);
    }

    /** What candidate {@code j} adds given the units within target of each site. */
    private static double gain(CoverageMatrix m, int j, int[] count, Objective objective, double q, double[] qPow) {
        CoverageArea area = m.area();
        long[] bits = m.coverBits(j);
        double g = 0;
        for (int w = 0; w < bits.length; w++) {
            for (long b = bits[w]; b != 0; b &= b - 1) {
                int site = w * 64 + Long.numberOfTrailingZeros(b);
                if (objective == Objective.COVERAGE) {
                    if (count[site] == 0) {
                        g += area.siteWeight(site);
                    }
                } else {
                    g += area.siteWeight(site) * (1 - q) * pow(qPow, q, count[site]);
                }
            }
        }
        return g;
    }

    private static double value(CoverageArea area, int[] count, Objective objective, double[] qPow) {
        double q = qPow.length > 1 ? qPow[1] : 0;
        double v = 0;
        for (int site = 0; site < count.length; site++) {
            if (objective == Objective.COVERAGE) {
                v += count[site] > 0 ? area.siteWeight(site) : 0;
            } else {
                v += area.siteWeight(site) * (1 - pow(qPow, q, count[site]));
            }
        }
        return v;
    }

    private static double totalWeight(CoverageArea area) {
        double t = 0;
        for (int i = 0; i < area.siteCount(); i++) {
            t += area.siteWeight(i);
        }
        return t;
    }

    private static void check(CoverageMatrix m, int units, Objective objective, double q) {
        if (units < 1) {
            throw new IllegalArgumentException("place at least one unit, got " + units);
        }
        if (m.candidateCount() == 0) {
            throw new IllegalArgumentException("no candidate sites");
        }
        if (objective == Objective.EXPECTED && !(q >= 0 && q < 1)) {
            throw new IllegalArgumentException("busy fraction must be in [0, 1), got " + q);
        }
    }

    /**
     * The exact optimum by branch and bound, for at most 64 candidates.
     *
     * @param maxNodes branches to explore at most; beyond, the best found is returned unproven
     */
    public static Result exact(
            CoverageMatrix m, int units, Objective objective, double q, int[] initialCounts, long maxNodes) {
        check(m, units, objective, q);
        int n = m.candidateCount();
        if (n > 64) {
            throw new IllegalArgumentException("the exact search takes at most 64 candidates, got " + n);
        }
        CoverageArea area = m.area();
        int sites = area.siteCount();
        // merge sites reached by the same candidates (and with the same units already within target)
        Map<Long, Integer>[] index = newMaps(65);
        List<long[]> keys = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        double fixed = 0;
        for (int site = 0; site < sites; site++) {
            long mask = 0;
            for (int j = 0; j < n; j++) {
                if (m.covers(j, site)) {
                    mask |= 1L << j;
                }
            }
            int k0 = initialCounts == null ? 0 : Math.min(64, initialCounts[site]);
            double w = area.siteWeight(site);
            if (mask == 0) {
                fixed += objective == Objective.COVERAGE ? (k0 > 0 ? w : 0) : w * (1 - Math.pow(q, k0));
                continue;
            }
            Integer at = index[k0].get(mask);
            if (at == null) {
                index[k0].put(mask, keys.size());
                keys.add(new long[] {mask, k0});
                weights.add(w);
            } else {
                weights.set(at, weights.get(at) + w);
            }
        }
        Search s = new Search(keys, weights, n, units, objective, q, maxNodes);
        s.run();
        List<Pick> picks = new ArrayList<>();
        for (int j : s.best) {
            picks.add(new Pick(j, m.candidates().get(j), Double.NaN));
        }
        double before = value(
                area,
                initialCounts == null ? new int[sites] : initialCounts,
                objective,
                powers(objective == Objective.EXPECTED ? q : 0, 64 + units));
        return new Result(objective, picks, before, fixed + s.bestValue, totalWeight(area), s.nodes, !s.stopped);
    }

    @SuppressWarnings("unchecked")
    private static Map<Long, Integer>[] newMaps(int n) {
        Map<Long, Integer>[] maps = new Map[n];
        for (int i = 0; i < n; i++) {
            maps[i] = new HashMap<>();
        }
        return maps;
    }

    /** The branch and bound over merged sites (patterns). */
    private static final class Search {
        final long[] mask;
        final int[] k0;
        final double[] weight;
        final int[][] patternsOf;
        final int n;
        final int units;
        final Objective objective;
        final double q;
        final double[] qPow;
        final long maxNodes;
        final int[] chosen;
        final int[] inPattern; // units of the current branch within target of each pattern
        int[] best = new int[0];
        double bestValue = -1;
        long nodes;
        boolean stopped;

        Search(
                List<long[]> keys,
                List<Double> weights,
                int n,
                int units,
                Objective objective,
                double q,
                long maxNodes) {
            int p = keys.size();
            mask = new long[p];
            k0 = new int[p];
            weight = new double[p];
            for (int i = 0; i < p; i++) {
                mask[i] = keys.get(i)[0];
                k0[i] = (int) keys.get(i)[1];
                weight[i] = weights.get(i);
            }
            int[] counts = new int[n];
            for (long mk : mask) {
                for (long b = mk; b != 0; b &= b - 1) {
                    counts[Long.numberOfTrailingZeros(b)]++;
                }
            }
            patternsOf = new int[n][];
            for (int j = 0; j < n; j++) {
                patternsOf[j] = new int[counts[j]];
            }
            int[] fill = new int[n];
            for (int i = 0; i < p; i++) {
                for (long b = mask[i]; b != 0; b &= b - 1) {
                    int j = Long.numberOfTrailingZeros(b);
                    patternsOf[j][fill[j]++] = i;
                }
            }
            this.n = n;
            this.units = units;
            this.objective = objective;
            this.q = q;
            this.qPow = powers(objective == Objective.EXPECTED ? q : 0, 64 + units);
            this.maxNodes = maxNodes;
            this.chosen = new int[units];
            this.inPattern = new int[p];
        }

        void run() {
            // start from greedy's value so that the bound prunes from the first branch
            dfs(0, 0, currentValue());
        }

        private double currentValue() {
            double v = 0;
            for (int i = 0; i < mask.length; i++) {
                v += patternValue(i, k0[i] + inPattern[i]);
            }
            return v;
        }

        private double patternValue(int i, int k) {
            return objective == Objective.COVERAGE ? (k > 0 ? weight[i] : 0) : weight[i] * (1 - pow(qPow, q, k));
        }

        private double gainOf(int j) {
            double g = 0;
            for (int i : patternsOf[j]) {
                int k = k0[i] + inPattern[i];
                g += objective == Objective.COVERAGE ? (k == 0 ? weight[i] : 0) : weight[i] * (1 - q) * pow(qPow, q, k);
            }
            return g;
        }

        private void dfs(int depth, int start, double value) {
            if (stopped) {
                return;
            }
            if (++nodes > maxNodes) {
                stopped = true;
                return;
            }
            if (depth == units) {
                if (value > bestValue) {
                    bestValue = value;
                    best = chosen.clone();
                }
                return;
            }
            int left = units - depth;
            boolean repeat = objective == Objective.EXPECTED;
            // gains of the candidates still allowed, and the bound from the best of them
            double[] gains = new double[n];
            for (int j = start; j < n; j++) {
                gains[j] = gainOf(j);
            }
            double bound = value;
            if (repeat) {
                double top = 0;
                for (int j = start; j < n; j++) {
                    top = Math.max(top, gains[j]);
                }
                bound += left * top;
            } else {
                double[] sorted = Arrays.copyOfRange(gains, start, n);
                Arrays.sort(sorted);
                for (int i = 0; i < left && i < sorted.length; i++) {
                    bound += sorted[sorted.length - 1 - i];
                }
            }
            if (bound <= bestValue + 1e-9 && best.length == units) {
                return;
            }
            // branch on candidates in order of gain, best first
            Integer[] order = new Integer[n - start];
            for (int j = start; j < n; j++) {
                order[j - start] = j;
            }
            Arrays.sort(order, (a, b) -> Double.compare(gains[b], gains[a]));
            for (int j : order) {
                if (!repeat && n - j < left) {
                    continue; // too few candidates left after j to complete the set in index order
                }
                chosen[depth] = j;
                for (int i : patternsOf[j]) {
                    inPattern[i]++;
                }
                dfs(depth + 1, repeat ? j : j + 1, value + gains[j]);
                for (int i : patternsOf[j]) {
                    inPattern[i]--;
                }
                if (stopped) {
                    return;
                }
            }
        }
    }
}
