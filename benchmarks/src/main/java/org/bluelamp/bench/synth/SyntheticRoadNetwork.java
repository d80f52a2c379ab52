package org.bluelamp.bench.synth;

import com.carrotsearch.hppc.IntArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Generates a synthetic road network and writes it as an {@code .osm.pbf} file that GraphHopper
 * imports like a real extract. See the package documentation for the stages.
 *
 * <p>Command line:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.synth.SyntheticRoadNetwork \
 *     --junctions 2000000 --seed 42 --out /tmp/national.osm.pbf
 * </pre>
 * Options: {@code --junctions N} (default 264000), {@code --seed S} (42), {@code --out FILE}
 * (required), {@code --junctions-per-km2 D} (20), {@code --urban-share U} (0.7),
 * {@code --motorway-junction-spacing-km K} (10).
 *
 * <p>The number of junctions is steered to the target by a calibration pass: the base network
 * (settlements and lanes, no hierarchy) is built once at a guessed size, its junctions counted, and
 * the full network built again at the corrected size. Stateless; each call generates from scratch.
 */
public final class SyntheticRoadNetwork {
    /** First guess of generated vertices (junctions plus shape nodes) per junction. */
    static final double VERTICES_PER_JUNCTION_GUESS = 1.3;

    private SyntheticRoadNetwork() {}

