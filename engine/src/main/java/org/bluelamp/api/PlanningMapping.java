package org.bluelamp.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.bluelamp.coverage.CandidateSite;
import org.bluelamp.coverage.CoveragePlanner;
import org.bluelamp.coverage.CoverageReport;
import org.bluelamp.coverage.Deployment;
import org.bluelamp.coverage.LiveCoverage;
import org.bluelamp.coverage.MoveUpPlanner;
import org.bluelamp.coverage.PlannedUnit;
import org.bluelamp.coverage.ScenarioComparison;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.proto.v1.BeatChange;
import org.bluelamp.proto.v1.BeatCoverage;
import org.bluelamp.proto.v1.CoverageComparison;
import org.bluelamp.proto.v1.DemandCoverage;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RoadCoverage;
import org.bluelamp.proto.v1.ScenarioOutcome;
import org.bluelamp.proto.v1.UnitCoverage;
import org.bluelamp.proto.v1.UnitLoss;
import org.bluelamp.proto.v1.WorstPlace;

/**
 * Coverage reports as the contract's messages ({@code dispatch.v1.CoverageReport} and
 * {@code CoverageComparison}): what {@code Planning.EvaluateCoverage} answers and what the
 * {@code coverage} command writes as {@code report.json} (the same message in the contract's JSON),
 * so that both give the same report. Shares are 0 to 1; NaN and infinite values become absent
 * optional fields.
 *
 * <p>Thread-safety: stateless.
 */
public final class PlanningMapping {
    /** The map data's attribution, carried by every comparison. */
    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private PlanningMapping() {}

    /** A baseline and its what-ifs. */
    public static CoverageComparison toProto(ScenarioComparison c) {
        CoverageComparison.Builder b = CoverageComparison.newBuilder()
                .setBaseline(toProto(c.baseline()))
                .setAttribution(ATTRIBUTION);
        for (ScenarioComparison.Outcome o : c.scenarios()) {
            ScenarioOutcome.Builder s = ScenarioOutcome.newBuilder()
                    .setName(o.scenario().name())
                    .setReport(toProto(o.report()))
                    .setRoadShareChange(o.roadShareChange())
                    .setDemandShareChange(o.demandShareChange())
                    .addAllRoadChanges(o.scenario().roadChanges());
            if (Double.isFinite(o.expectedShareChange())) {
                s.setExpectedShareChange(o.expectedShareChange());
            }
            for (ScenarioComparison.BeatChange bc : o.beats()) {
                BeatChange.Builder bb = BeatChange.newBuilder()
                        .setBeatId(bc.beatId())
                        .setName(bc.name())
                        .setRoadShareBefore(bc.roadShareBefore())
                        .setRoadShareAfter(bc.roadShareAfter())
                        .setDemandShareBefore(bc.demandShareBefore())
                        .setDemandShareAfter(bc.demandShareAfter());
                if (Double.isFinite(bc.expectedShareBefore())) {
                    bb.setExpectedShareBefore(bc.expectedShareBefore());
                }
                if (Double.isFinite(bc.expectedShareAfter())) {
                    bb.setExpectedShareAfter(bc.expectedShareAfter());
                }
                s.addBeats(bb);
            }
            b.addScenarios(s);
        }
        return b.build();
    }

    /**
     * A baseline and its what-ifs with, when the comparison carries them, each report's bands as
     * GeoJSON ({@code bands_geojson}: the baseline's, then each what-if's).
     */
    public static CoverageComparison toProto(CoveragePlanner.Compared c) {
        CoverageComparison plain = toProto(c.comparison());
        if (c.bands() == null) {
            return plain;
        }
        CoverageComparison.Builder b = plain.toBuilder();
        String grade = c.comparison().baseline().gradeCode();
        b.getBaselineBuilder().setBandsGeojson(c.bands().get(0).toGeoJson(grade));
        for (int i = 0; i < b.getScenariosCount(); i++) {
            b.getScenariosBuilder(i)
                    .getReportBuilder()
                    .setBandsGeojson(c.bands().get(i + 1).toGeoJson(grade));
        }
        return b.build();
    }

