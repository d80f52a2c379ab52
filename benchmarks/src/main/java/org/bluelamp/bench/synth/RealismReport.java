package org.bluelamp.bench.synth;

import com.graphhopper.GraphHopper;
import com.graphhopper.config.CHProfile;
import com.graphhopper.config.Profile;
import com.graphhopper.json.Statement;
import com.graphhopper.routing.Dijkstra;
import com.graphhopper.routing.RoutingAlgorithm;
import com.graphhopper.routing.ch.CHRoutingAlgorithmFactory;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.ev.RoadClassLink;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.routing.util.EncodingManager;
import com.graphhopper.routing.util.TraversalMode;
import com.graphhopper.routing.weighting.Weighting;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.RoutingCHGraph;
import com.graphhopper.util.CustomModel;
import com.graphhopper.util.Helper;
import com.graphhopper.util.PMap;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Imports an {@code .osm.pbf} (synthetic or real) into GraphHopper with a time-ranked car profile
 * and CH, and prints what {@code benchmarks/SYNTHETIC.md} compares: size, node degrees, road
 * classes by edges and by length, one-way share, and how plain Dijkstra and CH searches behave on
 * seeded random node pairs.
 *
 * <pre>
 * java -Xmx12g -cp benchmarks/target/benchmarks.jar org.bluelamp.bench.synth.RealismReport \
 *     --pbf ../shared/map-data/dimacs9-new-york.osm.pbf [--pairs 200] [--seed 1] [--work DIR]
 * </pre>
 * The graph is built under {@code --work} (default {@code target/realism/<file name>}), which is
 * deleted first. Degrees count edges open to cars in either direction; a node's degree is its
 * number of such edges. Not thread-safe; a command-line tool.
 */
public final class RealismReport {
    private RealismReport() {}

    /** Creates the GraphHopper set-up used throughout: car profile ranking by time, CH. */
    public static GraphHopper carHopper(Path pbf, Path graphDir) {
        GraphHopper hopper = new GraphHopper();
        hopper.setOSMFile(pbf.toString());
        hopper.setGraphHopperLocation(graphDir.toString());
        hopper.setEncodedValuesString(
                "car_access, car_average_speed, road_class, road_class_link, road_environment, max_speed, roundabout");
        CustomModel cm = new CustomModel();
        cm.addToPriority(Statement.If("!car_access", Statement.Op.MULTIPLY, "0"));
        cm.addToSpeed(Statement.If("true", Statement.Op.LIMIT, "car_average_speed"));
        cm.setDistanceInfluence(0d);
        hopper.setProfiles(new Profile("car").setCustomModel(cm));
        hopper.getCHPreparationHandler().setCHProfiles(new CHProfile("car"));
        return hopper;
    }

