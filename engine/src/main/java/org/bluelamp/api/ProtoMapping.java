package org.bluelamp.api;

import java.util.LinkedHashSet;
import java.util.Set;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.ExclusionReason;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSnapshot;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RejectReason;

/**
 * Between the contract's messages ({@code org.bluelamp.proto.v1}) and the engine's values: every
 * request field is checked here, at the boundary, and an error names the field as the contract
 * spells it (e.g. {@code incident.location.lat_deg}).
 *
 * <p>Thread-safety: stateless.
 */
public final class ProtoMapping {
    /** Attribution carried by every answer derived from the map. */
    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private ProtoMapping() {}

    // ------------------------------------------------------------------ enums

    public static org.bluelamp.proto.v1.UnitStatus toProto(UnitStatus s) {
        return org.bluelamp.proto.v1.UnitStatus.valueOf("UNIT_STATUS_" + s.name());
    }

    /** The engine status; INVALID_ARGUMENT naming {@code field} when unspecified or unknown. */
    public static UnitStatus fromProto(org.bluelamp.proto.v1.UnitStatus s, String field) {
        if (s == org.bluelamp.proto.v1.UnitStatus.UNIT_STATUS_UNSPECIFIED
                || s == org.bluelamp.proto.v1.UnitStatus.UNRECOGNIZED) {
            throw BluelampException.invalid(
                    field,
                    field + " is missing or unknown: give one of AVAILABLE, EN_ROUTE, "
                            + "AT_SCENE, COMMITTED, REFRESHMENT, AT_STATION, OFF_DUTY");
        }
        return UnitStatus.valueOf(s.name().substring("UNIT_STATUS_".length()));
    }

    public static org.bluelamp.proto.v1.UnitKind toProto(UnitKind k) {
        return org.bluelamp.proto.v1.UnitKind.valueOf("UNIT_KIND_" + k.name());
    }

    /** The engine kind; INVALID_ARGUMENT naming {@code field} when unspecified or unknown. */
    public static UnitKind fromProto(org.bluelamp.proto.v1.UnitKind k, String field) {
        if (k == org.bluelamp.proto.v1.UnitKind.UNIT_KIND_UNSPECIFIED
                || k == org.bluelamp.proto.v1.UnitKind.UNRECOGNIZED) {
            throw BluelampException.invalid(
                    field, field + " is missing or unknown: give one of CAR, VAN, MOTORCYCLE, " + "FOOT, BICYCLE");
        }
        return UnitKind.valueOf(k.name().substring("UNIT_KIND_".length()));
    }

    public static org.bluelamp.proto.v1.FixReason toProto(FixReason r) {
        return org.bluelamp.proto.v1.FixReason.forNumber(r.ordinal());
    }

    /** The engine reason (same numbering); unknown values become {@link FixReason#UNSPECIFIED}. */
    public static FixReason fromProto(org.bluelamp.proto.v1.FixReason r) {
        int n = r == org.bluelamp.proto.v1.FixReason.UNRECOGNIZED ? 0 : r.getNumber();
        FixReason[] all = FixReason.values();
        return n >= 0 && n < all.length ? all[n] : FixReason.UNSPECIFIED;
    }

    public static RejectReason toProto(org.bluelamp.tracking.RejectReason r) {
        return RejectReason.valueOf("REJECT_REASON_" + r.name());
    }

    public static org.bluelamp.proto.v1.ExclusionReason toProto(ExclusionReason r) {
        return org.bluelamp.proto.v1.ExclusionReason.valueOf("EXCLUSION_REASON_" + r.name());
    }

    // ------------------------------------------------------------------ points

    public static LatLon toProto(double latDeg, double lonDeg) {
        return LatLon.newBuilder().setLatDeg(latDeg).setLonDeg(lonDeg).build();
    }

    /** A checked point; INVALID_ARGUMENT naming {@code field} (or its lat_deg/lon_deg) when wrong. */
    public static GeoPoint point(boolean present, LatLon p, String field) {
        if (!present) {
            throw BluelampException.invalid(field, field + " is missing: give lat_deg and lon_deg in decimal degrees");
        }
        GeoPoint.checkLatitude(field + ".lat_deg", p.getLatDeg());
        GeoPoint.checkLongitude(field + ".lon_deg", p.getLonDeg());
        return new GeoPoint(p.getLatDeg(), p.getLonDeg());
    }