    /**
     * What a planner may build a baseline from: the stations and standby posts, and the live fleet
     * as planned units (id, kind, status, position, and its home station when that is one of the
     * stations, so that closing a station in a what-if takes its units away; nothing else of a unit).
     */
    static org.bluelamp.proto.v1.PlanningBaseline toProto(
            long readAtEpochMillis, List<CandidateSite> stations, Deployment live, FleetState fleet) {
        org.bluelamp.proto.v1.Deployment.Builder d = org.bluelamp.proto.v1.Deployment.newBuilder();
        java.util.Set<String> stationIds = new java.util.HashSet<>();
        for (CandidateSite s : stations) {
            stationIds.add(s.id());
            d.addStations(org.bluelamp.proto.v1.PlannedStation.newBuilder()
                    .setId(s.id())
                    .setName(s.name())
                    .setPosition(latLon(s.position())));
        }
        for (PlannedUnit u : live.units()) {
            String home =
                    fleet.findUnit(u.id()).map(x -> x.spec().homeStation()).orElse("");
            d.addUnits(org.bluelamp.proto.v1.PlannedUnit.newBuilder()
                    .setId(u.id())
                    .setKindValue(ContractEnums.number(u.kind()))
                    .setStatusValue(ContractEnums.number(u.status()))
                    .setPosition(latLon(u.position()))
                    .setStation(stationIds.contains(home) ? home : ""));
        }
        return org.bluelamp.proto.v1.PlanningBaseline.newBuilder()
                .setReadAtEpochMillis(readAtEpochMillis)
                .setDeployment(d)
                .setUnitsWithoutPosition(fleet.unitCount() - live.units().size())
                .build();
    }

    private static LatLon latLon(org.bluelamp.geo.GeoPoint p) {
        return LatLon.newBuilder()
                .setLatDeg(round(p.latDeg(), 6))
                .setLonDeg(round(p.lonDeg(), 6))
                .build();
    }

    /** One report. */
    public static org.bluelamp.proto.v1.CoverageReport toProto(CoverageReport r) {
        org.bluelamp.proto.v1.CoverageReport.Builder b = org.bluelamp.proto.v1.CoverageReport.newBuilder()
                .setName(r.name())
                .setGrade(r.gradeCode())
                .setGradeName(r.gradeName())
                .setUrbanTargetSeconds(r.urbanTargetSeconds())
                .setRuralTargetSeconds(r.ruralTargetSeconds())
                .addAllBandNames(CoverageReport.BAND_NAMES)
                .setLabelsPerNode(r.labelsPerNode())
                .setSettledLabels(r.settledLabels())
                .setComputeMillis(round(r.computeMillis(), 3));
        CoverageReport.RoadCoverage road = r.road();
        RoadCoverage.Builder rb = RoadCoverage.newBuilder()
                .setTotalKm(round(road.totalKm(), 3))
                .setWithinTargetKm(round(road.withinTargetKm(), 3))
                .setShareWithinTarget(round(road.share(), 5))
                .setUrbanKm(round(road.urbanKm(), 3))
                .setUrbanWithinTargetKm(round(road.urbanWithinKm(), 3))
                .setRuralKm(round(road.ruralKm(), 3))
                .setRuralWithinTargetKm(round(road.ruralWithinKm(), 3));
        for (double km : road.bandKm()) {
            rb.addBandKm(round(km, 3));
        }
        b.setRoad(rb);
        CoverageReport.DemandCoverage d = r.demand();
        DemandCoverage.Builder db = DemandCoverage.newBuilder()
                .setDescription(d.description())
                .setTotalWeight(round(d.totalWeight(), 3))
                .setWithinTargetWeight(round(d.withinTargetWeight(), 3))
                .setShareWithinTarget(round(d.share(), 5))
                .setExpectedErrorBound(d.expectedErrorBound())
                .setUnplacedPoints(d.unplacedPoints());
        for (double w : d.bandWeight()) {
            db.addBandWeight(round(w, 3));
        }
        for (double w : d.unitsWithinTargetWeight()) {
            db.addUnitsWithinTargetWeight(round(w, 3));
        }
        if (!Double.isNaN(d.busyFraction())) {
            db.setBusyFraction(d.busyFraction());
            db.setExpectedShare(round(d.expectedShare(), 5));
        }
        b.setDemand(db);
        for (CoverageReport.BeatCoverage c : r.beats()) {
            BeatCoverage.Builder bb = BeatCoverage.newBuilder()
                    .setId(c.id())
                    .setName(c.name())
                    .setRoadKm(round(c.roadKm(), 3))
                    .setRoadShareWithinTarget(round(c.roadShare(), 5))
                    .setDemandWeight(round(c.demandWeight(), 3))
                    .setDemandShareWithinTarget(round(c.demandShare(), 5))
                    .setHasUnreached(c.worstSeconds() == Double.POSITIVE_INFINITY);
            if (Double.isFinite(c.expectedShare())) {
                bb.setExpectedShare(round(c.expectedShare(), 5));
            }
            if (Double.isFinite(c.worstSeconds())) {
                bb.setWorstSeconds(round(c.worstSeconds(), 1));
            }
            b.addBeats(bb);
        }
        for (CoverageReport.WorstPlace w : r.worst()) {
            WorstPlace.Builder wb = WorstPlace.newBuilder()
                    .setPosition(
                            LatLon.newBuilder().setLatDeg(round(w.latDeg(), 6)).setLonDeg(round(w.lonDeg(), 6)))
                    .setTargetSeconds(w.targetSeconds())
                    .setUrban(w.urban())
                    .setBeatId(w.beatId())
                    .setWeight(w.weight());
            if (Double.isFinite(w.bestSeconds())) {
                wb.setBestSeconds(round(w.bestSeconds(), 1));
            }
            b.addWorst(wb);
        }
        double total = d.totalWeight();
        for (CoverageReport.UnitCoverage u : r.units()) {
            UnitCoverage.Builder ub = UnitCoverage.newBuilder()
                    .setUnitId(u.id())
                    .setKindValue(ContractEnums.number(UnitKind.valueOf(u.kind().toUpperCase(Locale.ROOT))))
                    .setStatusValue(
                            ContractEnums.number(UnitStatus.valueOf(u.status().toUpperCase(Locale.ROOT))))
                    .setProfile(u.profile())
                    .setCounted(u.counted())
                    .setExcludedReason(u.excludedReason())
                    .setOnlyUnitShare(total > 0 ? round(u.onlyUnitWeight() / total, 5) : 0);
            if (u.counted()) {
                ub.setStartSeconds(round(u.startSeconds(), 1));
            }
            b.addUnits(ub);
        }
        return b.build();
    }