    /**
     * What was generated.
     *
     * @param junctions       graph nodes GraphHopper will create (way ends and shared nodes)
     * @param osmNodes        all nodes written, junctions plus shape nodes
     * @param junctionsByDegree junctions by number of road segments meeting there (index 5: five or more)
     * @param segments        road segments between consecutive nodes
     * @param ways            OSM ways written
     * @param settlements     settlements placed
     * @param cities          settlements of at least 20,000 street vertices
     * @param towns           settlements of 1,000 to 20,000
     * @param villages        smaller settlements
     * @param motorwayCorridors motorways built
     * @param motorwayJunctions junctions with slip roads
     * @param lengthKmByClass carriageway length per {@link Highway} ordinal, km
     * @param onewaySegmentShare share of segments that are one-way
     * @param componentLinks  roads added to join pieces the proximity graph left apart
     * @param onewaysReverted one-way streets made two-way to keep the network strongly connected
     * @param fileBytes       size of the written file
     * @param generateSeconds time to generate (both passes), seconds
     * @param writeSeconds    time to write the file, seconds
     */
    public record Stats(
            int junctions,
            int osmNodes,
            int[] junctionsByDegree,
            int segments,
            int ways,
            int settlements,
            int cities,
            int towns,
            int villages,
            int motorwayCorridors,
            int motorwayJunctions,
            double[] lengthKmByClass,
            double onewaySegmentShare,
            int componentLinks,
            int onewaysReverted,
            long fileBytes,
            double generateSeconds,
            double writeSeconds) {

        /** A human-readable summary, one fact per line. */
        public String describe(NetworkSpec spec) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(
                    Locale.ROOT,
                    "junctions           %,d (target %,d, %+.1f%%)%n",
                    junctions,
                    spec.targetJunctions(),
                    100.0 * (junctions - spec.targetJunctions()) / spec.targetJunctions()));
            sb.append(String.format(Locale.ROOT, "osm nodes           %,d (junctions + shape nodes)%n", osmNodes));
            sb.append("junction degrees    ");
            for (int d = 1; d <= 5; d++)
                sb.append(String.format(
                        Locale.ROOT,
                        "%s%d: %.1f%%  ",
                        d == 5 ? ">=" : "",
                        d,
                        100.0 * junctionsByDegree[d] / junctions));
            sb.append(String.format(Locale.ROOT, "%n"));
            sb.append(String.format(Locale.ROOT, "segments            %,d%n", segments));
            sb.append(String.format(Locale.ROOT, "ways                %,d%n", ways));
            double side = spec.sideMetres() / 1000;
            sb.append(String.format(
                    Locale.ROOT,
                    "area                %.0f km x %.0f km centred on %.2f, %.2f%n",
                    side,
                    side,
                    spec.centreLatitude(),
                    spec.centreLongitude()));
            sb.append(String.format(
                    Locale.ROOT,
                    "settlements         %,d (%d cities >= 20k vertices, %d towns >= 1k, %d villages)%n",
                    settlements,
                    cities,
                    towns,
                    villages));
            sb.append(String.format(
                    Locale.ROOT,
                    "motorways           %d corridors, %d junctions%n",
                    motorwayCorridors,
                    motorwayJunctions));
            double total = 0;
            for (double km : lengthKmByClass) total += km;
            sb.append(String.format(Locale.ROOT, "road length         %,.0f km%n", total));
            for (Highway h : Highway.values())
                sb.append(String.format(
                        Locale.ROOT,
                        "  %-17s %,10.0f km  %5.1f%%%n",
                        h.osmValue(),
                        lengthKmByClass[h.ordinal()],
                        100 * lengthKmByClass[h.ordinal()] / total));
            sb.append(String.format(Locale.ROOT, "one-way segments    %.1f%%%n", 100 * onewaySegmentShare));
            sb.append(String.format(
                    Locale.ROOT,
                    "repairs             %d component links, %d one-ways made two-way%n",
                    componentLinks,
                    onewaysReverted));
            sb.append(String.format(
                    Locale.ROOT, "file                %,d bytes (%.1f MiB)%n", fileBytes, fileBytes / 1048576.0));
            sb.append(String.format(
                    Locale.ROOT, "time                %.1f s generate, %.1f s write%n", generateSeconds, writeSeconds));
            return sb.toString();
        }
    }

    /** Generates the network described by {@code spec} and writes it to {@code out}. */
    public static Stats generate(NetworkSpec spec, Path out) throws IOException {
        long t0 = System.nanoTime();
        double budget = spec.targetJunctions() * VERTICES_PER_JUNCTION_GUESS;
        Built probe = build(spec, budget, false);
        budget *= (double) spec.targetJunctions() / probe.ways.junctionCount;
        probe = null;
        Built built = build(spec, budget, true);
        long t1 = System.nanoTime();
        RoadGraph g = built.graph;
        long bytes = OsmPbfWriter.write(out, g, built.ways, OsmPbfWriter.Coordinates.project(g, spec));
        long t2 = System.nanoTime();

        double[] km = new double[Highway.values().length];
        int oneway = 0;
        for (int e = 0; e < g.edgeCount(); e++) {
            km[g.highway(e)] += g.lengthMetres(e) / 1000;
            if (g.hasFlag(e, RoadGraph.ONEWAY)) oneway++;
        }
        int cities = 0, towns = 0, villages = 0;
        for (Settlement s : built.settlements) {
            if (s.targetVertices >= 20_000) cities++;
            else if (s.targetVertices >= 1_000) towns++;
            else villages++;
        }
        return new Stats(
                built.ways.junctionCount,
                g.vertexCount(),
                built.ways.junctionsByDegree,
                g.edgeCount(),
                built.ways.wayCount,
                built.settlements.size(),
                cities,
                towns,
                villages,
                built.motorways.corridors(),
                built.motorways.junctions(),
                km,
                (double) oneway / g.edgeCount(),
                built.componentLinks,
                built.onewaysReverted,
                bytes,
                (t1 - t0) / 1e9,
                (t2 - t1) / 1e9);
    }

    private record Built(
            RoadGraph graph,
            List<Settlement> settlements,
            WayBuilder ways,
            MotorwayBuilder.Result motorways,
            int componentLinks,
            int onewaysReverted) {}

    /** Builds the network for a budget of vertices; {@code full=false} stops after settlements and lanes. */
    private static Built build(NetworkSpec spec, double vertexBudget, boolean full) {
        RoadGraph g = new RoadGraph();
        List<Settlement> settlements = SettlementPlanner.plan(spec, spec.urbanShare() * vertexBudget);
        IntArrayList gateways = new IntArrayList();
        TownStreetGenerator.build(g, settlements, spec.seed(), gateways);
        double rural = Math.max(0.05 * vertexBudget, vertexBudget - g.vertexCount());
        RuralRoadGenerator.build(g, settlements, gateways, spec.sideMetres(), rural, spec.seed());
        MotorwayBuilder.Result motorways = new MotorwayBuilder.Result(0, 0, 0);
        int links = 0, reverted = 0;
        if (full) {
            links = Connectivity.linkComponents(g);
            long[] corridors = MotorwayBuilder.planCorridors(settlements, spec.seed());
            new RoadHierarchy(g).build(settlements, corridors);
            motorways = MotorwayBuilder.build(g, settlements, corridors, spec);
            reverted = Connectivity.makeStronglyConnected(g);
        }
        return new Built(g, settlements, WayBuilder.build(g, spec.seed()), motorways, links, reverted);
    }

    /** Command-line entry point; see the class documentation. */
    public static void main(String[] args) throws IOException {
        int junctions = 264_000;
        long seed = 42;
        Path out = null;
        double density = NetworkSpec.DEFAULT_JUNCTIONS_PER_KM2;
        double urbanShare = NetworkSpec.DEFAULT_URBAN_SHARE;
        double motorwaySpacing = NetworkSpec.DEFAULT_MOTORWAY_JUNCTION_SPACING_KM;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--junctions" -> junctions = Integer.parseInt(require(args[i], value));
                case "--seed" -> seed = Long.parseLong(require(args[i], value));
                case "--out" -> out = Path.of(require(args[i], value));
                case "--junctions-per-km2" -> density = Double.parseDouble(require(args[i], value));
                case "--urban-share" -> urbanShare = Double.parseDouble(require(args[i], value));
                case "--motorway-junction-spacing-km" -> motorwaySpacing = Double.parseDouble(require(args[i], value));
                case "--help", "-h" -> {
                    System.out.println(usage());
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "\n" + usage());
            }
            i++;
        }
        if (out == null) throw new IllegalArgumentException("--out is required\n" + usage());
        NetworkSpec spec = new NetworkSpec(junctions, seed, density, urbanShare, motorwaySpacing, 53.0, -1.5);
        Stats stats = generate(spec, out);
        System.out.println("wrote " + out + " (seed " + seed + ")");
        System.out.print(stats.describe(spec));
    }

    private static String require(String option, String value) {
        if (value == null) throw new IllegalArgumentException(option + " needs a value\n" + usage());
        return value;
    }

    private static String usage() {
        return "usage: SyntheticRoadNetwork --out FILE [--junctions N (264000)] [--seed S (42)]"
                + " [--junctions-per-km2 D (20)] [--urban-share U (0.7)] [--motorway-junction-spacing-km K (10)]";
    }
}