    // ------------------------------------------------------------------ units

    /** Required non-blank text of at most {@code max} characters, stripped. */
    public static String requireText(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw BluelampException.invalid(field, field + " is missing");
        }
        String v = value.strip();
        if (v.length() > max) {
            throw BluelampException.invalid(field, field + " is longer than " + max + " characters");
        }
        return v;
    }

    /** A unit id as the fleet accepts it: 1 to 64 characters without surrounding blanks. */
    public static String unitId(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw BluelampException.invalid(field, field + " is missing: give the unit's id");
        }
        if (value.length() > 64 || !value.strip().equals(value)) {
            throw BluelampException.invalid(
                    field,
                    field + " '" + value
                            + "' is not a valid unit id: give 1 to 64 characters without surrounding blanks");
        }
        return value;
    }

    /** The spec described by a Unit message; errors name {@code unit.<field>}. */
    public static UnitSpec spec(org.bluelamp.proto.v1.Unit u, CapabilityRegistry registry) {
        String id = unitId(u.getId(), "unit.id");
        String callsign = requireText(u.getCallsign(), "unit.callsign", 64);
        UnitKind kind = fromProto(u.getKind(), "unit.kind");
        Set<String> caps = new LinkedHashSet<>();
        for (int i = 0; i < u.getCapabilitiesCount(); i++) {
            String c = u.getCapabilities(i);
            if (!registry.isKnown(c)) {
                throw BluelampException.invalid(
                        "unit.capabilities",
                        "unit.capabilities[" + i + "] '" + c + "' is unknown; known capabilities are "
                                + registry.codes());
            }
            caps.add(c);
        }
        int crew = u.getCrewSize() == 0 ? 1 : u.getCrewSize();
        if (crew < 1 || crew > 100) {
            throw BluelampException.invalid(
                    "unit.crew_size", "unit.crew_size " + u.getCrewSize() + " must be between 1 and 100 (0 means 1)");
        }
        if (u.getHomeStation().length() > 128) {
            throw BluelampException.invalid("unit.home_station", "unit.home_station is longer than 128 characters");
        }
        return new UnitSpec(id, callsign, kind, caps, crew, u.getHomeStation().strip());
    }

    /** The Unit message of a snapshot taken at {@code nowMillis}. */
    public static org.bluelamp.proto.v1.Unit toProto(UnitSnapshot s, long nowMillis, String assignedIncidentId) {
        UnitSpec spec = s.unit().spec();
        org.bluelamp.proto.v1.Unit.Builder b = org.bluelamp.proto.v1.Unit.newBuilder()
                .setId(spec.id())
                .setCallsign(spec.callsign())
                .setKind(toProto(spec.kind()))
                .addAllCapabilities(spec.capabilities())
                .setCrewSize(spec.crewSize())
                .setHomeStation(spec.homeStation())
                .setStatus(toProto(s.status().status()))
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
                    .setReason(toProto(s.reason()));
            if (!Double.isNaN(s.speedMetresPerSecond())) {
                f.setSpeedMetresPerSecond(s.speedMetresPerSecond());
            }
            if (!Double.isNaN(s.headingDeg())) {
                f.setHeadingDeg(s.headingDeg());
            }
            b.setLastFix(f).setFixAgeSeconds(s.fixAgeMillis(nowMillis) / 1000.0);
        }
        return b.build();
    }

    // ------------------------------------------------------------------ dispatch

    /** The engine request of a RecommendRequest, every field checked. */
    public static IncidentRequest incident(RecommendRequest r, GradeCatalog grades, CapabilityRegistry registry) {
        if (!r.hasIncident()) {
            throw BluelampException.invalid("incident", "incident is missing: give at least its location and grade");
        }
        var inc = r.getIncident();
        if (inc.getId().length() > 128) {
            throw BluelampException.invalid("incident.id", "incident.id is longer than 128 characters");
        }
        GeoPoint location = point(inc.hasLocation(), inc.getLocation(), "incident.location");
        String grade = grade(inc.getGrade(), "incident.grade", grades);
        if (inc.getIncidentType().length() > 64) {
            throw BluelampException.invalid(
                    "incident.incident_type", "incident.incident_type is longer than 64 characters");
        }
        Set<String> caps = new LinkedHashSet<>();
        for (int i = 0; i < inc.getRequiredCapabilitiesCount(); i++) {
            String c = inc.getRequiredCapabilities(i);
            if (!registry.isKnown(c)) {
                throw BluelampException.invalid(
                        "incident.required_capabilities",
                        "incident.required_capabilities[" + i + "] '" + c + "' is unknown; known capabilities are "
                                + registry.codes());
            }
            caps.add(c);
        }
        int k = r.getMaxCandidates() == 0 ? IncidentRequest.DEFAULT_CANDIDATES : r.getMaxCandidates();
        if (k < 1 || k > IncidentRequest.MAX_CANDIDATES) {
            throw BluelampException.invalid(
                    "max_candidates",
                    "max_candidates must be between 1 and "
                            + IncidentRequest.MAX_CANDIDATES + " (0 means " + IncidentRequest.DEFAULT_CANDIDATES
                            + "), got "
                            + r.getMaxCandidates());
        }
        return new IncidentRequest(inc.getId(), location, grade, inc.getIncidentType(), caps, k);
    }

    /** A known grade code, stripped; INVALID_ARGUMENT naming {@code field} otherwise. */
    public static String grade(String value, String field, GradeCatalog grades) {
        if (value == null || value.isBlank()) {
            throw BluelampException.invalid(field, field + " is missing: give the force's grade code, e.g. 1");
        }
        String g = value.strip();
        if (!grades.isKnown(g)) {
            throw BluelampException.invalid(
                    field, field + " '" + g + "' is unknown; known grades are " + grades.codes());
        }
        return g;
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
                .setIncidentOffRoadMetres(rec.incidentOffRoadMetres())
                .setAttribution(ATTRIBUTION);
        if (rec.targetSeconds().isPresent()) {
            b.setTargetSeconds(rec.targetSeconds().getAsDouble());
        }
        for (Candidate c : rec.candidates()) {
            b.addCandidates(toProto(c));
        }
        for (Candidate c : rec.responsePlan()) {
            b.addResponsePlan(toProto(c));
        }
        for (ExclusionReason r : ExclusionReason.values()) {
            Integer n = rec.excluded().get(r);
            if (n != null && n > 0) {
                b.addExcluded(org.bluelamp.proto.v1.ExclusionCount.newBuilder()
                        .setReason(toProto(r))
                        .setCount(n));
            }
        }
        return b.build();
    }

    public static org.bluelamp.proto.v1.Candidate toProto(Candidate c) {
        return org.bluelamp.proto.v1.Candidate.newBuilder()
                .setRank(c.rank())
                .setUnitId(c.unitId())
                .setCallsign(c.callsign())
                .setKind(toProto(c.kind()))
                .setProfile(c.profile() == null ? "" : c.profile().profileName())
                .setStatus(toProto(c.status()))
                .setDivertedFromGrade(c.divertedFromGrade())
                .setEtaSeconds(c.etaSeconds())
                .setRoadSeconds(c.roadSeconds())
                .setMobilisationSeconds(c.mobilisationSeconds())
                .setOffRoadSeconds(c.offRoadSeconds())
                .setAccessSeconds(c.accessSeconds())
                .setDistanceMetres(c.distanceMetres())
                .setStraightLineMetres(c.straightLineMetres())
                .setStraightLineRank(c.straightLineRank())
                .setMeetsTarget(c.meetsTarget())
                .setFixAgeSeconds(c.fixAgeSeconds())
                .setStale(c.stale())
                .setRankingSeconds(c.rankingSeconds())
                .setInResponsePlan(c.inResponsePlan())
                .addAllReasons(c.reasons())
                .setEncodedPolyline(c.encodedPolyline() == null ? "" : c.encodedPolyline())
                .build();
    }

    /** Counts by reason as the contract's list (non-zero only, in enum order). */
    static java.util.List<org.bluelamp.proto.v1.RejectionCount> rejectionCounts(int[] byReason) {
        java.util.List<org.bluelamp.proto.v1.RejectionCount> out = new java.util.ArrayList<>();
        RejectReason[] all = RejectReason.values();
        for (int i = 0; i < byReason.length; i++) {
            if (byReason[i] > 0) {
                out.add(org.bluelamp.proto.v1.RejectionCount.newBuilder()
                        .setReason(all[i])
                        .setCount(byReason[i])
                        .build());
            }
        }
        return out;
    }
}
