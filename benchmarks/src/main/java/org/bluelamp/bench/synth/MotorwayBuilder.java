package org.bluelamp.bench.synth;

import com.carrotsearch.hppc.DoubleArrayList;
import com.carrotsearch.hppc.IntArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Adds dual-carriageway motorways between the largest cities, tagged as in OpenStreetMap: two
 * one-way {@code motorway} ways {@value #CARRIAGEWAY_OFFSET_METRES} m either side of a gently
 * curving centre line (traffic on the left), meeting the city's streets at each end.
 *
 * <p>The corridors are the relative-neighbourhood graph of the {@link #motorwayCities largest
 * cities} plus half of their remaining Gabriel edges. Junctions come every
 * {@link NetworkSpec#motorwayJunctionSpacingKm()} km on average (0.6-1.4 times that), not within
 * {@value #END_CLEARANCE_METRES} m of an end; each has four one-way {@code motorway_link} slip roads
 * between the carriageways ({@value #RAMP_METRES} m before and after the junction) and the nearest
 * existing road vertex, if that is within {@value #HUB_MAX_METRES} m. Elsewhere the motorway
 * crosses other roads without meeting them (bridges). Stateless.
 */
final class MotorwayBuilder {
    static final double CARRIAGEWAY_OFFSET_METRES = 15;
    static final double SAMPLE_METRES = 500;
    static final double RAMP_METRES = 400;
    static final double HUB_MAX_METRES = 3_000;
    static final double END_CLEARANCE_METRES = 2_000;
    static final double MIN_CORRIDOR_METRES = 3_000;

    /** What was built. */
    record Result(int corridors, int junctions, double carriagewayMetres) {}

    private MotorwayBuilder() {}

    /** How many of the largest settlements the motorway network joins. */
    static int motorwayCities(int settlements) {
        return Math.min(settlements, Math.max(2, Math.min(60, (int) Math.round(0.35 * Math.sqrt(settlements)))));
    }

    /** The settlement pairs joined by a motorway, as sorted {@link ProximityGraphs#key keys}. */
    static long[] planCorridors(List<Settlement> settlements, long seed) {
        int count = motorwayCities(settlements.size());
        if (count < 2) return new long[0];
        if (count == 2) return new long[] {ProximityGraphs.key(0, 1)};
        double[] xs = new double[count], ys = new double[count];
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            xs[i] = settlements.get(i).centreX;
            ys[i] = settlements.get(i).centreY;
            ids[i] = i;
        }
        ProximityGraphs.Edges e = ProximityGraphs.build(xs, ys, ids, count, count - 1, 10_000);
        SplittableRandom rnd = Seeds.stream(seed, Seeds.MOTORWAY, 0);
        long[] out =
                Arrays.copyOf(e.relativeNeighbourhood(), e.relativeNeighbourhood().length + e.gabrielOnly().length);
        int n = e.relativeNeighbourhood().length;
        for (long pair : e.gabrielOnly()) if (rnd.nextBoolean()) out[n++] = pair;
        out = Arrays.copyOf(out, n);
        Arrays.sort(out);
        return out;
    }

    static Result build(RoadGraph g, List<Settlement> settlements, long[] corridors, NetworkSpec spec) {
        int existing = g.vertexCount();
        int[] all = new int[existing];
        for (int v = 0; v < existing; v++) all[v] = v;
        PointGrid grid = new PointGrid(g.xs(), g.ys(), all, existing, 300);
        int built = 0, junctions = 0;
        double metres = 0;
        for (int c = 0; c < corridors.length; c++) {
            SplittableRandom rnd = Seeds.stream(spec.seed(), Seeds.MOTORWAY, 1 + c);
            Settlement a = settlements.get((int) (corridors[c] >>> 32)), b = settlements.get((int) corridors[c]);
            double dx = b.centreX - a.centreX, dy = b.centreY - a.centreY;
            double d = Math.sqrt(dx * dx + dy * dy);
            double ux = dx / d, uy = dy / d;
            double reachA = 0.6 * a.boundaryMetres(StrictMath.atan2(uy, ux));
            double reachB = 0.6 * b.boundaryMetres(StrictMath.atan2(-uy, -ux));
            int e = grid.nearest(a.centreX + ux * reachA, a.centreY + uy * reachA, v -> g.settlement(v) == a.id);
            int f = grid.nearest(b.centreX - ux * reachB, b.centreY - uy * reachB, v -> g.settlement(v) == b.id);
            if (e < 0 || f < 0 || g.distanceMetres(e, f) < MIN_CORRIDOR_METRES) continue;
            Corridor line = new Corridor(g.x(e), g.y(e), g.x(f), g.y(f), rnd);

            // junction hubs
            DoubleArrayList junctionAt = new DoubleArrayList();
            IntArrayList hubs = new IntArrayList();
            double spacing = spec.motorwayJunctionSpacingKm() * 1000;
            for (double s = END_CLEARANCE_METRES + spacing * (0.3 + 0.7 * rnd.nextDouble());
                    s < line.length - END_CLEARANCE_METRES;
                    s += spacing * (0.6 + 0.8 * rnd.nextDouble())) {
                double[] p = line.at(s);
                int hub = grid.nearest(p[0], p[1], v -> true);
                if (hub >= 0
                        && Math.sqrt(PointGrid.square(g.x(hub) - p[0]) + PointGrid.square(g.y(hub) - p[1]))
                                <= HUB_MAX_METRES) {
                    junctionAt.add(s);
                    hubs.add(hub);
                }
            }

            // positions along the line: regular shape points, dropped near a slip road
            int samples = Math.max(2, (int) Math.ceil(line.length / SAMPLE_METRES));
            double[] pos = new double[samples - 1 + 2 * junctionAt.size()];
            int[] rampOf = new int[pos.length];
            int n = 0;
            for (int i = 1; i < samples; i++) {
                double s = line.length * i / samples;
                boolean nearRamp = false;
                for (int j = 0; j < junctionAt.size(); j++)
                    nearRamp |= Math.abs(Math.abs(s - junctionAt.get(j)) - RAMP_METRES) < 150;
                if (!nearRamp) {
                    pos[n] = s;
                    rampOf[n++] = -1;
                }
            }
            for (int j = 0; j < junctionAt.size(); j++) {
                pos[n] = junctionAt.get(j) - RAMP_METRES;
                rampOf[n++] = 2 * j;
                pos[n] = junctionAt.get(j) + RAMP_METRES;
                rampOf[n++] = 2 * j + 1;
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) order[i] = i;
            final double[] positions = pos;
            Arrays.sort(order, (i, k) -> Double.compare(positions[i], positions[k]));

            int[] forward = new int[n], backward = new int[n];
            int[] rampForward = new int[2 * junctionAt.size()], rampBackward = new int[2 * junctionAt.size()];
            for (int k = 0; k < n; k++) {
                int i = order[k];
                double[] p = line.at(pos[i]);
                // p = {x, y, left normal x, left normal y}
                forward[k] = g.addVertex(
                        p[0] + p[2] * CARRIAGEWAY_OFFSET_METRES,
                        p[1] + p[3] * CARRIAGEWAY_OFFSET_METRES,
                        RoadGraph.RURAL);
                backward[k] = g.addVertex(
                        p[0] - p[2] * CARRIAGEWAY_OFFSET_METRES,
                        p[1] - p[3] * CARRIAGEWAY_OFFSET_METRES,
                        RoadGraph.RURAL);
                if (rampOf[i] >= 0) {
                    rampForward[rampOf[i]] = forward[k];
                    rampBackward[rampOf[i]] = backward[k];
                }
            }
            int prev = e;
            for (int k = 0; k < n; k++) {
                g.addEdge(prev, forward[k], Highway.MOTORWAY, RoadGraph.ONEWAY);
                prev = forward[k];
            }
            g.addEdge(prev, f, Highway.MOTORWAY, RoadGraph.ONEWAY);
            prev = f;
            for (int k = n - 1; k >= 0; k--) {
                g.addEdge(prev, backward[k], Highway.MOTORWAY, RoadGraph.ONEWAY);
                prev = backward[k];
            }
            g.addEdge(prev, e, Highway.MOTORWAY, RoadGraph.ONEWAY);
            for (int j = 0; j < junctionAt.size(); j++) {
                int hub = hubs.get(j);
                g.addEdge(rampForward[2 * j], hub, Highway.MOTORWAY_LINK, RoadGraph.ONEWAY);
                g.addEdge(hub, rampForward[2 * j + 1], Highway.MOTORWAY_LINK, RoadGraph.ONEWAY);
                g.addEdge(rampBackward[2 * j + 1], hub, Highway.MOTORWAY_LINK, RoadGraph.ONEWAY);
                g.addEdge(hub, rampBackward[2 * j], Highway.MOTORWAY_LINK, RoadGraph.ONEWAY);
            }
            built++;
            junctions += junctionAt.size();
            metres += 2 * line.length;
        }
        return new Result(built, junctions, metres);
    }

    /** The centre line: a straight line from E to F bent by two sine terms that vanish at the ends. */
    private static final class Corridor {
        final double[] xs;
        final double[] ys;
        final double[] arc;
        final double length;

        Corridor(double ex, double ey, double fx, double fy, SplittableRandom rnd) {
            double dx = fx - ex, dy = fy - ey;
            double d = Math.sqrt(dx * dx + dy * dy);
            double nx = -dy / d, ny = dx / d;
            double a1 = 0.12 * (rnd.nextDouble() - 0.5), a2 = 0.08 * (rnd.nextDouble() - 0.5);
            int steps = Math.max(8, (int) Math.ceil(d / 250));
            xs = new double[steps + 1];
            ys = new double[steps + 1];
            arc = new double[steps + 1];
            for (int i = 0; i <= steps; i++) {
                double t = (double) i / steps;
                double bend = d * (a1 * StrictMath.sin(Math.PI * t) + a2 * StrictMath.sin(2 * Math.PI * t));
                xs[i] = ex + t * dx + bend * nx;
                ys[i] = ey + t * dy + bend * ny;
                if (i > 0)
                    arc[i] = arc[i - 1]
                            + Math.sqrt(PointGrid.square(xs[i] - xs[i - 1]) + PointGrid.square(ys[i] - ys[i - 1]));
            }
            length = arc[steps];
        }

        /** {x, y, left normal x, left normal y} at arc length {@code s}. */
        double[] at(double s) {
            int i = Arrays.binarySearch(arc, s);
            if (i < 0) i = -i - 2;
            i = Math.max(0, Math.min(i, arc.length - 2));
            double segment = arc[i + 1] - arc[i];
            double t = segment <= 0 ? 0 : (s - arc[i]) / segment;
            double tx = (xs[i + 1] - xs[i]) / segment, ty = (ys[i + 1] - ys[i]) / segment;
            return new double[] {xs[i] + t * (xs[i + 1] - xs[i]), ys[i] + t * (ys[i + 1] - ys[i]), -ty, tx};
        }
    }
}