    /** A placement. */
    public static org.bluelamp.proto.v1.UnitPlacement toProto(
            org.bluelamp.coverage.UnitPlacement.Result r, int candidates, double computeMillis) {
        org.bluelamp.proto.v1.UnitPlacement.Builder b = org.bluelamp.proto.v1.UnitPlacement.newBuilder()
                .setShareBefore(round(r.shareBefore(), 5))
                .setShareAfter(round(r.shareAfter(), 5))
                .setObjective(
                        r.objective() == org.bluelamp.coverage.UnitPlacement.Objective.COVERAGE
                                ? "coverage"
                                : "expected")
                .setCandidates(candidates)
                .setComputeMillis(round(computeMillis, 3));
        for (org.bluelamp.coverage.UnitPlacement.Pick p : r.picks()) {
            org.bluelamp.proto.v1.PlacedUnit.Builder u = org.bluelamp.proto.v1.PlacedUnit.newBuilder()
                    .setCandidateId(p.site().id())
                    .setName(p.site().name())
                    .setPosition(LatLon.newBuilder()
                            .setLatDeg(round(p.site().position().latDeg(), 6))
                            .setLonDeg(round(p.site().position().lonDeg(), 6)));
            if (Double.isFinite(p.gainWeight()) && r.totalWeight() > 0) {
                u.setGainShare(round(p.gainWeight() / r.totalWeight(), 5));
            }
            b.addUnits(u);
        }
        return b.build();
    }

    /** The live fleet's coverage without the gaps' geometry. */
    public static org.bluelamp.proto.v1.LiveCoverage toProto(LiveCoverage.Snapshot s) {
        return toProto(s, false);
    }

    /**
     * The live fleet's coverage, units by what coverage would lose if they went, largest first,
     * with the gaps as GeoJSON when {@code withGaps} (the snapshot must then hold them).
     */
    public static org.bluelamp.proto.v1.LiveCoverage toProto(LiveCoverage.Snapshot s, boolean withGaps) {
        return toProto(s, withGaps, s.computedAtEpochMillis());
    }

    /**
     * The live fleet's coverage as {@link #toProto(LiveCoverage.Snapshot, boolean)}, with its age at
     * {@code nowEpochMillis}.
     */
    public static org.bluelamp.proto.v1.LiveCoverage toProto(
            LiveCoverage.Snapshot s, boolean withGaps, long nowEpochMillis) {
        CoverageReport r = s.report();
        double total = r.demand().totalWeight();
        double share = r.demand().share();
        org.bluelamp.proto.v1.LiveCoverage.Builder b = org.bluelamp.proto.v1.LiveCoverage.newBuilder()
                .setComputedAtEpochMillis(s.computedAtEpochMillis())
                .setAgeMillis(s.ageMillis(nowEpochMillis))
                .setGrade(r.gradeCode())
                .setRoadShareWithinTarget(round(r.road().share(), 5))
                .setDemandShareWithinTarget(round(share, 5))
                .setGapsKm(round(r.road().totalKm() - r.road().withinTargetKm(), 3))
                .setComputeMillis(round(r.computeMillis(), 3));
        if (withGaps) {
            b.setGapsGeojson(s.gaps().toGeoJson(r.gradeCode(), s.computedAtEpochMillis()));
        }
        List<CoverageReport.UnitCoverage> counted = new ArrayList<>();
        for (CoverageReport.UnitCoverage u : r.units()) {
            if (u.counted()) {
                counted.add(u);
            }
        }
        counted.sort(Comparator.comparingDouble(CoverageReport.UnitCoverage::onlyUnitWeight)
                .reversed()
                .thenComparing(CoverageReport.UnitCoverage::id));
        b.setUnitsCounted(counted.size());
        for (CoverageReport.UnitCoverage u : counted) {
            double only = total > 0 ? u.onlyUnitWeight() / total : 0;
            b.addUnits(UnitLoss.newBuilder()
                    .setUnitId(u.id())
                    .setOnlyUnitShare(round(only, 5))
                    .setShareWithout(round(share - only, 5)));
        }
        return b.build();
    }

