package org.bluelamp.simulation;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.Landmarks;
import org.bluelamp.road.RoadPath;
import org.bluelamp.road.RouteSearch;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The route a unit drives when it is sent somewhere: the fastest route over the engine's own
 * {@link TravelTimeGraph} (the graph that ranks units), found by {@link RouteSearch} (A* with
 * landmarks, exactly the time and route the engine's many-to-one search gives, without settling
 * every node closer to the destination than the unit), so the time a simulated unit takes is
 * exactly the road time the engine would report for it. The route's
 * nodes and edges become the segments of the unit's {@link Motion}, each edge at the profile's
 * own milliseconds (a partial edge in proportion to its length, as the engine and GraphHopper time
 * it); their sum is checked against the search's time.
 *
 * <p>Not thread-safe: one per simulation run (each search holds per-node state).
 */
final class RouteFinder {
    private final Map<TravelProfile, RouteSearch> searches = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, TravelTimeGraph> graphs;
    private final Function<TravelProfile, Landmarks> landmarks;
    private long routes;
    private long settledNodes;

    /**
     * @param graphs the travel-time graph of each profile
     * @param landmarks the landmarks of a profile's graph (shared by the runs of a world)
     */
    RouteFinder(Map<TravelProfile, TravelTimeGraph> graphs, Function<TravelProfile, Landmarks> landmarks) {
        this.graphs = graphs;
        this.landmarks = landmarks;
    }

    /**
     * Plans the drive from {@code from} to {@code to}, leaving at {@code departMillis}: appends its
     * segments to {@code m} (which must stand at {@code from} until then).
     *
     * @return the road time in milliseconds, or -1 when the road network does not connect them
     */
    long drive(TravelProfile profile, EdgePlacement from, EdgePlacement to, long departMillis, Motion m) {
        TravelTimeGraph g = graphs.get(profile);
        RouteSearch search = searches.computeIfAbsent(profile, p -> new RouteSearch(landmarks.apply(p)));
        int road = search.route(from, to);
        routes++;
        settledNodes += search.settledNodes();
        if (road == RouteSearch.NO_ROUTE) {
            return -1;
        }
        RoadPath path = search.path();
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