    public static void main(String[] args) throws Exception {
        Path pbf = null, work = null;
        int pairs = 200;
        long seed = 1;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--pbf" -> pbf = Path.of(args[i + 1]);
                case "--work" -> work = Path.of(args[i + 1]);
                case "--pairs" -> pairs = Integer.parseInt(args[i + 1]);
                case "--seed" -> seed = Long.parseLong(args[i + 1]);
                default ->
                    throw new IllegalArgumentException("unknown option " + args[i]
                            + "; usage: RealismReport --pbf FILE [--pairs 200] [--seed 1] [--work DIR]");
            }
        }
        if (pbf == null || !Files.isReadable(pbf))
            throw new IllegalArgumentException("--pbf must name a readable .osm.pbf file, was " + pbf);
        if (work == null) work = Path.of("target", "realism", pbf.getFileName().toString());
        Helper.removeDir(work.toFile());

        long t0 = System.nanoTime();
        GraphHopper hopper = carHopper(pbf, work);
        hopper.importOrLoad();
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        try {
            System.out.print(report(hopper, pbf.getFileName().toString(), pairs, seed, importSeconds));
        } finally {
            hopper.close();
        }
    }

    /** Measures an imported network; see the class documentation. */
    public static String report(GraphHopper hopper, String name, int pairs, long seed, double importSeconds) {
        BaseGraph g = hopper.getBaseGraph();
        EncodingManager em = hopper.getEncodingManager();
        BooleanEncodedValue access = em.getBooleanEncodedValue(VehicleAccess.key("car"));
        EnumEncodedValue<RoadClass> roadClass = em.getEnumEncodedValue(RoadClass.KEY, RoadClass.class);
        BooleanEncodedValue link = em.getBooleanEncodedValue(RoadClassLink.KEY);

        int nodes = g.getNodes();
        int[] degree = new int[nodes];
        RoadClass[] classes = RoadClass.values();
        long[] edgesByClass = new long[classes.length];
        double[] metresByClass = new double[classes.length];
        long carEdges = 0, oneway = 0, links = 0;
        double metres = 0;
        AllEdgesIterator it = g.getAllEdges();
        while (it.next()) {
            boolean fwd = it.get(access), bwd = it.getReverse(access);
            if (!fwd && !bwd) continue;
            carEdges++;
            degree[it.getBaseNode()]++;
            degree[it.getAdjNode()]++;
            if (fwd != bwd) oneway++;
            if (it.get(link)) links++;
            int c = it.get(roadClass).ordinal();
            edgesByClass[c]++;
            metresByClass[c] += it.getDistance();
            metres += it.getDistance();
        }
        long[] degreeCount = new long[6];
        int[] candidates = new int[nodes];
        int candidateCount = 0;
        for (int v = 0; v < nodes; v++) {
            degreeCount[Math.min(5, degree[v])]++;
            if (degree[v] > 0) candidates[candidateCount++] = v;
        }

        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "network             %s%n", name));
        sb.append(String.format(Locale.ROOT, "import + CH         %.1f s%n", importSeconds));
        sb.append(String.format(Locale.ROOT, "nodes               %,d (%,d with a car edge)%n", nodes, candidateCount));
        sb.append(String.format(
                Locale.ROOT,
                "edges               %,d (%,d open to cars), %,.0f km%n",
                g.getEdges(),
                carEdges,
                metres / 1000));
        RoutingCHGraph ch = hopper.getCHGraphs().get("car");
        sb.append(String.format(
                Locale.ROOT,
                "CH shortcuts        %,d (%.2f per edge)%n",
                ch.getShortcuts(),
                (double) ch.getShortcuts() / g.getEdges()));
        sb.append(
                String.format(Locale.ROOT, "mean degree         %.2f%n", 2.0 * carEdges / Math.max(1, candidateCount)));
        sb.append("degree share        ");
        for (int d = 1; d <= 5; d++)
            sb.append(String.format(
                    Locale.ROOT,
                    "%s%d: %.1f%%  ",
                    d == 5 ? ">=" : "",
                    d,
                    100.0 * degreeCount[d] / Math.max(1, candidateCount)));
        sb.append(String.format(Locale.ROOT, "%n"));
        sb.append(String.format(Locale.ROOT, "one-way edges       %.1f%%%n", 100.0 * oneway / carEdges));
        sb.append(String.format(Locale.ROOT, "link edges          %.2f%% (*_link)%n", 100.0 * links / carEdges));
        sb.append("road class          edges      length\n");
        for (RoadClass c : classes) {
            int i = c.ordinal();
            if (edgesByClass[i] == 0) continue;
            sb.append(String.format(
                    Locale.ROOT,
                    "  %-15s %6.1f%%  %6.1f%%%n",
                    c.toString(),
                    100.0 * edgesByClass[i] / carEdges,
                    100.0 * metresByClass[i] / metres));
        }

        // searches between seeded random node pairs
        Weighting weighting = hopper.createWeighting(hopper.getProfile("car"), new PMap());
        CHRoutingAlgorithmFactory chFactory = new CHRoutingAlgorithmFactory(ch);
        SplittableRandom rnd = new SplittableRandom(seed);
        long dijkstraVisited = 0, chVisited = 0, dijkstraNanos = 0, chNanos = 0;
        double seconds = 0, km = 0;
        int found = 0, missing = 0, mismatched = 0;
        for (int i = 0; i < pairs; i++) {
            int s = candidates[rnd.nextInt(candidateCount)], t = candidates[rnd.nextInt(candidateCount)];
            long a = System.nanoTime();
            Dijkstra dijkstra = new Dijkstra(g, weighting, TraversalMode.NODE_BASED);
            com.graphhopper.routing.Path p = dijkstra.calcPath(s, t);
            long b = System.nanoTime();
            RoutingAlgorithm chAlgo = chFactory.createAlgo(new PMap());
            com.graphhopper.routing.Path q = chAlgo.calcPath(s, t);
            long c = System.nanoTime();
            if (!p.isFound()) {
                missing++;
                continue;
            }
            found++;
            dijkstraVisited += dijkstra.getVisitedNodes();
            chVisited += chAlgo.getVisitedNodes();
            dijkstraNanos += b - a;
            chNanos += c - b;
            seconds += p.getTime() / 1000.0;
            km += p.getDistance() / 1000;
            if (!q.isFound() || Math.abs(q.getWeight() - p.getWeight()) > 1e-3 * Math.max(1, p.getWeight()))
                mismatched++;
        }
        sb.append(String.format(
                Locale.ROOT,
                "random pairs        %d (seed %d): %d routed, %d without a route, %d CH/Dijkstra weight mismatches%n",
                pairs,
                seed,
                found,
                missing,
                mismatched));
        int f = Math.max(1, found);
        sb.append(String.format(
                Locale.ROOT, "route               %.1f min, %.1f km on average%n", seconds / 60 / f, km / f));
        sb.append(String.format(
                Locale.ROOT,
                "Dijkstra settled    %,.0f nodes on average (%.1f%% of the graph), %.1f ms%n",
                (double) dijkstraVisited / f,
                100.0 * dijkstraVisited / f / candidateCount,
                dijkstraNanos / 1e6 / f));
        sb.append(String.format(
                Locale.ROOT,
                "CH settled          %,.0f nodes on average, %.2f ms%n",
                (double) chVisited / f,
                chNanos / 1e6 / f));
        return sb.toString();
    }
}
