package org.bluelamp.simulation;

import java.util.EnumMap;
import java.util.Map;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadPath;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The route a unit drives when it is sent somewhere: the engine's own many-to-one search (the
 * one that ranks units) run from the destination with the unit as its only source, so the time a
 * simulated unit takes is exactly the road time the engine would report for it. The route's
 * nodes and edges become the segments of the unit's {@link Motion}, each edge at the profile's
 * own milliseconds (a partial edge in proportion to its length, as the engine and GraphHopper time
 * it); their sum is checked against the search's time.
 *
 * <p>Not thread-safe: one per simulation run (each search holds per-node state).
 */
final class RouteFinder {
    private static final ManyToOneSearch.Goal FIRST = (source, totalMillis) -> true;

    private final Map<TravelProfile, ManyToOneSearch> searches = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, TravelTimeGraph> graphs;
    private long routes;
    private long settledNodes;

    RouteFinder(Map<TravelProfile, TravelTimeGraph> graphs) {
        this.graphs = graphs;
    }

    /**
     * Plans the drive from {@code from} to {@code to}, leaving at {@code departMillis}: appends its
     * segments to {@code m} (which must stand at {@code from} until then).
     *
     * @return the road time in milliseconds, or -1 when the road network does not connect them
     */
    long drive(TravelProfile profile, EdgePlacement from, EdgePlacement to, long departMillis, Motion m) {
        TravelTimeGraph g = graphs.get(profile);
        ManyToOneSearch search = searches.computeIfAbsent(profile, p -> new ManyToOneSearch(g));
        search.start(to);
        int source = search.addSource(from, 0);
        search.run(FIRST, Integer.MAX_VALUE);
        routes++;
        settledNodes += search.settledNodes();
        if (!search.isConfirmed(source)) {
            return -1;
        }
        int road = search.roadMillis(source);
        RoadPath path = search.path(source);
        long t = departMillis;
        int[] nodes = path.nodes();
        int[] edges = path.edges();
        if (path.alongTargetEdge()) {
            t = segment(m, from.edgeId(), from.toBaseMetres(), to.toBaseMetres(), t, road);
        } else {
            int e = from.edgeId();
            int toBase = g.millisToBase(from);
            int toAdj = g.millisToAdj(from);
            boolean viaBase = g.edgeBase(e) == g.edgeAdj(e)
                    ? toAdj == TravelTimeGraph.CLOSED || (toBase != TravelTimeGraph.CLOSED && toBase <= toAdj)
                    : nodes[0] == g.edgeBase(e);
            t = segment(m, e, from.toBaseMetres(), viaBase ? 0 : g.edgeDistanceMetres(e), t, viaBase ? toBase : toAdj);
            for (int i = 0; i < edges.length; i++) {
                int edge = edges[i];
                boolean forward = g.edgeBase(edge) == nodes[i];
                double length = g.edgeDistanceMetres(edge);
                t = segment(
                        m,
                        edge,
                        forward ? 0 : length,
                        forward ? length : 0,
                        t,
                        forward ? g.edgeFwdMillis(edge) : g.edgeBwdMillis(edge));
            }
            int last = nodes[nodes.length - 1];
            int te = to.edgeId();
            int fromBase = g.millisFromBase(to);
            int fromAdj = g.millisFromAdj(to);
            boolean atBase = g.edgeBase(te) == g.edgeAdj(te)
                    ? fromAdj == TravelTimeGraph.CLOSED || (fromBase != TravelTimeGraph.CLOSED && fromBase <= fromAdj)
                    : last == g.edgeBase(te);
            t = segment(
                    m, te, atBase ? 0 : g.edgeDistanceMetres(te), to.toBaseMetres(), t, atBase ? fromBase : fromAdj);
        }
        if (t - departMillis != road) {
            throw new IllegalStateException("route segments take " + (t - departMillis) + " ms, the search says " + road
                    + " ms (edge " + from.edgeId() + " to edge " + to.edgeId() + ")");
        }
        return road;
    }

    private static long segment(Motion m, int edge, double from, double to, long t0, int millis) {
        if (millis < 0) {
            throw new IllegalStateException("a route uses edge " + edge + " in a closed direction");
        }
        m.append(edge, from, to, t0, t0 + millis);
        return t0 + millis;
    }

    /** Routes planned so far. */
    long routes() {
        return routes;
    }

    /** Road nodes the route searches settled so far (the measure of their work). */
    long settledNodes() {
        return settledNodes;
    }
}