    /**
     * A recommendation with, per candidate (listed and in the response plan), the live coverage
     * that would remain if it went, and the live coverage it was read from.
     */
    static org.bluelamp.proto.v1.RecommendResponse withCoverageImpact(
            org.bluelamp.proto.v1.RecommendResponse answer, LiveCoverage.Snapshot s, long nowEpochMillis) {
        CoverageReport r = s.report();
        double total = r.demand().totalWeight();
        double share = r.demand().share();
        java.util.Map<String, CoverageReport.UnitCoverage> byId = new java.util.HashMap<>();
        int counted = 0;
        for (CoverageReport.UnitCoverage u : r.units()) {
            byId.put(u.id(), u);
            if (u.counted()) {
                counted++;
            }
        }
        org.bluelamp.proto.v1.RecommendResponse.Builder b = answer.toBuilder();
        b.setLiveCoverage(org.bluelamp.proto.v1.LiveCoverageSummary.newBuilder()
                .setGrade(r.gradeCode())
                .setDemandShareWithinTarget(round(share, 5))
                .setUnitsCounted(counted)
                .setComputedAtEpochMillis(s.computedAtEpochMillis())
                .setAgeSeconds(round(s.ageMillis(nowEpochMillis) / 1000.0, 3)));
        for (org.bluelamp.proto.v1.Candidate.Builder c : b.getCandidatesBuilderList()) {
            c.setCoverageIfSent(impact(byId.get(c.getUnitId()), share, total));
        }
        for (org.bluelamp.proto.v1.Candidate.Builder c : b.getResponsePlanBuilderList()) {
            c.setCoverageIfSent(impact(byId.get(c.getUnitId()), share, total));
        }
        return b.build();
    }

    /** Move-up advice for the live fleet: each move with its post, road time and distance, share after and gain. */
    public static org.bluelamp.proto.v1.MoveUpAdvice toProto(LiveCoverage.MoveUps m, String grade) {
        MoveUpPlanner.Advice a = m.advice();
        org.bluelamp.proto.v1.MoveUpAdvice.Builder b = org.bluelamp.proto.v1.MoveUpAdvice.newBuilder()
                .setShareNow(round(a.shareNow(), 5))
                .setComputeMillis(round(a.computeMillis(), 3))
                .setGrade(grade)
                .setComputedAtEpochMillis(m.computedAtEpochMillis())
                .setPosts(m.posts());
        for (MoveUpPlanner.Move x : a.moves()) {
            b.addMoves(org.bluelamp.proto.v1.MoveUp.newBuilder()
                    .setUnitId(x.unitId())
                    .setPostId(x.post().id())
                    .setPostName(x.post().name())
                    .setPost(LatLon.newBuilder()
                            .setLatDeg(round(x.post().position().latDeg(), 6))
                            .setLonDeg(round(x.post().position().lonDeg(), 6)))
                    .setTravelSeconds(x.travelMillis() < 0 ? -1 : x.travelMillis() / 1000.0)
                    .setTravelMetres(Double.isNaN(x.travelMetres()) ? 0 : round(x.travelMetres(), 1))
                    .setShareAfter(round(x.shareAfter(), 5))
                    .setGainShare(round(x.gainShare(), 5)));
        }
        return b.build();
    }

    private static org.bluelamp.proto.v1.CoverageImpact impact(
            CoverageReport.UnitCoverage u, double share, double total) {
        org.bluelamp.proto.v1.CoverageImpact.Builder b = org.bluelamp.proto.v1.CoverageImpact.newBuilder();
        if (u == null || !u.counted()) {
            return b.setCounted(false).setShareWithout(round(share, 5)).build();
        }
        double only = total > 0 ? u.onlyUnitWeight() / total : 0;
        return b.setCounted(true)
                .setOnlyUnitShare(round(only, 5))
                .setShareWithout(round(share - only, 5))
                .build();
    }

    static double round(double v, int digits) {
        if (!Double.isFinite(v)) {
            return v;
        }
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
