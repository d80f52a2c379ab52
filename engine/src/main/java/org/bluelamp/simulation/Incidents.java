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
 * <p>Incidents called in the scenario's warm-up come first (indices below {@link #firstCounted}).
 *
 * <p>Immutable after {@link #generate}; thread-safe. Arrays are indexed by incident, in call order.
 */
final class Incidents {
    /** How many times a place is drawn before the points are declared unusable. */
    private static final int MAX_PLACE_DRAWS = 1000;

    final int count;
    /**
     * The first counted incident: those before it were called in the warm-up (simulated, not
     * counted); those from it on in the counted days.
     */
    final int firstCounted;

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

    private Incidents(int n, int firstCounted) {
        count = n;
        this.firstCounted = firstCounted;
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

    /** The counted incidents alone (this when there was no warm-up), indexed from 0. */
    Incidents counted() {
        if (firstCounted == 0) {
            return this;
        }
        Incidents c = new Incidents(count - firstCounted, 0);
        int f = firstCounted;
        int n = c.count;
        System.arraycopy(callMillis, f, c.callMillis, 0, n);
        System.arraycopy(readyMillis, f, c.readyMillis, 0, n);
        System.arraycopy(grade, f, c.grade, 0, n);
        System.arraycopy(latDeg, f, c.latDeg, 0, n);
        System.arraycopy(lonDeg, f, c.lonDeg, 0, n);
        System.arraycopy(urban, f, c.urban, 0, n);
        System.arraycopy(targetMillis, f, c.targetMillis, 0, n);
        System.arraycopy(onSceneMillis, f, c.onSceneMillis, 0, n);
        System.arraycopy(hourOfDay, f, c.hourOfDay, 0, n);
        return c;
    }

    GeoPoint location(int i) {
        return new GeoPoint(latDeg[i], lonDeg[i]);
    }

    /**
     * Draws the incidents of {@code days} days from midnight {@code startMillis}, after those of the
     * scenario's warm-up (the hours before it, drawn from their own random streams so that the
     * counted incidents are the same with or without a warm-up).
     */
    static Incidents generate(
            Scenario scenario,
            int days,
            long seed,
            DemandPoints points,
            RoadNetwork network,
            PolicyBook policies,
            UrbanAreas urbanAreas) {
        SplittableRandom root = new SplittableRandom(seed);
        Streams counted = new Streams(root);
        Streams warmUp = new Streams(root.split());
        long start = scenario.startEpochMillis();
        int warmUpHours = (int) Math.ceil(scenario.warmUpMillis() / 3_600_000.0);
        long[] early = callTimes(scenario, start - scenario.warmUpMillis(), start, warmUpHours, warmUp.times);
        long[] calls = callTimes(scenario, start, start + days * 86_400_000L, 0, counted.times);
        Incidents inc = new Incidents(early.length + calls.length, early.length);
        Drawing drawing = new Drawing(scenario, points, network, policies, urbanAreas);
        for (int i = 0; i < early.length; i++) {
            drawing.draw(inc, i, early[i], warmUp);
        }
        for (int i = 0; i < calls.length; i++) {
            drawing.draw(inc, early.length + i, calls[i], counted);
        }
        return inc;
    }

    /** The random streams of one part of the incidents: call times, grades, places, times on scene. */
    private static final class Streams {
        final SplittableRandom times;
        final SplittableRandom grades;
        final SplittableRandom places;
        final SplittableRandom durations;

        Streams(SplittableRandom root) {
            times = root.split();
            grades = root.split();
            places = root.split();
            durations = root.split();
        }
    }

    /**
     * Call times from {@code fromMillis} (inclusive) to {@code toMillis}: a Poisson process whose
     * rate is constant within each hour of the day, hours counted from midnight {@code
     * hoursBeforeMidnight} hours before {@code fromMillis} rounded to the hour (so that a warm-up
     * window's hours take the profile of the evening before).
     */
    private static long[] callTimes(
            Scenario scenario, long fromMillis, long toMillis, int hoursBefore, SplittableRandom times) {
        double[] perHour = scenario.demand().incidentsPerHour();
        long[] calls = new long[64];
        int n = 0;
        long first = scenario.startEpochMillis() - hoursBefore * 3_600_000L;
        for (long hourStart = first; hourStart < toMillis; hourStart += 3_600_000L) {
            int hour = (int) Math.floorMod((hourStart - scenario.startEpochMillis()) / 3_600_000L, 24L);
            double rate = perHour[hour] / 3_600_000.0; // calls per ms
            if (rate <= 0) {
                continue;
            }
            double t = 0;
            while (true) {
                t += -Math.log(1 - times.nextDouble()) / rate;
                if (t >= 3_600_000.0) {
                    break;
                }
                long at = hourStart + (long) t;
                if (at < fromMillis || at >= toMillis) {
                    continue;
                }
                if (n == calls.length) {
                    calls = java.util.Arrays.copyOf(calls, n * 2);
                }
                calls[n++] = at;
            }
        }
        return java.util.Arrays.copyOf(calls, n);
    }

    /** Draws one incident's grade, place and time on scene. */
    private static final class Drawing {
        private final Scenario scenario;
        private final DemandPoints points;
        private final RoadNetwork network;
        private final UrbanAreas urbanAreas;
        private final List<Scenario.GradeDemand> grades;
        private final double shareSum;
        private final GradePolicy[] policyGrades;
        private final double[] sigma;

        Drawing(Scenario scenario, DemandPoints points, RoadNetwork network, PolicyBook policies, UrbanAreas urban) {
            this.scenario = scenario;
            this.points = points;
            this.network = network;
            this.urbanAreas = urban;
            this.grades = scenario.demand().grades();
            double sum = 0;
            for (Scenario.GradeDemand g : grades) {
                sum += g.share();
            }
            this.shareSum = sum;
            policyGrades = new GradePolicy[grades.size()];
            sigma = new double[grades.size()];
            for (int g = 0; g < grades.size(); g++) {
                policyGrades[g] = policies.getGrade(grades.get(g).grade());
                Scenario.GradeDemand gd = grades.get(g);
                sigma[g] = Math.log(gd.onSceneP90Minutes() / gd.onSceneMedianMinutes()) / 1.2815515655446004;
            }
        }

        void draw(Incidents inc, int i, long call, Streams r) {
            inc.callMillis[i] = call;
            inc.hourOfDay[i] = (int) Math.floorMod((call - scenario.startEpochMillis()) / 3_600_000L, 24L);
            double u = r.grades.nextDouble() * shareSum;
            int g = 0;
            while (g < grades.size() - 1 && u >= grades.get(g).share()) {
                u -= grades.get(g).share();
                g++;
            }
            inc.grade[i] = g;
            Scenario.GradeDemand gd = grades.get(g);
            inc.readyMillis[i] = call + Math.round(gd.dispatchDelaySeconds() * 1000);
            TravelProfile profile = policyGrades[g].carProfile();
            GeoPoint where = null;
            for (int tries = 0; where == null; tries++) {
                if (tries == MAX_PLACE_DRAWS) {
                    throw BluelampException.invalid(
                            "demand.placement",
                            "demand.placement: " + MAX_PLACE_DRAWS + " points drawn from " + points.description()
                                    + " and none within the snap limit of a road; check that they lie on this map");
                }
                int k = r.places.nextInt(points.size());
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
            double z = r.durations.nextGaussian();
            double minutes = gd.onSceneMedianMinutes() * Math.exp(sigma[g] * z);
            inc.onSceneMillis[i] = Math.max(60_000L, Math.round(minutes * 60_000));
        }
    }
}
