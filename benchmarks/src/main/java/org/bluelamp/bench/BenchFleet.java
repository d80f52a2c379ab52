package org.bluelamp.bench;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.RoadNetwork;

/**
 * Benchmark fleets: {@code units} available cars at random road junctions (so they are spread
 * like the road network: dense in towns, sparse in the country), and an intake load that keeps
 * moving them while queries run, as radios do.
 */
public final class BenchFleet {
    private BenchFleet() {}

    /** A fleet and the junction each unit stands at. */
    public record Fleet(FleetState state, int[] nodes) {}

    /**
     * A fleet of available cars, one at each position, each with a fix 30 s before
     * {@code nowMillis} (10 m accuracy).
     */
    public static FleetState at(java.util.List<org.bluelamp.geo.GeoPoint> positions, long nowMillis) {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int i = 0; i < positions.size(); i++) {
            var u = fleet.register(
                    UnitSpec.minimal("U" + i, UnitKind.CAR), StatusChange.of(UnitStatus.AVAILABLE, nowMillis - 60_000));
            fleet.recordFix(
                    u.unitIndex(),
                    positions.get(i).latDeg(),
                    positions.get(i).lonDeg(),
                    nowMillis - 30_000,
                    10,
                    Double.NaN,
                    Double.NaN,
                    FixReason.PERIODIC);
        }
        return fleet;
    }

    /**
     * A fleet of available cars at random car junctions (so denser where roads are), or, with
     * {@code -Dbluelamp.bench.spread=box}, as {@code dispatch load} spreads them: uniformly over
     * the map's box less a tenth at each side, each within the snap limit of a car road (redrawn
     * otherwise), its junction for {@link IntakeLoad} the base node of the edge it snaps to. Each
     * with a fix 30 s before {@code nowMillis}. The fleet's grid cells are
     * sized by the fleet itself as {@code dispatch serve}'s are ({@code FleetOptions.AUTOMATIC_GRID}),
     * or fixed at {@code -Dbluelamp.bench.gridCellMetres} on a side (65,536 buckets, as
     * {@code serve --grid-cell-metres}).
     */
    /**
     * A dispatcher ranking {@code fleet} on {@code net} with the default policies, no urban areas
     * and its clock fixed at {@code nowMillis}: the ranking the benchmark tools measure.
     */
    public static Dispatcher dispatcher(RoadNetwork net, Fleet fleet, long nowMillis) {
        return Dispatcher.create(
                net,
                fleet.state(),
                PolicyBook.loadDefault(fleet.state().options().capabilities()),
                UrbanAreas.none(),
                InstantSource.fixed(Instant.ofEpochMilli(nowMillis)));
    }

    public static Fleet create(RoadNetwork net, int units, long seed, long nowMillis) {
        Random rnd = new Random(seed);
        FleetOptions options = FleetOptions.defaults();
        String cell = System.getProperty("bluelamp.bench.gridCellMetres");
        if (cell != null) {
            options = options.withGrid(Double.parseDouble(cell), 1 << 16);
        }
        FleetState fleet = new FleetState(options);
        var g = net.oracle().graphHopper().getBaseGraph();
        var na = g.getNodeAccess();
        int[] junctions = CarJunctions.of(net);
        boolean box = System.getProperty("bluelamp.bench.spread", "junctions").equals("box");
        var b = net.bounds();
        double latSpan = b.maxLatDeg() - b.minLatDeg();
        double lonSpan = b.maxLonDeg() - b.minLonDeg();
        int[] at = new int[units];
        for (int i = 0; i < units; i++) {
            var u = fleet.register(
                    UnitSpec.minimal("U" + i, UnitKind.CAR), StatusChange.of(UnitStatus.AVAILABLE, nowMillis - 60_000));
            double lat;
            double lon;
            int node;
            if (box) {
                while (true) {
                    lat = b.minLatDeg() + latSpan * (0.1 + 0.8 * rnd.nextDouble());
                    lon = b.minLonDeg() + lonSpan * (0.1 + 0.8 * rnd.nextDouble());
                    try {
                        var p = net.place(
                                org.bluelamp.road.TravelProfile.CAR, "unit", new org.bluelamp.geo.GeoPoint(lat, lon));
                        node = g.getEdgeIteratorState(p.edgeId(), Integer.MIN_VALUE)
                                .getBaseNode();
                        break;
                    } catch (org.bluelamp.error.BluelampException e) {
                        // off the roads: draw again
                    }
                }
            } else {
                node = junctions[rnd.nextInt(junctions.length)];
                lat = na.getLat(node);
                lon = na.getLon(node);
            }
            at[i] = node;
            fleet.recordFix(
                    u.unitIndex(), lat, lon, nowMillis - 30_000, 10, Double.NaN, Double.NaN, FixReason.PERIODIC);
        }
        System.out.printf(
                "# fleet grid: %s cells of %.0f m, %d buckets, %d units%n",
                fleet.options().automaticGrid() ? "automatic" : "fixed",
                fleet.gridCellMetres(),
                fleet.gridBucketCount(),
                units);
        return new Fleet(fleet, at);
    }

    /**
     * A thread applying fixes at {@code fixesPerSecond}: each moves a random unit to another
     * junction near it (a few hundred metres), with a newer position time. The one writer of the
     * fleet while it runs.
     */
    public static final class IntakeLoad implements AutoCloseable {
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong applied = new AtomicLong();
        private final Thread thread;

        public IntakeLoad(RoadNetwork net, Fleet benchFleet, int fixesPerSecond, long seed, long nowMillis) {
            FleetState fleet = benchFleet.state();
            var g = net.oracle().graphHopper().getBaseGraph();
            var na = g.getNodeAccess();
            var explorer = g.createEdgeExplorer();
            var w = net.oracle().weighting(org.bluelamp.road.TravelProfile.CAR);
            thread = new Thread(
                    () -> {
                        Random rnd = new Random(seed);
                        long t = nowMillis - 20_000;
                        long intervalNanos = 1_000_000_000L / Math.max(1, fixesPerSecond);
                        long next = System.nanoTime();
                        int[] position = benchFleet.nodes().clone();
                        while (running.get()) {
                            int unit = rnd.nextInt(fleet.unitCount());
                            int node = position[unit];
                            for (int step = 0; step < 3; step++) {
                                var it = explorer.setBaseNode(node);
                                int pick = -1;
                                int seen = 0;
                                while (it.next()) {
                                    if (Double.isFinite(w.calcEdgeWeight(it, false)) && rnd.nextInt(++seen) == 0) {
                                        pick = it.getAdjNode();
                                    }
                                }
                                if (pick >= 0) {
                                    node = pick;
                                }
                            }
                            position[unit] = node;
                            fleet.recordFix(
                                    unit,
                                    na.getLat(node),
                                    na.getLon(node),
                                    t++,
                                    10,
                                    Double.NaN,
                                    Double.NaN,
                                    FixReason.PERIODIC);
                            applied.incrementAndGet();
                            next += intervalNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                LockSupport.parkNanos(wait);
                            }
                        }
                    },
                    "intake-load");
            thread.setDaemon(true);
            thread.start();
        }

        public long applied() {
            return applied.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join();
        }
    }
}
