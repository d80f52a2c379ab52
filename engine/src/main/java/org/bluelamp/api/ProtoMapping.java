package org.bluelamp.api;

import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.conditions.Slowdown;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.UnitSnapshot;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.proto.v1.Circle;
import org.bluelamp.proto.v1.ExclusionCount;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RoadBetween;
import org.bluelamp.proto.v1.RoadClasses;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadCondition;
import org.bluelamp.proto.v1.RoadSlowdown;
import org.bluelamp.proto.v1.Unit;

/**
 * From the engine's values to the contract's answers ({@code org.bluelamp.proto.v1}); requests go
 * the other way through {@link Requests}. Enums travel as the contract's numbers
 * ({@link ContractEnums}).
 *
 * <p>Thread-safety: stateless.
 */
public final class ProtoMapping {
    /** Attribution carried by every answer derived from the map. */
    static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private ProtoMapping() {}

    /**
     * A time as the contract reports it: rounded to 0.1 s, the precision an ETA means (GraphHopper's
     * millisecond edge times summed over a route say nothing about the next tenth of a second), so
     * that JSON carries {@code 171.7}, never {@code 171.70000000000002}.
     */
    public static double seconds(double seconds) {
        return Double.isFinite(seconds) ? Math.round(seconds * 10) / 10.0 : seconds;
    }

    /** A distance as the contract reports it: rounded to the metre (a road length is not known closer). */
    public static double metres(double metres) {
        return Double.isFinite(metres) ? Math.rint(metres) : metres;
    }

    static LatLon toProto(double latDeg, double lonDeg) {
        return LatLon.newBuilder().setLatDeg(latDeg).setLonDeg(lonDeg).build();
    }

    /** The Unit message of a snapshot taken at {@code nowMillis}. */
    static Unit toProto(UnitSnapshot s, long nowMillis, String assignedIncidentId) {
        UnitSpec spec = s.unit().spec();
        Unit.Builder b = Unit.newBuilder()
                .setId(spec.id())
                .setCallsign(spec.callsign())
                .setKindValue(ContractEnums.number(spec.kind()))
                .addAllCapabilities(spec.capabilities())
                .setCrewSize(spec.crewSize())
                .setHomeStation(spec.homeStation())
                .setStatusValue(ContractEnums.number(s.status().status()))
                .setStatusTimeEpochMillis(s.status().timeEpochMillis())
                .setCommittedGrade(
                        s.status().committedGrade() == null ? "" : s.status().committedGrade())
                .setStale(s.isStale(nowMillis));
        if (assignedIncidentId != null && s.status().status().isDeployed()) {
            b.setAssignedIncidentId(assignedIncidentId);
        }
        if (s.hasFix()) {
            GpsFix.Builder f = GpsFix.newBuilder()
                    .setUnitId(spec.id())
                    .setPosition(toProto(s.latDeg(), s.lonDeg()))
                    .setPositionTimeEpochMillis(s.positionTimeEpochMillis())
                    .setAccuracyMetres(Double.isNaN(s.accuracyMetres()) ? 0 : s.accuracyMetres())
                    .setReasonValue(ContractEnums.number(s.reason()));
            if (!Double.isNaN(s.speedMetresPerSecond())) {
                f.setSpeedMetresPerSecond(s.speedMetresPerSecond());
            }
            if (!Double.isNaN(s.headingDeg())) {
                f.setHeadingDeg(s.headingDeg());
            }
            b.setLastFix(f).setFixAgeSeconds(seconds(s.fixAgeMillis(nowMillis) / 1000.0));
        }
        return b.build();
    }

    /** A fix as the contract's message; {@code positionTimeEpochMillis} as given (0 for none). */
    static GpsFix toProto(Fix fix, long positionTimeEpochMillis) {
        GpsFix.Builder f = GpsFix.newBuilder()
                .setUnitId(fix.unitId())
                .setPosition(toProto(fix.latDeg(), fix.lonDeg()))
                .setPositionTimeEpochMillis(positionTimeEpochMillis)
                .setAccuracyMetres(Double.isNaN(fix.accuracyMetres()) ? 0 : fix.accuracyMetres())
                .setReasonValue(ContractEnums.number(fix.reason()));
        if (!Double.isNaN(fix.speedMetresPerSecond())) {
            f.setSpeedMetresPerSecond(fix.speedMetresPerSecond());
        }
        if (!Double.isNaN(fix.headingDeg())) {
            f.setHeadingDeg(fix.headingDeg());
        }
        return f.build();
    }

