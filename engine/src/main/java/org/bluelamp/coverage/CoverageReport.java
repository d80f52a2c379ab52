package org.bluelamp.coverage;

import java.util.List;
import java.util.Objects;

/**
 * What a deployment covers for one grade: shares of road length and of demand within the grade's
 * urban and rural attendance targets, response-time bands, MEXCLP expected coverage, the same per
 * beat, the worst-served places and every unit's part. Times include each unit's mobilisation
 * delay and off-road leg, and, for demand points, the access leg from the road. Immutable.
 *
 * @param name the deployment or scenario's name
 * @param gradeCode the grade evaluated, e.g. "1"
 * @param gradeName its name, e.g. "Emergency"
 * @param urbanTargetSeconds its urban attendance target
 * @param ruralTargetSeconds its rural attendance target
 * @param road the road network's coverage
 * @param demand demand coverage
 * @param beats per beat, in the order of the beats file (empty without beats)
 * @param worst the worst-served places, worst first, at least {@link #WORST_SEPARATION_METRES} apart
 * @param units every unit of the deployment, counted or not
 * @param labelsPerNode how many nearest units the search kept per place (the cap on counts)
 * @param settledLabels labels the searches settled (the measure of work)
 * @param computeMillis time the evaluation took
 */
public record CoverageReport(
        String name,
        String gradeCode,
        String gradeName,
        double urbanTargetSeconds,
        double ruralTargetSeconds,
        RoadCoverage road,
        DemandCoverage demand,
        List<BeatCoverage> beats,
        List<WorstPlace> worst,
        List<UnitCoverage> units,
        int labelsPerNode,
        long settledLabels,
        double computeMillis) {
    /** Upper limits of the response-time bands, minutes: 0-5, 5-10, 10-15, 15-20, over 20, never. */
    public static final int[] BAND_LIMITS_MINUTES = {5, 10, 15, 20};
    /** Names of the bands, in order. */
    public static final List<String> BAND_NAMES =
            List.of("0-5 min", "5-10 min", "10-15 min", "15-20 min", "over 20 min", "not reached");
    /** How far apart the listed worst-served places are at least. */
    public static final double WORST_SEPARATION_METRES = 1500;

    public CoverageReport {
        Objects.requireNonNull(name, "name");
        beats = List.copyOf(beats);
        worst = List.copyOf(worst);
        units = List.copyOf(units);
    }

    /**
     * The road network's coverage (the main network of the blue-light car profile).
     *
     * @param totalKm its length
     * @param withinTargetKm length reached within the target of where it lies
     * @param urbanKm length in urban areas
     * @param urbanWithinKm of which within the urban target
     * @param ruralKm length elsewhere
     * @param ruralWithinKm of which within the rural target
     * @param bandKm length by response-time band ({@link #BAND_NAMES})
     */
    public record RoadCoverage(
            double totalKm,
            double withinTargetKm,
            double urbanKm,
            double urbanWithinKm,
            double ruralKm,
            double ruralWithinKm,
            double[] bandKm) {
        /** Share of road length within target, 0 to 1. */
        public double share() {
            return totalKm > 0 ? withinTargetKm / totalKm : 0;
        }
    }

    /**
     * Demand coverage.
     *
     * @param description what the demand is (a file, or the proxy and its size)
     * @param totalWeight total weight of demand
     * @param withinTargetWeight weight reached within target
     * @param bandWeight weight by response-time band
     * @param unitsWithinTargetWeight weight reached within target by 0, 1, 2, and 3 or more units
     * @param busyFraction MEXCLP's q, or NaN when none was given
     * @param expectedWeight MEXCLP expected covered weight: the sum of weight × (1 − q^k) over places
     *     with k units within target (NaN without q)
     * @param expectedErrorBound how much the expected share may be understated because counts stop at
     *     {@code labelsPerNode} units (q^labelsPerNode; 0 without q)
     * @param unplacedPoints demand points further than the snap limit from every road (never reached)
     */
    public record DemandCoverage(
            String description,
            double totalWeight,
            double withinTargetWeight,
            double[] bandWeight,
            double[] unitsWithinTargetWeight,
            double busyFraction,
            double expectedWeight,
            double expectedErrorBound,
            int unplacedPoints) {
        public double share() {
            return totalWeight > 0 ? withinTargetWeight / totalWeight : 0;
        }

        /** MEXCLP expected coverage as a share, or NaN without q. */
        public double expectedShare() {
            return totalWeight > 0 ? expectedWeight / totalWeight : Double.NaN;
        }
    }

    /**
     * One beat's coverage.
     *
     * @param worstSeconds the longest best response time to any of its demand places (infinity if
     *     one is never reached, NaN if it has none)
     */
    public record BeatCoverage(
            String id,
            String name,
            double roadKm,
            double roadWithinKm,
            double demandWeight,
            double demandWithinWeight,
            double expectedWeight,
            double worstSeconds) {
        public double roadShare() {
            return roadKm > 0 ? roadWithinKm / roadKm : 0;
        }

        public double demandShare() {
            return demandWeight > 0 ? demandWithinWeight / demandWeight : 0;
        }

        public double expectedShare() {
            return demandWeight > 0 ? expectedWeight / demandWeight : Double.NaN;
        }
    }

    /**
     * A badly served place.
     *
     * @param bestSeconds its best response time (infinity when no unit reaches it)
     * @param targetSeconds the target there
     * @param beatId its beat ("" for none)
     * @param weight its demand weight
     */
    public record WorstPlace(
            double latDeg,
            double lonDeg,
            double bestSeconds,
            double targetSeconds,
            boolean urban,
            String beatId,
            double weight) {}

    /**
     * One unit's part.
     *
     * @param counted whether it counts for this grade (status eligible, placed on a road)
     * @param excludedReason why not ("" when counted): {@code status_not_eligible}, {@code off_road_network},
     *     {@code profile_not_prepared}
     * @param profile the profile it travels with for this grade
     * @param startSeconds mobilisation delay plus off-road leg
     * @param snapMetres how far its position is from the road it starts on
     * @param onlyUnitWeight demand weight only this unit reaches within target: what coverage would
     *     lose if it went
     */
    public record UnitCoverage(
            String id,
            String kind,
            String status,
            String profile,
            boolean counted,
            String excludedReason,
            double startSeconds,
            double snapMetres,
            double onlyUnitWeight) {}
}
