package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.Set;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.Route;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.testing.RandomFleet;
import org.bluelamp.testing.TestMaps;
import org.junit.jupiter.api.Test;

/**
 * Move-up advice on the real Rutland extract, seeded random fleets (some units committed) over
 * random demand points and twelve random junctions as posts: advice never lowers coverage (each
 * move raises the share, and an independent evaluation of the fleet after the moves gives the last
 * share), only free cars move, each at most once, and each move's travel time and distance are
 * GraphHopper's own route between the unit and the post. With and without a busy fraction.
 */
class MoveUpPlannerRealMapTest {
    private static final PolicyBook POLICY = PolicyBook.loadDefault(CapabilityRegistry.defaults());
    private static final UnitStatus[] STATUSES = {
        UnitStatus.AVAILABLE, UnitStatus.AVAILABLE, UnitStatus.AT_STATION, UnitStatus.EN_ROUTE, UnitStatus.AT_SCENE
    };

    @Test
    void adviceNeverLowersCoverageAndItsTravelIsGraphHoppersRoute() {
        RoadNetwork net = TestMaps.rutland();
        Random setup = new Random(77);
        int points = 400;
        double[] lat = new double[points];
        double[] lon = new double[points];
        double[] w = new double[points];
        for (int i = 0; i < points; i++) {
            GeoPoint p = RandomFleet.nearRandomNode(net, setup);
            lat[i] = p.latDeg();
            lon[i] = p.lonDeg();
            w[i] = 1 + setup.nextInt(3);
        }
        CoverageArea area = CoverageArea.build(
                net, UrbanAreas.loadDefault(), Beats.none(), DemandPoints.fromFile(lat, lon, w, "random points"));
        List<CandidateSite> posts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            posts.add(new CandidateSite("P" + i, "post " + i, RandomFleet.nearRandomNode(net, setup)));
        }
        MoveUpPlanner planner = MoveUpPlanner.prepare(area, POLICY, "1", posts, 2);
        CoverageEvaluator ev = new CoverageEvaluator(area, POLICY);
        CoverageEvaluator check = new CoverageEvaluator(area, POLICY);
        int movesSeen = 0;
        for (long seed = 1; seed <= 12; seed++) {
            String ctx = "seed " + seed;
            Random rnd = new Random(seed);
            List<PlannedUnit> units = new ArrayList<>();
            int n = 3 + rnd.nextInt(6);
            for (int u = 0; u < n; u++) {
                UnitKind kind = rnd.nextInt(8) == 0 ? UnitKind.FOOT : UnitKind.CAR;
                units.add(PlannedUnit.at(
                        "U" + u, kind, STATUSES[rnd.nextInt(STATUSES.length)], RandomFleet.nearRandomNode(net, rnd)));
            }
            OptionalDouble q = seed % 3 == 0 ? OptionalDouble.of(0.2 + 0.1 * rnd.nextInt(4)) : OptionalDouble.empty();
            Deployment fleet = new Deployment(units, Map.of(), q);
            MoveUpPlanner.Advice a = planner.advise(ev, fleet, 1 + rnd.nextInt(4));
            check.run(fleet, planner.grade(), RoadConditions.NONE);
            double now = q.isPresent() ? check.expectedShare() : check.demandShare();
            assertEquals(now, a.shareNow(), 1e-9, ctx);
            double share = a.shareNow();
            Set<String> moved = new HashSet<>();
            List<PlannedUnit> after = new ArrayList<>(units);
            for (MoveUpPlanner.Move m : a.moves()) {
                String mctx = ctx + ", " + m;
                assertTrue(m.gainShare() > 0, mctx);
                assertTrue(m.shareAfter() > share, mctx);
                assertEquals(share + m.gainShare(), m.shareAfter(), 1e-12, mctx);
                share = m.shareAfter();
                PlannedUnit u = units.get(m.unitIndex());
                assertEquals(u.id(), m.unitId(), mctx);
                assertTrue(moved.add(u.id()), "moved twice: " + mctx);
                assertTrue(MoveUpPlanner.MOVABLE.contains(u.status()), mctx);
                assertEquals(UnitKind.CAR, u.kind(), mctx);
                Route gh = net.route(TravelProfile.CAR, u.position(), m.post().position());
                assertEquals(gh.timeMillis(), m.travelMillis(), 2, mctx + ": GraphHopper's route");
                assertEquals(gh.distanceMetres(), m.travelMetres(), 1.0, mctx + ": GraphHopper's route");
                after.set(
                        m.unitIndex(),
                        new PlannedUnit(
                                u.id(), u.kind(), UnitStatus.AVAILABLE, m.post().position(), "", Double.NaN));
                movesSeen++;
            }
            check.run(new Deployment(after, Map.of(), q), planner.grade(), RoadConditions.NONE);
            double end = q.isPresent() ? check.expectedShare() : check.demandShare();
            assertEquals(a.shareAfter(), end, 1e-9, ctx + ": the fleet after the moves, evaluated afresh");
            assertTrue(end >= now, ctx + ": advice lowered coverage");
        }
        assertTrue(movesSeen > 0, "some seeds were meant to need moves");
    }
}
