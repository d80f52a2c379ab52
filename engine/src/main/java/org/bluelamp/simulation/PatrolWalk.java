package org.bluelamp.simulation;

import java.util.SplittableRandom;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Patrol movement: a free unit drives (walks, cycles) along the roads of its kind's profile, at
 * junctions taking a random way on (never straight back the way it came unless the road ends),
 * and once further from its patrol centre (its station) than its patrol radius it takes the way
 * that leads nearest the centre three times in four. Segments are generated as time passes
 * ({@link #extend}), each edge at its profile time divided by the patrol speed factor, so the
 * walk costs nothing while nobody looks at the unit.
 *
 * <p>Stateless apart from its configuration; the unit's state is its {@link Motion} and its random
 * stream. Not thread-safe (one per simulation run).
 */
final class PatrolWalk {
    /** How often a unit beyond its patrol radius heads back towards its centre at a junction. */
    static final double RETURN_BIAS = 0.75;

    private final WalkGraph walk;
    private final TravelTimeGraph graph;
    private final RoadShapes shapes;
    private final double speedFactor;
    private final int[] scratchArcs = new int[64];

    PatrolWalk(WalkGraph walk, RoadShapes shapes, double speedFactor) {
        this.walk = walk;
        this.graph = walk.graph();
        this.shapes = shapes;
        this.speedFactor = speedFactor;
    }

    /**
     * Starts patrolling from where the unit stands ({@code metres} from the base of {@code edge}) at
     * {@code nowMillis}: the motion is restarted there, then heads for one end of the edge.
     */
    void begin(
            Motion m,
            int edge,
            double metres,
            long nowMillis,
            SplittableRandom rnd,
            double centreLat,
            double centreLon,
            double radiusMetres) {
        m.restartFrom(edge, metres, nowMillis);
        double length = graph.edgeDistanceMetres(edge);
        boolean canBase = graph.edgeBwdMillis(edge) != TravelTimeGraph.CLOSED;
        boolean canAdj = graph.edgeFwdMillis(edge) != TravelTimeGraph.CLOSED;
        if (!canBase && !canAdj) {
            return; // a road this profile may not use: stand still
        }
        boolean toAdj;
        if (canBase && canAdj) {
            int base = graph.edgeBase(edge);
            int adj = graph.edgeAdj(edge);
            if (distance(base, centreLat, centreLon) > radiusMetres && rnd.nextDouble() < RETURN_BIAS) {
                toAdj = distance(adj, centreLat, centreLon) < distance(base, centreLat, centreLon);
            } else {
                toAdj = rnd.nextBoolean();
            }
        } else {
            toAdj = canAdj;
        }
        double target = toAdj ? length : 0;
        int full = toAdj ? graph.edgeFwdMillis(edge) : graph.edgeBwdMillis(edge);
        double part = Math.abs(target - metres);
        long millis = length > 0 ? patrolMillis(full * (part / length)) : 0;
        m.append(edge, metres, target, nowMillis, nowMillis + millis);
    }

    /**
     * Adds walk segments until the plan reaches past {@code untilMillis} (or the unit is stuck,
     * when it stands still for good).
     */
    void extend(
            Motion m, long untilMillis, SplittableRandom rnd, double centreLat, double centreLon, double radiusMetres) {
        while (m.endMillis() <= untilMillis) {
            int edge = m.endEdge();
            double at = m.endMetres();
            int node;
            if (at == 0) {
                node = graph.edgeBase(edge);
            } else if (at == graph.edgeDistanceMetres(edge)) {
                node = graph.edgeAdj(edge);
            } else {
                throw new IllegalStateException("a patrol segment ends inside edge " + edge);
            }
            int came = m.lastMovingEdge();
            int arc = chooseArc(node, came, rnd, centreLat, centreLon, radiusMetres);
            long t0 = m.endMillis();
            if (arc < 0) {
                m.append(edge, at, at, t0, Motion.FOREVER);
                return;
            }
            int e = walk.arcEdge(arc);
            boolean forward = graph.edgeBase(e) == node;
            double length = graph.edgeDistanceMetres(e);
            m.append(e, forward ? 0 : length, forward ? length : 0, t0, t0 + patrolMillis(walk.arcMillis(arc)));
        }
    }

    private int chooseArc(int node, int cameAlong, SplittableRandom rnd, double cLat, double cLon, double radius) {
        int n = 0;
        int uTurn = -1;
        for (int a = walk.firstArc(node), end = walk.endArc(node); a < end; a++) {
            if (walk.arcEdge(a) == cameAlong) {
                uTurn = a;
            } else if (n < scratchArcs.length) {
                scratchArcs[n++] = a;
            }
        }
        if (n == 0) {
            return uTurn; // a dead end: turn back (or -1: stuck)
        }
        if (n > 1 && distance(node, cLat, cLon) > radius && rnd.nextDouble() < RETURN_BIAS) {
            int best = scratchArcs[0];
            double bestDistance = distance(walk.arcHead(best), cLat, cLon);
            for (int i = 1; i < n; i++) {
                double d = distance(walk.arcHead(scratchArcs[i]), cLat, cLon);
                if (d < bestDistance) {
                    best = scratchArcs[i];
                    bestDistance = d;
                }
            }
            return best;
        }
        return scratchArcs[rnd.nextInt(n)];
    }

    private double distance(int node, double lat, double lon) {
        return RoadShapes.planeMetres(shapes.nodeLatDeg(node), shapes.nodeLonDeg(node), lat, lon);
    }

    private long patrolMillis(double profileMillis) {
        return Math.max(1, Math.round(profileMillis / speedFactor));
    }
}
