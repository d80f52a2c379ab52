package org.bluelamp.simulation;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.geo.GeoPoint;

/**
 * What a simulation replays: the days, the demand, the stations, the shifts and the units on
 * them, how their radios report, and how they patrol. Read from a scenario file by the command
 * line ({@code simulate --scenario}); every default and its source is in the README's
 * "Simulating shifts" section. Immutable; the constructors check what the file reader cannot (a
 * unit group naming a station or shift that does not exist).
 *
 * @param name what the scenario is, for the results
 * @param startEpochMillis midnight, in {@code zone}, at the start of the first simulated day
 * @param zone the time zone of the hour-of-day profile and the shift times
 * @param drainHours after the last day's calls, how long the simulation runs on so that incidents
 *     still open can be attended; what is still open then is counted unattended
 * @param warmUpHours how long the simulation runs before the first counted day (0 to 48): the
 *     shifts, patrols, breaks and incidents of those hours are simulated as on any day, so the
 *     counted day starts with the fleet deployed and busy as it would be, but incidents called in
 *     them are not counted, nor the fleet's time and counts before the counted day starts (the
 *     usual warm-up period of a steady-state simulation study)
 * @param demand incidents: volume, hour-of-day profile, grade mix, where they happen
 * @param stations where units start their shifts, take breaks and (station-based) wait
 * @param shifts the shift pattern
 * @param units the units, in groups by station, shift and kind
 * @param reporting how the units' radios report positions
 * @param patrol how free units patrol
 * @param moveUp how often the move-up policy asks for advice and over how many demand points
 * @param urbanAreasFile GeoJSON of urban areas (which target applies), or null for the shipped areas
 */