    public static RecommendResponse toProto(Recommendation rec) {
        RecommendResponse.Builder b = RecommendResponse.newBuilder()
                .setIncidentId(rec.incidentId())
                .setGrade(rec.grade())
                .setGradeName(rec.gradeName() == null ? "" : rec.gradeName())
                .setUrban(rec.urban())
                .setPlanFulfilled(rec.planFulfilled())
                .addAllUnmetRequirements(rec.unmetRequirements())
                .setSearchedNodes(rec.searchedNodes())
                .setComputeMicros(rec.computeMicros())
                .setIncidentOffRoadMetres(metres(rec.incidentOffRoadMetres()))
                .addAllConditionsInForce(rec.conditionsInForce())
                .addAllConditionNotes(rec.conditionNotes())
                .setAttribution(ATTRIBUTION);
        if (rec.targetSeconds().isPresent()) {
            b.setTargetSeconds(seconds(rec.targetSeconds().getAsDouble()));
        }
        for (Candidate c : rec.candidates()) {
            candidate(b, c, false);
        }
        for (Candidate c : rec.responsePlan()) {
            candidate(b, c, true);
        }
        for (ExclusionReason r : ExclusionReason.values()) {
            Integer n = rec.excluded().get(r);
            if (n != null && n > 0) {
                b.addExcluded(ExclusionCount.newBuilder()
                        .setReasonValue(ContractEnums.number(r))
                        .setCount(n));
            }
        }
        return b.build();
    }

    /** A condition with its edges, judged in force at {@code atMillis}. */
    static RoadCondition toProto(RoadConditions.Entry e, long atMillis) {
        RoadCondition.Builder b = RoadCondition.newBuilder()
                .setEdgeCount(e.edgeCount())
                .setInForce(e.condition().inForceAt(atMillis));
        switch (e.condition()) {
            case org.bluelamp.conditions.Closure c -> b.setClosure(toProto(c));
            case Slowdown s -> b.setSlowdown(toProto(s));
        }
        return b.build();
    }

    static RoadClosure toProto(org.bluelamp.conditions.Closure c) {
        RoadClosure.Builder b = RoadClosure.newBuilder()
                .setId(c.id())
                .setReason(c.reason())
                .setStartEpochMillis(c.startEpochMillis())
                .setEndEpochMillis(c.endEpochMillis() == Condition.NO_END ? 0 : c.endEpochMillis());
        c.profiles().stream().sorted().forEach(p -> b.addProfiles(p.profileName()));
        switch (c.place()) {
            case org.bluelamp.conditions.Closure.Area a ->
                b.setAreaGeojson(a.area().toGeoJson());
            case org.bluelamp.conditions.Closure.Circle ci ->
                b.setCircle(Circle.newBuilder()
                        .setCentre(toProto(ci.centre().latDeg(), ci.centre().lonDeg()))
                        .setRadiusMetres(ci.radiusMetres()));
            case org.bluelamp.conditions.Closure.Road r ->
                b.setRoad(RoadBetween.newBuilder()
                        .setFrom(toProto(r.from().latDeg(), r.from().lonDeg()))
                        .setTo(toProto(r.to().latDeg(), r.to().lonDeg())));
        }
        return b.build();
    }

    static RoadSlowdown toProto(Slowdown s) {
        RoadSlowdown.Builder b = RoadSlowdown.newBuilder()
                .setId(s.id())
                .setReason(s.reason())
                .setSpeedFactor(s.speedFactor())
                .setStartEpochMillis(s.startEpochMillis())
                .setEndEpochMillis(s.endEpochMillis() == Condition.NO_END ? 0 : s.endEpochMillis());
        s.profiles().stream().sorted().forEach(p -> b.addProfiles(p.profileName()));
        switch (s.scope()) {
            case Slowdown.Area a -> b.setAreaGeojson(a.area().toGeoJson());
            case Slowdown.RoadClasses rc -> {
                RoadClasses.Builder classes = RoadClasses.newBuilder();
                rc.classes().stream().sorted().forEach(c -> classes.addClasses(c.code()));
                b.setRoadClasses(classes);
            }
        }
        return b.build();
    }

    /** Adds one candidate to the ranked list or to the response plan. */
    private static void candidate(RecommendResponse.Builder b, Candidate c, boolean inPlan) {
        (inPlan ? b.addResponsePlanBuilder() : b.addCandidatesBuilder())
                .setRank(c.rank())
                .setUnitId(c.unitId())
                .setCallsign(c.callsign())
                .setKindValue(ContractEnums.number(c.kind()))
                .setProfile(c.profile() == null ? "" : c.profile().profileName())
                .setStatusValue(ContractEnums.number(c.status()))
                .setDivertedFromGrade(c.divertedFromGrade())
                .setEtaSeconds(seconds(c.etaSeconds()))
                .setRoadSeconds(seconds(c.roadSeconds()))
                .setMobilisationSeconds(seconds(c.mobilisationSeconds()))
                .setOffRoadSeconds(seconds(c.offRoadSeconds()))
                .setAccessSeconds(seconds(c.accessSeconds()))
                .setDistanceMetres(metres(c.distanceMetres()))
                .setStraightLineMetres(metres(c.straightLineMetres()))
                .setStraightLineRank(c.straightLineRank())
                .setMeetsTarget(c.meetsTarget())
                .setFixAgeSeconds(seconds(c.fixAgeSeconds()))
                .setStale(c.stale())
                .setRankingSeconds(seconds(c.rankingSeconds()))
                .setInResponsePlan(c.inResponsePlan())
                .addAllReasons(c.reasons())
                .setEncodedPolyline(c.encodedPolyline() == null ? "" : c.encodedPolyline());
    }
}
