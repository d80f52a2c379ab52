package org.bluelamp.simulation;

import java.util.List;
import java.util.SplittableRandom;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * One replication's demand: every incident of the simulated days with its call time, grade,
 * place, attendance target and time on scene, drawn once from the seed and then faced by every
 * policy alike (common random numbers: the policies are compared on the same incidents).
 *
 * <p>How they are drawn: calls arrive as a Poisson process whose rate is constant within each hour
 * of the day (the scenario's incidents a day times the hour's share of the profile); each call's
 * grade follows the grade mix; its place is a demand point drawn uniformly (drawn again when
 * further than the snap limit from every car road); its time on scene is log-normal with the
 * grade's median and 90th percentile. Each of these draws has its own random stream split from
 * the seed, so that changing one (say the grade mix) leaves the others as they were.
 *
 * <p>Immutable after {@link #generate}; thread-safe. Arrays are indexed by incident, in call order.
 */
final class Incidents {
    /** How many times a place is drawn before the points are declared unusable. */
    private static final int MAX_PLACE_DRAWS = 1000;

    final int count;
    final long[] callMillis;
    final long[] readyMillis;
    final int[] grade;
    final double[] latDeg;
    final double[] lonDeg;
    final boolean[] urban;
    /** Attendance target in milliseconds, or -1 when the grade has none. */
    final long[] targetMillis;

    final long[] onSceneMillis;
    /** Hour of the day (0-23, scenario time zone) of the call. */
    final int[] hourOfDay;

    private Incidents(int n) {
        count = n;
        callMillis = new long[n];
        readyMillis = new long[n];
        grade = new int[n];
        latDeg = new double[n];
        lonDeg = new double[n];
        urban = new boolean[n];
        targetMillis = new long[n];
        onSceneMillis = new long[n];
        hourOfDay = new int[n];
    }

    GeoPoint location(int i) {
        return new GeoPoint(latDeg[i], lonDeg[i]);
    }

    /**
     * Draws the incidents of {@code days} days from midnight {@code startMillis}.
     *
     * @param grades the policy's grade of each scenario grade (same order as the scenario's)
     */
    static Incidents generate(
            Scenario scenario,
            int days,
            long seed,
            DemandPoints points,
            RoadNetwork network,
            PolicyBook policies,
            UrbanAreas urbanAreas) {
        Scenario.Demand demand = scenario.demand();
        List<Scenario.GradeDemand> grades = demand.grades();
        SplittableRandom root = new SplittableRandom(seed);
        SplittableRandom times = root.split();
        SplittableRandom gradeDraws = root.split();
        SplittableRandom places = root.split();
        SplittableRandom durations = root.split();
        double[] perHour = demand.incidentsPerHour();
        // call times first (their number is random)
        long[] calls = new long[64];
        int n = 0;
        for (int d = 0; d < days; d++) {
            for (int h = 0; h < 24; h++) {
                long hourStart = scenario.startEpochMillis() + (d * 24L + h) * 3_600_000L;
                double rate = perHour[h] / 3_600_000.0; // calls per ms
                if (rate <= 0) {
                    continue;
                }
                double t = 0;
                while (true) {
                    t += -Math.log(1 - times.nextDouble()) / rate;
                    if (t >= 3_600_000.0) {
                        break;
                    }
                    if (n == calls.length) {
                        calls = java.util.Arrays.copyOf(calls, n * 2);
                    }
                    calls[n++] = hourStart + (long) t;
                }
            }
        }
        Incidents inc = new Incidents(n);
        double shareSum = 0;
        for (Scenario.GradeDemand g : grades) {
            shareSum += g.share();
        }
        GradePolicy[] policyGrades = new GradePolicy[grades.size()];
        double[] sigma = new double[grades.size()];
        for (int g = 0; g < grades.size(); g++) {
            policyGrades[g] = policies.getGrade(grades.get(g).grade());
            Scenario.GradeDemand gd = grades.get(g);
            sigma[g] = Math.log(gd.onSceneP90Minutes() / gd.onSceneMedianMinutes()) / 1.2815515655446004;
        }
        for (int i = 0; i < n; i++) {
            inc.callMillis[i] = calls[i];
            inc.hourOfDay[i] = (int) (((calls[i] - scenario.startEpochMillis()) / 3_600_000L) % 24);
            double u = gradeDraws.nextDouble() * shareSum;
            int g = 0;
            while (g < grades.size() - 1 && u >= grades.get(g).share()) {
                u -= grades.get(g).share();
                g++;
            }
            inc.grade[i] = g;
            Scenario.GradeDemand gd = grades.get(g);
            inc.readyMillis[i] = calls[i] + Math.round(gd.dispatchDelaySeconds() * 1000);
            TravelProfile profile = policyGrades[g].carProfile();
            GeoPoint where = null;
            for (int tries = 0; where == null; tries++) {
                if (tries == MAX_PLACE_DRAWS) {
                    throw BluelampException.invalid(
                            "demand.placement",
                            "demand.placement: " + MAX_PLACE_DRAWS + " points drawn from " + points.description()
                                    + " and none within the snap limit of a road; check that they lie on this map");
                }
                int k = places.nextInt(points.size());
                GeoPoint p = new GeoPoint(points.latDeg()[k], points.lonDeg()[k]);
                try {
                    network.place(profile, "incident", p);
                    network.place(TravelProfile.CAR, "incident", p);
                    where = p;
                } catch (BluelampException e) {
                    // off the map's roads: draw again
                }
            }
            inc.latDeg[i] = where.latDeg();
            inc.lonDeg[i] = where.lonDeg();
            inc.urban[i] = urbanAreas.isUrban(where);
            var target = policyGrades[g].targetSeconds(inc.urban[i]);
            inc.targetMillis[i] = target.isPresent() ? Math.round(target.getAsDouble() * 1000) : -1;
            double z = durations.nextGaussian();
            double minutes = gd.onSceneMedianMinutes() * Math.exp(sigma[g] * z);
            inc.onSceneMillis[i] = Math.max(60_000L, Math.round(minutes * 60_000));
        }
        return inc;
    }
}
