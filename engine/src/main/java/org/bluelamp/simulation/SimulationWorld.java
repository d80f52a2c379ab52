package org.bluelamp.simulation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bluelamp.coverage.Beats;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoverageArea;
import org.bluelamp.coverage.CoverageRoads;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.SharedRoadGraphs;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.Landmarks;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Everything a scenario's runs share, built once per map and scenario: the road network and its
 * travel-time graphs (the engine's, one per profile), the patrol graphs, road shapes, the demand
 * points, the stations placed on the roads, the grade policy and urban areas, and the units' list.
 * Each run ({@link Simulation}) adds its own fleet, dispatcher, clock and events.
 *
 * <p>Immutable after construction (road shapes fill a lock-free cache); thread-safe.
 */
public final class SimulationWorld {
    /** One unit of the scenario, as registered. */
    record UnitPlan(
            String id, UnitKind kind, int station, int shift, double patrolRadiusMetres, List<String> capabilities) {}

    private final RoadNetwork network;
    private final Scenario scenario;
    private final PolicyBook policies;
    private final UrbanAreas urbanAreas;
    private final Map<TravelProfile, TravelTimeGraph> graphs = new EnumMap<>(TravelProfile.class);
    private final SharedRoadGraphs shared;
    private final Map<TravelProfile, WalkGraph> walks = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, Landmarks> landmarks = new EnumMap<>(TravelProfile.class);
    private final Map<TravelProfile, EdgePlacement[]> stationPlacements = new EnumMap<>(TravelProfile.class);
    private final RoadShapes shapes;
    private final DemandPoints demandPoints;
    private final List<UnitPlan> units;
    private MoveUpPlanner moveUpPlanner;

    /**
     * Builds the world of a scenario on a road network.
     *
     * @param extract the OSM extract the network was opened from (the buildings proxy reads it)
     * @throws BluelampException INVALID_ARGUMENT naming the scenario field at fault (a station off
     *     the roads, a grade the policy does not know, a demand proxy the extract cannot give)
     */
    public SimulationWorld(
            RoadNetwork network, Path extract, Scenario scenario, PolicyBook policies, UrbanAreas urbanAreas) {
        this.network = Objects.requireNonNull(network);
        this.scenario = Objects.requireNonNull(scenario);
        this.policies = Objects.requireNonNull(policies);
        this.urbanAreas = Objects.requireNonNull(urbanAreas);
        for (int g = 0; g < scenario.demand().grades().size(); g++) {
            String code = scenario.demand().grades().get(g).grade();
            if (policies.findGrade(code).isEmpty()) {
                throw BluelampException.invalid(
                        "demand.grades[" + g + "].grade",
                        "demand.grades[" + g + "].grade '" + code + "' is not a grade of the policy "
                                + policies.name());
            }
        }
        for (TravelProfile p : network.options().profiles()) {
            graphs.put(p, TravelTimeGraph.build(network, p));
        }
        // graphs and hierarchies built once here and shared by every run's dispatcher (each would
        // build its own: seconds per run on New York)
        this.shared = new SharedRoadGraphs(network, graphs);
        for (TravelProfile p : graphs.keySet()) {
            shared.hierarchy(p);
        }
        this.shapes = new RoadShapes(network, graphs.get(TravelProfile.CAR).edgeCount());
        List<UnitPlan> plans = new ArrayList<>();
        for (Scenario.UnitGroup g : scenario.units()) {
            for (int k = 1; k <= g.count(); k++) {
                plans.add(new UnitPlan(
                        g.idPrefix() + "-" + k,
                        g.kind(),
                        scenario.stationIndex(g.station()),
                        scenario.shiftIndex(g.shift()),
                        g.patrolRadiusMetres(),
                        List.copyOf(g.capabilities())));
            }
            TravelProfile walkProfile = patrolProfile(g.kind());
            if (!graphs.containsKey(walkProfile)) {
                throw BluelampException.invalid(
                        "units", "profile " + walkProfile + " of " + g.kind() + " units is not prepared on this map");
            }
        }
        this.units = Collections.unmodifiableList(plans);
        for (TravelProfile p : graphs.keySet()) {
            EdgePlacement[] placed = new EdgePlacement[scenario.stations().size()];
            for (int s = 0; s < placed.length; s++) {
                Scenario.Station st = scenario.stations().get(s);
                try {
                    placed[s] = network.place(p, "stations[" + s + "]", st.location());
                } catch (BluelampException e) {
                    placed[s] = null; // not needed unless a unit of this profile works from it
                }
            }
            stationPlacements.put(p, placed);
        }
        for (UnitPlan u : plans) {
            TravelProfile p = patrolProfile(u.kind());
            if (stationPlacements.get(p)[u.station()] == null) {
                Scenario.Station st = scenario.stations().get(u.station());
                network.place(p, "stations[" + u.station() + "] (" + st.id() + ")", st.location()); // throws why
            }
        }
        walks.put(TravelProfile.CAR, walkGraph(TravelProfile.CAR));
        for (UnitPlan u : plans) {
            walks.computeIfAbsent(patrolProfile(u.kind()), this::walkGraph);
        }
        this.demandPoints =
                DemandPoints.of(scenario.demand().placement(), extract, shapes, walks.get(TravelProfile.CAR));
        // the landmarks of every profile a unit drives with (patrol and home; to incidents by grade)
        for (UnitPlan u : plans) {
            landmarks(patrolProfile(u.kind()));
            for (Scenario.GradeDemand g : scenario.demand().grades()) {
                landmarks(Dispatcher.profileFor(u.kind(), policies.getGrade(g.grade())));
            }
        }
    }

    /** How many landmarks guide the route searches of unit movement ({@link Landmarks}). */
    static final int LANDMARKS = 16;

    /**
     * The landmarks of a profile's graph for the runs' route searches: built with the world for
     * every profile its units drive with, otherwise on first use.
     */
    synchronized Landmarks landmarks(TravelProfile p) {
        return landmarks.computeIfAbsent(p, q -> Landmarks.build(graphs.get(q), LANDMARKS));
    }

    private WalkGraph walkGraph(TravelProfile p) {
        return new WalkGraph(graphs.get(p), network.mainNetworkEdges(p));
    }

    /** The profile a unit of this kind patrols and drives home with (not under blue lights). */
    static TravelProfile patrolProfile(UnitKind kind) {
        return switch (kind) {
            case CAR, VAN, MOTORCYCLE -> TravelProfile.CAR;
            case FOOT -> TravelProfile.FOOT;
            case BICYCLE -> TravelProfile.BIKE;
        };
    }

    /** The incidents of a replication: the same for every policy given the same seed. */
    Incidents incidents(int days, long seed) {
        return Incidents.generate(scenario, days, seed, demandPoints, network, policies, urbanAreas);
    }

    /** A dispatcher for one run over its own fleet, reading the run's clock. */
    Dispatcher dispatcher(org.bluelamp.fleet.FleetState fleet, SimClock clock) {
        Dispatcher d = Dispatcher.create(network, fleet, policies, urbanAreas, clock, shared);
        // one thread both moves the fleet and ranks: each query brings the buckets up to date
        // itself (no writer thread, no pass for changes no query sees)
        d.setBucketUpkeep(Dispatcher.BucketUpkeep.BY_QUERY);
        return d;
    }

    public RoadNetwork network() {
        return network;
    }

    public Scenario scenario() {
        return scenario;
    }

    public PolicyBook policies() {
        return policies;
    }

    /** What the demand points are (for the results). */
    public String demandDescription() {
        return demandPoints.description();
    }

    Map<TravelProfile, TravelTimeGraph> graphs() {
        return graphs;
    }

    WalkGraph walk(TravelProfile p) {
        return walks.get(p);
    }

    RoadShapes shapes() {
        return shapes;
    }

    List<UnitPlan> units() {
        return units;
    }

    EdgePlacement stationPlacement(TravelProfile p, int station) {
        return stationPlacements.get(p)[station];
    }

    /**
     * The move-up advice of this world, made on first use and shared by every run (it is
     * immutable): coverage measured over the scenario's own demand points (each weighing one; at
     * most {@link Scenario.MoveUp#maxDemandPoints} of them, every k-th weighing k) on
     * the world's graphs, Grade 1's target, the scenario's stations as the standby posts. Building it
     * places every demand point on every profile and searches once from each station (a second or
     * two for a county).
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code grade} when Grade 1 has no target
     */
    synchronized MoveUpPlanner moveUpPlanner() {
        if (moveUpPlanner == null) {
            int all = demandPoints.size();
            int max = scenario.moveUp().maxDemandPoints();
            int step = max > 0 && all > max ? (all + max - 1) / max : 1;
            int n = (all + step - 1) / step;
            double[] lat = new double[n];
            double[] lon = new double[n];
            double[] weight = new double[n];
            for (int k = 0; k < n; k++) {
                lat[k] = demandPoints.latDeg()[k * step];
                lon[k] = demandPoints.lonDeg()[k * step];
                weight[k] = step;
            }
            String what = step == 1
                    ? "the scenario's demand points: " + demandPoints.description()
                    : String.format(
                            java.util.Locale.ROOT,
                            "every %d%s of the scenario's demand points (%,d of %s), each weighing %d",
                            step,
                            step == 2 ? "nd" : step == 3 ? "rd" : "th",
                            n,
                            demandPoints.description(),
                            step);
            CoverageArea area = CoverageArea.build(
                    CoverageRoads.of(
                            network, graphs::get, p -> shared.hierarchy(p).orElse(null)),
                    urbanAreas,
                    Beats.none(),
                    new org.bluelamp.coverage.DemandPoints(
                            lat, lon, weight, org.bluelamp.coverage.DemandPoints.Source.FILE, what));
            List<CandidateSite> posts = new ArrayList<>();
            for (Scenario.Station s : scenario.stations()) {
                posts.add(new CandidateSite(s.id(), s.id(), s.location()));
            }
            moveUpPlanner = MoveUpPlanner.prepare(area, policies, MOVE_UP_GRADE, posts, 1);
        }
        return moveUpPlanner;
    }

    /** The grade whose coverage move-up restores. */
    static final String MOVE_UP_GRADE = "1";
}
