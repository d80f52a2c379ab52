package org.bluelamp.api.demo;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bluelamp.api.IntakeWorker;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoBounds;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A demonstration fleet for a newcomer's first {@code serve}: about 40 units of mixed kinds,
 * capabilities and statuses on the loaded map, patrolling along real road routes (one route after
 * another between random road points, at the route's own travel time), each reporting a fix every
 * 5 to 10 seconds through the same intake thread the gateways use.
 *
 * <p>Units that are available, en route or on patrol move; units at scene, at the station, on
 * refreshment or off duty stand still but keep reporting, as real radios do. Status changes made
 * through the service (e.g. an assignment) are respected: the simulator only reads statuses.
 *
 * <p>Deterministic for a seed (which units, where they start, where they go); fix times follow
 * the clock.
 *
 * <p>Thread-safety: one simulator thread; {@link #close} from any thread.
 */
public final class DemoFleet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoFleet.class);
    private static final int SNAP_ATTEMPTS = 40;

    private final RoadNetwork network;
    private final FleetState fleet;
    private final IntakeWorker intake;
    private final InstantSource clock;
    private final SplittableRandom random;
    private final GeoBounds bounds;
    private final List<SimUnit> units = new ArrayList<>();
    private final ScheduledExecutorService timer;

    /** One simulated unit: its route and where it is along it. */
    private static final class SimUnit {
        final String id;
        final TravelProfile profile;
        double[] lats;
        double[] lons;
        double[] cumulativeMetres;
        long routeStartMillis;
        long routeMillis;
        long nextReportMillis;
        long reportIntervalMillis;

        SimUnit(String id, TravelProfile profile) {
            this.id = id;
            this.profile = profile;
        }
    }

    /** Kind, capabilities and status of each demonstration unit, by slot. */
    private record Template(
            String prefix, UnitKind kind, Set<String> capabilities, int crew, UnitStatus status, String grade) {}

    private static final List<Template> TEMPLATES = List.of(
            new Template("IR", UnitKind.CAR, Set.of("advanced_driver"), 2, UnitStatus.AVAILABLE, null),
            new Template("IR", UnitKind.CAR, Set.of(), 2, UnitStatus.AVAILABLE, null),
            new Template(
                    "AR", UnitKind.CAR, Set.of("armed_response", "advanced_driver"), 2, UnitStatus.AVAILABLE, null),
            new Template(
                    "RP",
                    UnitKind.CAR,
                    Set.of("roads_policing", "advanced_driver", "first_aid"),
                    2,
                    UnitStatus.AVAILABLE,
                    null),
            new Template("IR", UnitKind.CAR, Set.of("first_aid"), 1, UnitStatus.COMMITTED, "3"),
            new Template("PD", UnitKind.CAR, Set.of("dog"), 1, UnitStatus.AVAILABLE, null),
            new Template("PO", UnitKind.VAN, Set.of("public_order"), 6, UnitStatus.AVAILABLE, null),
            new Template(
                    "RM",
                    UnitKind.MOTORCYCLE,
                    Set.of("roads_policing", "advanced_driver"),
                    1,
                    UnitStatus.AVAILABLE,
                    null),
            new Template("FT", UnitKind.FOOT, Set.of("first_aid"), 2, UnitStatus.AVAILABLE, null),
            new Template("FT", UnitKind.FOOT, Set.of(), 1, UnitStatus.AVAILABLE, null),
            new Template("CY", UnitKind.BICYCLE, Set.of("first_aid"), 1, UnitStatus.AVAILABLE, null),
            new Template("IR", UnitKind.CAR, Set.of(), 2, UnitStatus.AT_STATION, null),
            new Template("IR", UnitKind.CAR, Set.of(), 1, UnitStatus.REFRESHMENT, null),
            new Template("FT", UnitKind.FOOT, Set.of(), 2, UnitStatus.AT_SCENE, "2"),
            new Template("IR", UnitKind.CAR, Set.of("advanced_driver"), 2, UnitStatus.EN_ROUTE, "2"),
            new Template("IR", UnitKind.CAR, Set.of(), 1, UnitStatus.OFF_DUTY, null));

    private DemoFleet(RoadNetwork network, FleetState fleet, IntakeWorker intake, InstantSource clock, long seed) {
        this.network = network;
        this.fleet = fleet;
        this.intake = intake;
        this.clock = clock;
        this.random = new SplittableRandom(seed);
        this.bounds = network.bounds();
        this.timer = Executors.newSingleThreadScheduledExecutor(r ->
                Thread.ofPlatform().name("bluelamp-demo-fleet").daemon(true).unstarted(r));
    }

    /**
     * Registers {@code unitCount} demonstration units (ids {@code DEMO-01}...) in {@code fleet},
     * places them on roads, sends their first fixes and starts moving them. Grades of committed
     * units must be known to the force's policy ("2" and "3" in the shipped one).
     */
    public static DemoFleet start(
            RoadNetwork network, FleetState fleet, IntakeWorker intake, InstantSource clock, int unitCount, long seed) {
        DemoFleet d = new DemoFleet(network, fleet, intake, clock, seed);
        d.register(unitCount);
        d.timer.scheduleWithFixedDelay(d::tickSafely, 0, 500, TimeUnit.MILLISECONDS);
        LOG.info(
                "demonstration fleet: {} units moving on {} (seed {})",
                unitCount,
                network.loadReport().extract().getFileName(),
                seed);
        return d;
    }

    /** The number of simulated units. */
    public int size() {
        return units.size();
    }

    private void register(int count) {
        long now = clock.millis();
        int[] callsignNumbers = new int[100];
        for (int i = 0; i < count; i++) {
            Template t = TEMPLATES.get(i % TEMPLATES.size());
            String id = String.format("DEMO-%02d", i + 1);
            String callsign = t.prefix() + (10 + (++callsignNumbers[t.prefix().charAt(0) % 100]) * 10 + i % 10);
            UnitSpec spec = new UnitSpec(
                    id, callsign, t.kind(), t.capabilities(), t.crew(), i % 2 == 0 ? "Monaco-Ville" : "Monte-Carlo");
            fleet.register(spec, new StatusChange(t.status(), t.grade(), now));
            SimUnit u = new SimUnit(
                    id, TravelProfile.find(t.kind().routingProfile()).orElseThrow());
            u.reportIntervalMillis = 5_000 + random.nextInt(5_001);
            u.nextReportMillis = now; // first fix at once
            newRoute(u, randomRoadPoint(u.profile), now);
            units.add(u);
        }
    }

    private void tickSafely() {
        try {
            tick(clock.millis());
        } catch (RuntimeException e) {
            LOG.warn("demonstration fleet tick failed: {}", e.toString());
        }
    }

    private long lastTickMillis = Long.MIN_VALUE;

    private void tick(long now) {
        long delta = lastTickMillis == Long.MIN_VALUE ? 0 : Math.max(0, now - lastTickMillis);
        lastTickMillis = now;
        List<double[]> fixes = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (SimUnit u : units) {
            UnitStatus status = fleet.getStatus(u.id).status();
            boolean moving =
                    status == UnitStatus.AVAILABLE || status == UnitStatus.EN_ROUTE || status == UnitStatus.COMMITTED;
            if (!moving) {
                u.routeStartMillis += delta; // stands still: time along its route does not advance
            }
            if (now < u.nextReportMillis) {
                continue;
            }
            u.nextReportMillis = now + u.reportIntervalMillis;
            long elapsed = now - u.routeStartMillis;
            if (moving && elapsed >= u.routeMillis) {
                newRoute(u, endOf(u), now);
                elapsed = 0;
            }
            fixes.add(positionAt(u, elapsed));
            ids.add(u.id);
        }
        if (fixes.isEmpty()) {
            return;
        }
        boolean queued = intake.offer(() -> {
            for (int i = 0; i < fixes.size(); i++) {
                double[] f = fixes.get(i);
                intake.intake().apply(ids.get(i), f[0], f[1], now, 5.0 + random(i), f[2], f[3], FixReason.PERIODIC);
            }
        });
        if (!queued) {
            LOG.debug("intake queue full: demonstration fixes of this tick skipped");
        }
    }

    private static double random(int i) {
        return (i * 7919 % 10) / 2.0; // 0 to 4.5 m: a fixed, plausible spread of reported accuracy
    }

    private GeoPoint endOf(SimUnit u) {
        return new GeoPoint(u.lats[u.lats.length - 1], u.lons[u.lons.length - 1]);
    }

    /** Starts a route from {@code from} to a random road point; stays put if none can be found. */
    private void newRoute(SimUnit u, GeoPoint from, long now) {
        for (int attempt = 0; attempt < 10; attempt++) {
            GeoPoint to = randomRoadPoint(u.profile);
            try {
                Route r = network.route(u.profile, from, to);
                if (r.latsDeg().length < 2 || r.timeMillis() <= 0) {
                    continue;
                }
                set(u, r.latsDeg(), r.lonsDeg(), r.timeMillis(), now);
                return;
            } catch (BluelampException e) {
                // no route from here to there on this profile: try another destination
            }
        }
        set(u, new double[] {from.latDeg(), from.latDeg()}, new double[] {from.lonDeg(), from.lonDeg()}, 60_000, now);
    }

    private static void set(SimUnit u, double[] lats, double[] lons, long millis, long now) {
        u.lats = lats;
        u.lons = lons;
        u.cumulativeMetres = new double[lats.length];
        for (int i = 1; i < lats.length; i++) {
            u.cumulativeMetres[i] =
                    u.cumulativeMetres[i - 1] + GeoPoint.haversineMetres(lats[i - 1], lons[i - 1], lats[i], lons[i]);
        }
        u.routeMillis = millis;
        u.routeStartMillis = now;
    }

    /** Latitude, longitude, speed (m/s, NaN when still) and heading (degrees, NaN when still). */
    private static double[] positionAt(SimUnit u, long elapsedMillis) {
        double total = u.cumulativeMetres[u.cumulativeMetres.length - 1];
        if (total <= 0 || elapsedMillis <= 0) {
            return new double[] {u.lats[0], u.lons[0], Double.NaN, Double.NaN};
        }
        double along = total * Math.min(1.0, (double) elapsedMillis / u.routeMillis);
        int i = 1;
        while (i < u.cumulativeMetres.length - 1 && u.cumulativeMetres[i] < along) {
            i++;
        }
        double seg = u.cumulativeMetres[i] - u.cumulativeMetres[i - 1];
        double f = seg <= 0 ? 0 : (along - u.cumulativeMetres[i - 1]) / seg;
        double lat = u.lats[i - 1] + f * (u.lats[i] - u.lats[i - 1]);
        double lon = u.lons[i - 1] + f * (u.lons[i] - u.lons[i - 1]);
        double speed = total / (u.routeMillis / 1000.0);
        double y = Math.sin(Math.toRadians(u.lons[i] - u.lons[i - 1])) * Math.cos(Math.toRadians(u.lats[i]));
        double x = Math.cos(Math.toRadians(u.lats[i - 1])) * Math.sin(Math.toRadians(u.lats[i]))
                - Math.sin(Math.toRadians(u.lats[i - 1]))
                        * Math.cos(Math.toRadians(u.lats[i]))
                        * Math.cos(Math.toRadians(u.lons[i] - u.lons[i - 1]));
        double heading = (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
        return new double[] {lat, lon, Math.min(speed, 60), seg <= 0 ? Double.NaN : heading};
    }

    /** A random point on a road the profile may use, inside the map. */
    private GeoPoint randomRoadPoint(TravelProfile profile) {
        BluelampException last = null;
        for (int i = 0; i < SNAP_ATTEMPTS; i++) {
            GeoPoint p = new GeoPoint(
                    bounds.minLatDeg() + random.nextDouble() * (bounds.maxLatDeg() - bounds.minLatDeg()),
                    bounds.minLonDeg() + random.nextDouble() * (bounds.maxLonDeg() - bounds.minLonDeg()));
            try {
                return network.snap(profile, "demo", p).snapped();
            } catch (BluelampException e) {
                last = e;
            }
        }
        throw new BluelampException(
                org.bluelamp.error.ErrorKind.UNAVAILABLE,
                "map",
                "the demonstration fleet found no road for profile " + profile + " on this map: " + last.getMessage());
    }

    /** Stops moving the units (they stay registered). */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
