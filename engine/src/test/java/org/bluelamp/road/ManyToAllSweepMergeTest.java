package org.bluelamp.road;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The sweep's merge of a higher node's list into a node's ({@code mergeTail}, and
 * {@code copyShifted} into an empty list) against what it replaced: inserting the higher list's
 * labels one by one ({@code insert}, stopping where it says nothing later can enter). Seeded random
 * lists built by inserts (so every list is one the sweep can hold), with few sources (so sources
 * repeat), few distinct times (so times tie), limits on and off, k from 1 to 8: the two must give
 * the same list, label for label, ties in the same order.
 */
class ManyToAllSweepMergeTest {
    private static final long SEED = 20_261_127L;

    @Test
    void mergingAHigherListGivesExactlyWhatInsertingItsLabelsOneByOneGives() {
        DrawnGraph star = new DrawnGraph().node(0, 0, 0).node(1, 0, 1).node(2, 1, 1);
        star.both(0, 2, 100, 10_000);
        star.both(1, 2, 100, 10_000);
        TravelTimeGraph g = star.build();
        int[] tail = new int[2 * g.edgeCount()];
        int[] head = new int[tail.length];
        int[] millis = new int[tail.length];
        for (int e = 0, a = 0; e < g.edgeCount(); e++) {
            tail[a] = g.edgeBase(e);
            head[a] = g.edgeAdj(e);
            millis[a++] = g.edgeFwdMillis(e);
            tail[a] = g.edgeAdj(e);
            head[a] = g.edgeBase(e);
            millis[a++] = g.edgeBwdMillis(e);
        }
        ContractionHierarchy ch = new ContractionHierarchy(g, new int[] {0, 1, 2}, tail, head, millis);
        Random rnd = new Random(SEED);
        int merges = 0;
        int fewMerges = 0;
        for (int k = 1; k <= 8; k++) {
            ManyToAllSweep sweep = new ManyToAllSweep(ch, k);
            int stride = 1 + 2 * k;
            for (int trial = 0; trial < 4_000; trial++) {
                int sources = 1 + rnd.nextInt(3 * k + 2);
                int firstLimit = rnd.nextInt(4) == 0 ? 40 + rnd.nextInt(100) : Integer.MAX_VALUE;
                int further = k > 1 ? Math.min(rnd.nextInt(150), firstLimit) : -1;
                int[] lab = new int[2 * stride];
                offer(sweep, lab, 0, rnd, sources, firstLimit, further, rnd.nextInt(2 * k + 1));
                offer(sweep, lab, stride, rnd, sources, firstLimit, further, 1 + rnd.nextInt(2 * k + 1));
                int tc = lab[stride];
                if (tc == 0) {
                    continue;
                }
                int w = rnd.nextInt(40);
                int[] expected = lab.clone();
                for (int m = 0; m < tc; m++) {
                    long t = (long) lab[stride + 1 + 2 * m] + w;
                    if (t >= Integer.MAX_VALUE
                            || sweep.insert(expected, 0, (int) t, lab[stride + 2 + 2 * m], firstLimit, further)
                                    == ManyToAllSweep.STOP) {
                        break;
                    }
                }
                int[] actual = lab.clone();
                sweep.startMerges(sources);
                if (actual[0] == 0) {
                    ManyToAllSweep.copyShifted(actual, stride, tc, w, 0, firstLimit, further);
                } else {
                    sweep.mergeTail(actual, 0, stride, tc, w, firstLimit, further);
                }
                merges++;
                String where = "seed " + SEED + ", k " + k + ", trial " + trial + ": list "
                        + Arrays.toString(Arrays.copyOf(lab, 1 + 2 * lab[0])) + " merged with "
                        + Arrays.toString(Arrays.copyOfRange(lab, stride, stride + 1 + 2 * tc)) + " + " + w
                        + " ms (first limit " + firstLimit + ", further " + further + ")";
                assertArrayEquals(
                        Arrays.copyOf(expected, 1 + 2 * expected[0]), Arrays.copyOf(actual, 1 + 2 * actual[0]), where);
                if (k <= 2) {
                    // the sweep's own code for one or two labels
                    int[] few = lab.clone();
                    if (few[0] == 0) {
                        ManyToAllSweep.copyShiftedFew(few, stride, tc, w, 0, firstLimit, further);
                    } else {
                        sweep.mergeFew(few, 0, stride, tc, w, firstLimit, further);
                    }
                    fewMerges++;
                    assertArrayEquals(
                            Arrays.copyOf(expected, 1 + 2 * expected[0]),
                            Arrays.copyOf(few, 1 + 2 * few[0]),
                            where + ", k of 1 or 2");
                }
            }
        }
        assertTrue(merges > 20_000, "too few merges tried: " + merges);
        assertTrue(fewMerges > 5_000, "too few merges of one or two labels tried: " + fewMerges);
    }

    /** A list at {@code block} built by {@code offers} random inserts (sources and times repeat). */
    private static void offer(
            ManyToAllSweep sweep,
            int[] lab,
            int block,
            Random rnd,
            int sources,
            int firstLimit,
            int further,
            int offers) {
        lab[block] = 0;
        for (int i = 0; i < offers; i++) {
            sweep.insert(lab, block, rnd.nextInt(120), rnd.nextInt(sources), firstLimit, further);
        }
    }
}
