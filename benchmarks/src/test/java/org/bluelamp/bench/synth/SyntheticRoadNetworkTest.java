package org.bluelamp.bench.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.graphhopper.GHRequest;
import com.graphhopper.GHResponse;
import com.graphhopper.GraphHopper;
import com.graphhopper.routing.ev.BooleanEncodedValue;
import com.graphhopper.routing.ev.EnumEncodedValue;
import com.graphhopper.routing.ev.RoadClass;
import com.graphhopper.routing.ev.RoadClassLink;
import com.graphhopper.routing.ev.VehicleAccess;
import com.graphhopper.routing.subnetwork.TarjanSCC;
import com.graphhopper.routing.util.AccessFilter;
import com.graphhopper.routing.util.AllEdgesIterator;
import com.graphhopper.storage.BaseGraph;
import com.graphhopper.storage.NodeAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates a 40,000-junction network once and checks it the way the benchmarks will use it:
 * through GraphHopper. Motorway junctions every 2 km so that so small a map has slip roads.
 */
class SyntheticRoadNetworkTest {
    static final int JUNCTIONS = 40_000;
    static final long SEED = 42;
    static final NetworkSpec SPEC = new NetworkSpec(
            JUNCTIONS, SEED, NetworkSpec.DEFAULT_JUNCTIONS_PER_KM2, NetworkSpec.DEFAULT_URBAN_SHARE, 2.0, 53.0, -1.5);

    @TempDir
    static Path dir;

    static Path pbf;
    static SyntheticRoadNetwork.Stats stats;
    static GraphHopper hopper;

    @BeforeAll
    static void generateAndImport() throws Exception {
        pbf = dir.resolve("synthetic-40k.osm.pbf");
        stats = SyntheticRoadNetwork.generate(SPEC, pbf);
        hopper = RealismReport.carHopper(pbf, dir.resolve("graph"));
        hopper.importOrLoad();
    }

    @AfterAll
    static void close() {
        if (hopper != null) hopper.close();
    }

    @Test
    void junctionCountIsWithinTwoPercentOfTheTarget() {
        assertEquals(JUNCTIONS, stats.junctions(), JUNCTIONS * 0.02, stats.describe(SPEC));
    }

    @Test
    void graphHopperMakesExactlyOneNodePerGeneratedJunction() {
        assertEquals(stats.junctions(), hopper.getBaseGraph().getNodes());
        // GraphHopper drops the odd shape point (e.g. two within a few cm after rounding to 1e-7 degrees)
        assertEquals(
                stats.segments(), countSegmentsInGraphHopper(), stats.segments() * 0.005, "road segments imported");
    }

    private long countSegmentsInGraphHopper() {
        // every GraphHopper edge is one chain of segments; count the segments through the shape points
        long segments = 0;
        AllEdgesIterator it = hopper.getBaseGraph().getAllEdges();
        while (it.next())
            segments += it.fetchWayGeometry(com.graphhopper.util.FetchMode.ALL).size() - 1;
        return segments;
    }

    @Test
    void carsCanGetFromEveryNodeToEveryOther() {
        BaseGraph g = hopper.getBaseGraph();
        BooleanEncodedValue access = hopper.getEncodingManager().getBooleanEncodedValue(VehicleAccess.key("car"));
        TarjanSCC.ConnectedComponents components = TarjanSCC.findComponents(g, AccessFilter.outEdges(access), false);
        assertEquals(1, components.getTotalComponents(), "strongly connected components");
        assertEquals(g.getNodes(), components.getBiggestComponent().size());
    }

    @Test
    void hasTheRoadHierarchyAndOneWayStreets() {
        BaseGraph g = hopper.getBaseGraph();
        BooleanEncodedValue access = hopper.getEncodingManager().getBooleanEncodedValue(VehicleAccess.key("car"));
        EnumEncodedValue<RoadClass> roadClass =
                hopper.getEncodingManager().getEnumEncodedValue(RoadClass.KEY, RoadClass.class);
        BooleanEncodedValue link = hopper.getEncodingManager().getBooleanEncodedValue(RoadClassLink.KEY);
        Set<RoadClass> seen = EnumSet.noneOf(RoadClass.class);
        int oneway = 0, motorwayOneway = 0, links = 0;
        AllEdgesIterator it = g.getAllEdges();
        while (it.next()) {
            seen.add(it.get(roadClass));
            boolean fwd = it.get(access), bwd = it.getReverse(access);
            assertTrue(fwd || bwd, "every edge is open to cars");
            if (fwd != bwd) {
                oneway++;
                if (it.get(roadClass) == RoadClass.MOTORWAY) motorwayOneway++;
            }
            if (it.get(link)) links++;
        }
        assertEquals(
                EnumSet.of(
                        RoadClass.MOTORWAY,
                        RoadClass.PRIMARY,
                        RoadClass.SECONDARY,
                        RoadClass.TERTIARY,
                        RoadClass.UNCLASSIFIED,
                        RoadClass.RESIDENTIAL),
                withoutTrunk(seen));
        assertTrue(motorwayOneway > 0, "motorways are dual carriageways of one-way ways");
        assertTrue(oneway > motorwayOneway, "some urban streets are one-way");
        assertTrue(stats.motorwayJunctions() > 0, "motorway junctions");
        assertTrue(links >= 4 * stats.motorwayJunctions(), "four slip roads per motorway junction");
    }

    private static Set<RoadClass> withoutTrunk(Set<RoadClass> seen) {
        Set<RoadClass> s = EnumSet.copyOf(seen);
        s.remove(RoadClass.TRUNK); // at 20k junctions trunk roads may or may not appear
        return s;
    }

    @Test
    void randomRoutesExistBetweenRandomPoints() {
        NodeAccess na = hopper.getBaseGraph().getNodeAccess();
        int nodes = hopper.getBaseGraph().getNodes();
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 50; i++) {
            int a = rnd.nextInt(nodes), b = rnd.nextInt(nodes);
            GHResponse rsp = hopper.route(
                    new GHRequest(na.getLat(a), na.getLon(a), na.getLat(b), na.getLon(b)).setProfile("car"));
            assertFalse(rsp.hasErrors(), () -> "route " + a + " -> " + b + ": " + rsp.getErrors());
        }
    }

    @Test
    void sameSeedGivesAByteIdenticalFileAndAnotherSeedDoesNot() throws Exception {
        Path first = dir.resolve("first.osm.pbf"),
                again = dir.resolve("again.osm.pbf"),
                other = dir.resolve("other.osm.pbf");
        SyntheticRoadNetwork.generate(NetworkSpec.of(10_000, SEED), first);
        SyntheticRoadNetwork.generate(NetworkSpec.of(10_000, SEED), again);
        SyntheticRoadNetwork.generate(NetworkSpec.of(10_000, SEED + 1), other);
        assertEquals(sha256(first), sha256(again));
        assertNotEquals(sha256(first), sha256(other));
        assertEquals(sha256(pbf), sha256(regenerate()), "and at the tested size");
    }

    private static Path regenerate() throws Exception {
        Path p = dir.resolve("regenerated.osm.pbf");
        SyntheticRoadNetwork.generate(SPEC, p);
        return p;
    }

    static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