public record Scenario(
        String name,
        long startEpochMillis,
        ZoneId zone,
        double drainHours,
        double warmUpHours,
        Demand demand,
        List<Station> stations,
        List<Shift> shifts,
        List<UnitGroup> units,
        Reporting reporting,
        Patrol patrol,
        MoveUp moveUp,
        java.nio.file.Path urbanAreasFile) {

    /**
     * A police station.
     *
     * @param id its id (unique in the scenario)
     * @param location where it is; units start from the road nearest to it
     */
    public record Station(String id, GeoPoint location) {
        public Station {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(location, "location");
        }
    }

    /**
     * One shift of the pattern, repeated every day.
     *
     * @param id its id (unique in the scenario)
     * @param startMinuteOfDay when it starts, minutes after midnight (0 to 1439)
     * @param durationMinutes how long it lasts (60 to 1440)
     */
    public record Shift(String id, int startMinuteOfDay, int durationMinutes) {
        public Shift {
            Objects.requireNonNull(id, "id");
            if (startMinuteOfDay < 0 || startMinuteOfDay >= 1440) {
                throw new IllegalArgumentException("shift " + id + ": start minute " + startMinuteOfDay);
            }
            if (durationMinutes < 60 || durationMinutes > 1440) {
                throw new IllegalArgumentException("shift " + id + ": duration " + durationMinutes + " min");
            }
        }

        /**
         * The refreshment break of a shift this long, minutes: Police Regulations 2003, regulation 22,
         * Annex E (variable shift arrangements): under 6 h 30 min, 6-7 h 35, 7-8 h 40, 8-9 h 45, 9-10 h
         * 50, 10 h or more 60; none under 5 h.
         */
        public int refreshmentMinutes() {
            int h = durationMinutes;
            if (h < 5 * 60) {
                return 0;
            }
            if (h < 6 * 60) {
                return 30;
            }
            if (h < 7 * 60) {
                return 35;
            }
            if (h < 8 * 60) {
                return 40;
            }
            if (h < 9 * 60) {
                return 45;
            }
            return h < 10 * 60 ? 50 : 60;
        }
    }

    /**
     * A group of identical units.
     *
     * @param idPrefix unit ids are the prefix and a number from 1, e.g. {@code OK-1}
     * @param count how many
     * @param kind what they are (cars, vans and motorcycles drive; foot and bicycle patrols too)
     * @param station their station's id
     * @param shift their shift's id
     * @param patrolRadiusMetres how far from their station they patrol (see {@link Patrol})
     * @param capabilities capability codes of every unit of the group
     */
    public record UnitGroup(
            String idPrefix,
            int count,
            UnitKind kind,
            String station,
            String shift,
            double patrolRadiusMetres,
            Set<String> capabilities) {
        public UnitGroup {
            Objects.requireNonNull(idPrefix, "idPrefix");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(station, "station");
            Objects.requireNonNull(shift, "shift");
            capabilities = Set.copyOf(capabilities);
            if (count < 1) {
                throw new IllegalArgumentException("unit group " + idPrefix + ": count " + count);
            }
            if (!(patrolRadiusMetres > 0)) {
                throw new IllegalArgumentException("unit group " + idPrefix + ": patrol radius " + patrolRadiusMetres);
            }
        }
    }

    /**
     * The incidents that need a unit.
     *
     * @param incidentsPerDay mean incidents a day (a Poisson process whose rate follows the hour-of-day profile)
     * @param hourWeights 24 relative weights, hour 0 (midnight to 1 am) first; scaled to sum to 1
     * @param grades the grade mix; shares scaled to sum to 1
     * @param placement where incidents happen
     */
    public record Demand(double incidentsPerDay, double[] hourWeights, List<GradeDemand> grades, Placement placement) {
        public Demand {
            if (!(incidentsPerDay > 0) || Double.isInfinite(incidentsPerDay)) {
                throw new IllegalArgumentException("incidentsPerDay " + incidentsPerDay);
            }
            if (hourWeights.length != 24) {
                throw new IllegalArgumentException(hourWeights.length + " hour weights, need 24");
            }
            hourWeights = hourWeights.clone();
            double sum = 0;
            for (double w : hourWeights) {
                if (!(w >= 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("hour weight " + w);
                }
                sum += w;
            }
            if (!(sum > 0)) {
                throw new IllegalArgumentException("hour weights sum to 0");
            }
            grades = List.copyOf(grades);
            if (grades.isEmpty()) {
                throw new IllegalArgumentException("no grades");
            }
            Objects.requireNonNull(placement, "placement");
        }

        @Override
        public double[] hourWeights() {
            return hourWeights.clone();
        }

        /** The expected incidents in each hour of a day (they sum to {@link #incidentsPerDay}). */
        public double[] incidentsPerHour() {
            double sum = 0;
            for (double w : hourWeights) {
                sum += w;
            }
            double[] out = new double[24];
            for (int h = 0; h < 24; h++) {
                out[h] = incidentsPerDay * hourWeights[h] / sum;
            }
            return out;
        }
    }

    /**
     * One grade's part of the demand.
     *
     * @param grade the grade code of the policy, e.g. {@code "1"}
     * @param share its relative share of incidents
     * @param dispatchDelaySeconds from the call to the incident being ready for a unit (answering,
     *     grading, creating the log): counted in the response time
     * @param onSceneMedianMinutes median time a unit spends at the scene (log-normal)
     * @param onSceneP90Minutes 90th percentile of that time, at least the median
     */
    public record GradeDemand(
            String grade,
            double share,
            double dispatchDelaySeconds,
            double onSceneMedianMinutes,
            double onSceneP90Minutes) {
        public GradeDemand {
            Objects.requireNonNull(grade, "grade");
            if (!(share > 0) || !(dispatchDelaySeconds >= 0) || !(onSceneMedianMinutes > 0)) {
                throw new IllegalArgumentException("grade " + grade + ": share " + share + ", delay "
                        + dispatchDelaySeconds + ", on scene " + onSceneMedianMinutes);
            }
            if (!(onSceneP90Minutes >= onSceneMedianMinutes)) {
                throw new IllegalArgumentException(
                        "grade " + grade + ": 90th percentile on scene below the median: " + onSceneP90Minutes);
            }
        }
    }

    /** Where incidents happen: the spatial proxy. */
    public enum PlacementKind {
        /** At the extract's buildings (or, where it maps none, its address points). */
        BUILDINGS,
        /** At the road junctions of the car network (for extracts without buildings, e.g. New York). */
        JUNCTIONS,
        /** At the locations of a file of past incidents. */
        PAST_INCIDENTS
    }

    /**
     * Where incidents happen.
     *
     * @param kind the proxy
     * @param pastIncidents for {@link PlacementKind#PAST_INCIDENTS}: the past incidents' locations
     *     (each equally likely), otherwise empty
     * @param source what the points came from, for the results (a file name, "extract")
     */
    public record Placement(PlacementKind kind, List<GeoPoint> pastIncidents, String source) {
        public Placement {
            Objects.requireNonNull(kind, "kind");
            pastIncidents = List.copyOf(pastIncidents);
            Objects.requireNonNull(source, "source");
            if (kind == PlacementKind.PAST_INCIDENTS && pastIncidents.isEmpty()) {
                throw new IllegalArgumentException("a placement by past incidents needs at least one");
            }
        }
    }

    /**
     * How radios report positions to the control room.
     *
     * @param intervalSeconds seconds between reports of a unit on duty; 0 means instant reporting
     *     (the control room sees every unit's true position whenever it decides)
     * @param gpsErrorMetres standard deviation of the position error along each axis, metres (the
     *     reported accuracy is the radius holding 95% of fixes, 2.45 times this)
     * @param lostShare share of reports never received
     * @param lateShare share of reports received late
     * @param lateMinSeconds shortest delay of a late report
     * @param lateMaxSeconds longest delay of a late report
     */
    public record Reporting(
            double intervalSeconds,
            double gpsErrorMetres,
            double lostShare,
            double lateShare,
            double lateMinSeconds,
            double lateMaxSeconds) {
        public Reporting {
            if (!(intervalSeconds >= 0) || !(gpsErrorMetres >= 0)) {
                throw new IllegalArgumentException("interval " + intervalSeconds + ", error " + gpsErrorMetres);
            }
            if (!(lostShare >= 0 && lateShare >= 0 && lostShare + lateShare <= 1)) {
                throw new IllegalArgumentException("lost share " + lostShare + ", late share " + lateShare);
            }
            if (!(lateMinSeconds >= 0 && lateMaxSeconds >= lateMinSeconds)) {
                throw new IllegalArgumentException("late delay " + lateMinSeconds + " to " + lateMaxSeconds);
            }
        }

        /** Whether the control room always sees true positions (no interval, no error, nothing lost or late). */
        public boolean isPerfect() {
            return intervalSeconds == 0 && gpsErrorMetres == 0 && lostShare == 0 && lateShare == 0;
        }
    }

    /**
     * How free units patrol: a random walk along the roads of their kind's profile, turning back
     * towards their station once further than their group's patrol radius from it.
     *
     * @param speedFactor patrol speed as a share of the profile's speed (0.1 to 1)
     */
    public record Patrol(double speedFactor) {
        public Patrol {
            if (!(speedFactor >= 0.1 && speedFactor <= 1)) {
                throw new IllegalArgumentException("patrol speed factor " + speedFactor);
            }
        }
    }

    /**
     * The bounds of the move-up policy's work (its advice measures coverage over the demand points
     * once for each movable unit and post, so on a city's hundreds of thousands of junctions and a
     * hundred units it must be bounded).
     *
     * @param intervalSeconds the advice is asked after a unit is sent or freed only when at least
     *     this long has passed since it was last asked (0: after every one)
     * @param maxDemandPoints coverage is measured over at most this many of the scenario's demand
     *     points, every k-th in their order, each weighing k (0: all)
     */
    public record MoveUp(double intervalSeconds, int maxDemandPoints) {
        /** Advice after every change, over every demand point. */
        public static final MoveUp UNBOUNDED = new MoveUp(0, 0);

        public MoveUp {
            if (!(intervalSeconds >= 0 && intervalSeconds <= 86_400)) {
                throw new IllegalArgumentException("move-up interval " + intervalSeconds + " s");
            }
            if (maxDemandPoints < 0) {
                throw new IllegalArgumentException("move-up demand points " + maxDemandPoints);
            }
        }
    }

    public Scenario {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(moveUp, "moveUp");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(reporting, "reporting");
        Objects.requireNonNull(patrol, "patrol");
        stations = List.copyOf(stations);
        shifts = List.copyOf(shifts);
        units = List.copyOf(units);
        if (!(drainHours >= 0 && drainHours <= 48)) {
            throw new IllegalArgumentException("drainHours " + drainHours);
        }
        if (!(warmUpHours >= 0 && warmUpHours <= 48)) {
            throw new IllegalArgumentException("warmUpHours " + warmUpHours);
        }
        Set<String> stationIds = new HashSet<>();
        for (Station s : stations) {
            if (!stationIds.add(s.id())) {
                throw new IllegalArgumentException("station " + s.id() + " listed twice");
            }
        }
        Set<String> shiftIds = new HashSet<>();
        for (Shift s : shifts) {
            if (!shiftIds.add(s.id())) {
                throw new IllegalArgumentException("shift " + s.id() + " listed twice");
            }
        }
        if (units.isEmpty()) {
            throw new IllegalArgumentException("no units");
        }
        for (UnitGroup g : units) {
            if (!stationIds.contains(g.station())) {
                throw new IllegalArgumentException("unit group " + g.idPrefix() + ": no station " + g.station());
            }
            if (!shiftIds.contains(g.shift())) {
                throw new IllegalArgumentException("unit group " + g.idPrefix() + ": no shift " + g.shift());
            }
        }
    }

    /** The warm-up before the first counted day, milliseconds (whole seconds). */
    public long warmUpMillis() {
        return Math.round(warmUpHours * 3600) * 1000L;
    }

    /** Number of units over all groups. */
    public int unitCount() {
        int n = 0;
        for (UnitGroup g : units) {
            n += g.count();
        }
        return n;
    }

    /** The index of a station by id. */
    public int stationIndex(String id) {
        for (int i = 0; i < stations.size(); i++) {
            if (stations.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no station " + id);
    }

    /** The index of a shift by id. */
    public int shiftIndex(String id) {
        for (int i = 0; i < shifts.size(); i++) {
            if (shifts.get(i).id().equals(id)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no shift " + id);
    }
}
