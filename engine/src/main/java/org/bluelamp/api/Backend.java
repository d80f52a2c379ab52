package org.bluelamp.api;

import java.time.InstantSource;
import java.util.Objects;
import org.bluelamp.basemap.Basemap;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.road.LoadReport;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.ServiceArea;

/**
 * The engine parts the service serves: the fleet and its one intake, the ranking, the force's
 * policy book (its grades and incident types, which requests are checked against) and the clock,
 * and a description of the loaded map for health.
 *
 * @param fleet the fleet state
 * @param intake the fleet's intake; the service feeds it from one thread only
 * @param recommender dispatch ranking
 * @param policies the force's grade policies and incident types
 * @param clock the engine clock
 * @param map the loaded map
 * @param durable where changes of state are made durable before they are answered (in memory
 *     only without {@code --redis}), with the incidents and the audit trail; its fleet is
 *     {@code fleet}
 * @param conditions the road conditions the recommender ranks under (the {@code Roads} service
 *     changes them)
 * @param basemap the web console's basemap tiles, drawn from the loaded map's roads
 *
 * <p>Thread-safety: immutable (the parts are thread-safe as their own documentation says).
 */
public record Backend(
        FleetState fleet,
        FixIntake intake,
        Recommender recommender,
        PolicyBook policies,
        InstantSource clock,
        MapInfo map,
        DurableFleet durable,
        RoadConditions conditions,
        Basemap basemap) {

    public Backend {
        Objects.requireNonNull(fleet, "fleet");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(recommender, "recommender");
        Objects.requireNonNull(policies, "policies");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(map, "map");
        Objects.requireNonNull(durable, "durable");
        Objects.requireNonNull(conditions, "conditions");
        Objects.requireNonNull(basemap, "basemap");
        if (durable.fleet() != fleet) {
            throw new IllegalArgumentException("the durable fleet must be the backend's fleet");
        }
    }

    /** A backend whose state lives in memory only. */
    public Backend(
            FleetState fleet,
            FixIntake intake,
            Recommender recommender,
            PolicyBook policies,
            InstantSource clock,
            MapInfo map,
            RoadConditions conditions,
            Basemap basemap) {
        this(
                fleet,
                intake,
                recommender,
                policies,
                clock,
                map,
                DurableFleet.inMemory(fleet, clock),
                conditions,
                basemap);
    }

    /**
     * The backend of a dispatcher: its fleet and policies, the given intake and clock.
     */
    public static Backend of(Dispatcher dispatcher, FixIntake intake, InstantSource clock) {
        return of(dispatcher, intake, clock, DurableFleet.inMemory(dispatcher.fleet(), clock));
    }

    /** The backend of a dispatcher whose changes of state are made durable by {@code durable}. */
    public static Backend of(Dispatcher dispatcher, FixIntake intake, InstantSource clock, DurableFleet durable) {
        return new Backend(
                dispatcher.fleet(),
                intake,
                dispatcher::recommend,
                dispatcher.policies(),
                clock,
                MapInfo.of(dispatcher.network()),
                durable,
                dispatcher.conditions(),
                new Basemap(dispatcher.network()::sketch));
    }

    /**
     * The loaded map, for {@code /health} and the default service area.
     *
     * @param extract the extract's file name
     * @param nodes road graph nodes
     * @param edges road graph edges
     * @param minLatDeg south edge of the road graph, degrees
     * @param minLonDeg west edge, degrees
     * @param maxLatDeg north edge, degrees
     * @param maxLonDeg east edge, degrees
     */
    public record MapInfo(
            String extract,
            int nodes,
            int edges,
            double minLatDeg,
            double minLonDeg,
            double maxLatDeg,
            double maxLonDeg) {
        /** The margin around the map that the default service area adds, metres. */
        public static final double DEFAULT_SERVICE_AREA_MARGIN_METRES = 10_000;

        /** The description of an opened network. */
        public static MapInfo of(RoadNetwork network) {
            LoadReport r = network.loadReport();
            GeoBounds b = network.bounds();
            return new MapInfo(
                    r.extract().getFileName().toString(),
                    r.nodes(),
                    r.edges(),
                    b.minLatDeg(),
                    b.minLonDeg(),
                    b.maxLatDeg(),
                    b.maxLonDeg());
        }

        /**
         * Where {@code serve} takes positions when no {@code --service-area} is given: the map's
         * bounds with {@link #DEFAULT_SERVICE_AREA_MARGIN_METRES} around them (a unit beyond the map
         * cannot be routed; one just outside it may be about to drive in).
         */
        public ServiceArea defaultServiceArea() {
            return ServiceArea.around(minLatDeg, minLonDeg, maxLatDeg, maxLonDeg, DEFAULT_SERVICE_AREA_MARGIN_METRES);
        }
    }
}
