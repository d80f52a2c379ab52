package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.TravelTimeGraph;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UsualEdge} gives bit for bit what the evaluator reads off {@link EdgePieces} for the same
 * edge (the reached length, and the metres within a target or a band limit through the pieces'
 * time range), for seeded random edges: either end unreached or closed, zero-time edges, equal
 * and crossing times, thresholds at, between and beyond the pieces' times. Prints the seed and the
 * case on failure.
 */
class UsualEdgeTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void theUsualEdgeMeasuresExactlyAsThePieces(long seed) {
        Random rnd = new Random(seed);
        EdgePieces pc = new EdgePieces();
        UsualEdge ue = new UsualEdge();
        int partial = 0;
        for (int c = 0; c < 20_000; c++) {
            double length = rnd.nextInt(10) == 0 ? 0 : rnd.nextDouble() * 800;
            int tBase = rnd.nextInt(8) == 0 ? ManyToAllSearch.UNREACHED : rnd.nextInt(1_500_000);
            int tAdj = rnd.nextInt(8) == 0 ? ManyToAllSearch.UNREACHED : rnd.nextInt(1_500_000);
            int fwd = rnd.nextInt(8) == 0 ? TravelTimeGraph.CLOSED : rnd.nextInt(5) == 0 ? 0 : rnd.nextInt(120_000);
            int bwd = rnd.nextInt(8) == 0 ? TravelTimeGraph.CLOSED : rnd.nextInt(5) == 0 ? fwd : rnd.nextInt(120_000);
            if (rnd.nextInt(6) == 0 && tBase != ManyToAllSearch.UNREACHED) {
                tAdj = tBase; // a tie at both ends
            }
            // what CoverageEvaluator.fillPieces adds for one profile, no factors, no unit on the edge
            pc.clear();
            boolean fromBase = fwd != TravelTimeGraph.CLOSED && tBase != ManyToAllSearch.UNREACHED;
            boolean fromAdj = bwd != TravelTimeGraph.CLOSED && tAdj != ManyToAllSearch.UNREACHED;
            if (fromBase) {
                pc.add(0, length, tBase, (double) tBase + fwd);
            }
            if (fromAdj) {
                pc.add(0, length, (double) tAdj + bwd, tAdj);
            }
            ue.set(length, fromBase, tBase, fwd, fromAdj, tAdj, bwd);
            String ctx = "seed " + seed + ", case " + c + ": length " + length + ", base " + tBase + " fwd " + fwd
                    + ", adj " + tAdj + " bwd " + bwd;
            double reached = pc.size() == 0 ? 0 : pc.metresReached();
            assertEquals(Double.doubleToRawLongBits(reached), Double.doubleToRawLongBits(ue.reachedMetres()), ctx);
            double[] thresholds = {
                5 * 60_000.0,
                10 * 60_000.0,
                15 * 60_000.0,
                20 * 60_000.0,
                rnd.nextInt(1_700_000),
                fromBase ? tBase : 0,
                fromAdj ? (double) tAdj + bwd : 0,
                fromBase ? (double) tBase + fwd : 0
            };
            for (double millis : thresholds) {
                double expected = readOff(pc, millis, reached);
                double got = ue.metresWithin(millis);
                assertEquals(
                        Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(got), ctx + ", at " + millis);
                if (got > 0 && got < reached) {
                    partial++;
                }
            }
        }
        assertTrue(partial > 2_000, "seed " + seed + ": too few edges reached in part (" + partial + ")");
    }

    /** What CoverageEvaluator.metresWithin reads off the pieces. */
    private static double readOff(EdgePieces pc, double millis, double reached) {
        if (millis >= pc.maxMillis()) {
            return reached;
        }
        if (millis < pc.minMillis()) {
            return 0;
        }
        return pc.metresWithin(millis);
    }
}
