package org.bluelamp.api;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.vertx.core.buffer.Buffer;
import io.vertx.grpc.common.ServiceMethod;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.bluelamp.api.GrpcFrames.Frame;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.CapabilityRegistry;
import org.bluelamp.fleet.Fix;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.AssignRequest;
import org.bluelamp.proto.v1.AssignResponse;
import org.bluelamp.proto.v1.CloseIncidentRequest;
import org.bluelamp.proto.v1.CloseIncidentResponse;
import org.bluelamp.proto.v1.CoverageComparison;
import org.bluelamp.proto.v1.DispatchGrpcService;
import org.bluelamp.proto.v1.EvaluateCoverageRequest;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FleetGrpcService;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.GetIncidentRequest;
import org.bluelamp.proto.v1.GetTrackRequest;
import org.bluelamp.proto.v1.GetUnitRequest;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.Incident;
import org.bluelamp.proto.v1.IncidentRecord;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.ListAuditRequest;
import org.bluelamp.proto.v1.ListAuditResponse;
import org.bluelamp.proto.v1.ListConditionsRequest;
import org.bluelamp.proto.v1.ListConditionsResponse;
import org.bluelamp.proto.v1.ListIncidentsRequest;
import org.bluelamp.proto.v1.ListIncidentsResponse;
import org.bluelamp.proto.v1.ListUnitsRequest;
import org.bluelamp.proto.v1.ListUnitsResponse;
import org.bluelamp.proto.v1.LiveCoverageRequest;
import org.bluelamp.proto.v1.PlaceUnitsRequest;
import org.bluelamp.proto.v1.PlanningGrpcService;
import org.bluelamp.proto.v1.RecommendRequest;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.RegisterUnitRequest;
import org.bluelamp.proto.v1.RemoveConditionRequest;
import org.bluelamp.proto.v1.RoadClosure;
import org.bluelamp.proto.v1.RoadCondition;
import org.bluelamp.proto.v1.RoadSlowdown;
import org.bluelamp.proto.v1.RoadsGrpcService;
import org.bluelamp.proto.v1.SetStatusRequest;
import org.bluelamp.proto.v1.SubmitLipRequest;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.proto.v1.Track;
import org.bluelamp.proto.v1.TrackingGrpcService;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UpdateUnitRequest;
import org.bluelamp.proto.v1.WatchFleetRequest;
import org.bluelamp.store.AuditQuery;
import org.bluelamp.tracking.FixRules;
import org.bluelamp.tracking.RejectReason;
import org.bluelamp.tracking.ServiceArea;
import org.bluelamp.tracking.lip.LipDecodeException;
import org.bluelamp.tracking.lip.LipDecoder;
import org.bluelamp.tracking.lip.LipReport;

/**
 * The one boundary of the contract: for every method, the message it takes and the check that
 * turns it into engine values, every error naming the field as the contract spells it
 * ({@code incident.incident_type}, {@code unit.capabilities}, ...). Grades, incident types and
 * capabilities are checked against the force's policy book and capability registry here, before
 * the engine is called; ids follow {@link Ids}, coordinates {@link GeoPoint}'s checks, and every
 * echo of a caller's text goes through {@link Echo}. The endpoints take their parser and check
 * from this table, and {@link #decode} runs the same path in process, without sockets, from the
 * bytes a client sends (for tests and fuzzing).
 *
 * <p>Thread-safety: stateless; the checks read only their request and the immutable
 * {@link RequestRules}.
 */
final class Requests {
    /** A method of the contract: its server-side descriptor, its request parser and its check. */
    record Method<Req extends Message, Resp, V>(
            ServiceMethod<Req, Resp> method, Parser<Req> parser, BiFunction<Req, RequestRules, V> check) {
        /** Parses and checks one request message's bytes. */
        V decode(byte[] payload, RequestRules rules) {
            return check.apply(Rpc.parse(parser, payload, messageName()), rules);
        }

        /** What errors call one message of this method. */
        String messageName() {
            return method == TrackingGrpcService.StreamFixes ? "FixBatch" : "request";
        }
    }

    // ------------------------------------------------------------------ what the checks give

    /** A unit to register, with its first status and, if given, its first position (else null). */
    record Registration(UnitSpec spec, StatusChange status, Fix position) {}

    /**
     * A status change for a unit; {@code grade} null when none was given (the unit then keeps its
     * task's grade while it stays deployed, see {@link UnitStatus#keepsTaskTo}).
     */
    record StatusRequest(String unitId, UnitStatus status, String grade, long timeEpochMillis) {}

    /** Which units to list. */
    record UnitQuery(EnumSet<UnitStatus> statuses, long capabilityMask, AreaFilter area, int maxUnits) {}

    /** A unit's track over a window of position times (ms since the epoch, inclusive). */
    record TrackQuery(String unitId, long fromEpochMillis, long toEpochMillis) {}

    /** A live feed subscription. */
    record WatchQuery(AreaFilter area, int minIntervalMillis, boolean includeSnapshot) {}

    /**
     * A unit sent to an incident; {@code location} null and {@code incidentType} empty when not
     * given.
     */
    record Assignment(String incidentId, String unitId, StatusChange change, GeoPoint location, String incidentType) {}

    /**
     * A checked recommendation request: the incident and whether each candidate should carry the
     * live coverage that would remain without it.
     */
    record Recommending(IncidentRequest incident, boolean coverageImpact) {}

    /** Which incidents to list: opened in [from, to] (ms), at most {@code max}. */
    record IncidentQuery(boolean openOnly, long fromEpochMillis, long toEpochMillis, int max) {}

    /** A decoded LIP report from a radio. */
    record LipSubmission(String issi, LipReport report, long receivedEpochMillis) {}

    // ------------------------------------------------------------------ the table

    static final int DEFAULT_LIST = 1_000;
    static final int MAX_LIST = 10_000;
    static final int MAX_CREW = 100;
    static final int DEFAULT_AUDIT = 10_000;
    static final int MAX_AUDIT = 100_000;

    static final Method<RegisterUnitRequest, Unit, Registration> REGISTER_UNIT =
            new Method<>(FleetGrpcService.RegisterUnit, RegisterUnitRequest.parser(), Requests::register);
    static final Method<UpdateUnitRequest, Unit, UnitSpec> UPDATE_UNIT =
            new Method<>(FleetGrpcService.UpdateUnit, UpdateUnitRequest.parser(), Requests::update);
    static final Method<SetStatusRequest, Unit, StatusRequest> SET_STATUS =
            new Method<>(FleetGrpcService.SetStatus, SetStatusRequest.parser(), Requests::setStatus);
    static final Method<GetUnitRequest, Unit, String> GET_UNIT = new Method<>(
            FleetGrpcService.GetUnit, GetUnitRequest.parser(), (r, rules) -> unitId(r.getUnitId(), "unit_id"));
    static final Method<ListUnitsRequest, ListUnitsResponse, UnitQuery> LIST_UNITS =
            new Method<>(FleetGrpcService.ListUnits, ListUnitsRequest.parser(), Requests::list);
    static final Method<GetTrackRequest, Track, TrackQuery> GET_TRACK =
            new Method<>(FleetGrpcService.GetTrack, GetTrackRequest.parser(), Requests::track);
    static final Method<WatchFleetRequest, FleetUpdate, WatchQuery> WATCH_FLEET =
            new Method<>(FleetGrpcService.WatchFleet, WatchFleetRequest.parser(), Requests::watch);
    static final Method<FixBatch, FixBatchAck, FixBatch> STREAM_FIXES =
            new Method<>(TrackingGrpcService.StreamFixes, FixBatch.parser(), Requests::fixBatch);
    static final Method<SubmitLipRequest, SubmitLipResponse, LipSubmission> SUBMIT_LIP =
            new Method<>(TrackingGrpcService.SubmitLip, SubmitLipRequest.parser(), Requests::submitLip);
    static final Method<RecommendRequest, RecommendResponse, Recommending> RECOMMEND =
            new Method<>(DispatchGrpcService.Recommend, RecommendRequest.parser(), Requests::recommend);
    static final Method<AssignRequest, AssignResponse, Assignment> ASSIGN =
            new Method<>(DispatchGrpcService.Assign, AssignRequest.parser(), Requests::assign);
    static final Method<CloseIncidentRequest, CloseIncidentResponse, String> CLOSE_INCIDENT = new Method<>(
            DispatchGrpcService.CloseIncident,
            CloseIncidentRequest.parser(),
            (r, rules) -> Ids.check("incident_id", r.getIncidentId()));
    static final Method<GetIncidentRequest, IncidentRecord, String> GET_INCIDENT = new Method<>(
            DispatchGrpcService.GetIncident,
            GetIncidentRequest.parser(),
            (r, rules) -> Ids.check("incident_id", r.getIncidentId()));
    static final Method<ListIncidentsRequest, ListIncidentsResponse, IncidentQuery> LIST_INCIDENTS =
            new Method<>(DispatchGrpcService.ListIncidents, ListIncidentsRequest.parser(), Requests::listIncidents);
    static final Method<ListAuditRequest, ListAuditResponse, AuditQuery> LIST_AUDIT =
            new Method<>(DispatchGrpcService.ListAudit, ListAuditRequest.parser(), Requests::listAudit);
    static final Method<RoadClosure, RoadCondition, org.bluelamp.conditions.Closure> ADD_CLOSURE =
            new Method<>(RoadsGrpcService.AddClosure, RoadClosure.parser(), ConditionRequests::closure);
    static final Method<RoadSlowdown, RoadCondition, org.bluelamp.conditions.Slowdown> ADD_SLOWDOWN =
            new Method<>(RoadsGrpcService.AddSlowdown, RoadSlowdown.parser(), ConditionRequests::slowdown);
    static final Method<RemoveConditionRequest, RoadCondition, String> REMOVE_CONDITION = new Method<>(
            RoadsGrpcService.RemoveCondition,
            RemoveConditionRequest.parser(),
            (r, rules) -> Ids.check("id", r.getId()));
    static final Method<ListConditionsRequest, ListConditionsResponse, ConditionRequests.ListQuery> LIST_CONDITIONS =
            new Method<>(RoadsGrpcService.ListConditions, ListConditionsRequest.parser(), ConditionRequests::list);
    static final Method<EvaluateCoverageRequest, CoverageComparison, PlanningRequests.Evaluation> EVALUATE_COVERAGE =
            new Method<>(
                    PlanningGrpcService.EvaluateCoverage, EvaluateCoverageRequest.parser(), PlanningRequests::evaluate);
    static final Method<PlaceUnitsRequest, org.bluelamp.proto.v1.UnitPlacement, PlanningRequests.Placement>
            PLACE_UNITS =
                    new Method<>(PlanningGrpcService.PlaceUnits, PlaceUnitsRequest.parser(), PlanningRequests::place);
    static final Method<LiveCoverageRequest, org.bluelamp.proto.v1.LiveCoverage, LiveCoverageRequest>
            GET_LIVE_COVERAGE = new Method<>(
                    PlanningGrpcService.GetLiveCoverage, LiveCoverageRequest.parser(), PlanningRequests::live);
    static final Method<
                    org.bluelamp.proto.v1.WatchLiveCoverageRequest,
                    org.bluelamp.proto.v1.LiveCoverage,
                    PlanningRequests.LiveWatch>
            WATCH_LIVE_COVERAGE = new Method<>(
                    PlanningGrpcService.WatchLiveCoverage,
                    org.bluelamp.proto.v1.WatchLiveCoverageRequest.parser(),
                    PlanningRequests::watchLive);
    static final Method<org.bluelamp.proto.v1.MoveUpRequest, org.bluelamp.proto.v1.MoveUpAdvice, Integer>
            GET_MOVE_UP_ADVICE = new Method<>(
                    PlanningGrpcService.GetMoveUpAdvice,
                    org.bluelamp.proto.v1.MoveUpRequest.parser(),
                    PlanningRequests::moveUp);
    static final Method<
                    org.bluelamp.proto.v1.PlanningBaselineRequest,
                    org.bluelamp.proto.v1.PlanningBaseline,
                    org.bluelamp.proto.v1.PlanningBaselineRequest>
            GET_PLANNING_BASELINE = new Method<>(
                    PlanningGrpcService.GetPlanningBaseline,
                    org.bluelamp.proto.v1.PlanningBaselineRequest.parser(),
                    (r, rules) -> r);

    /** Every method, by its full name ({@code dispatch.v1.Fleet/GetUnit}). */
    static final Map<String, Method<?, ?, ?>> BY_NAME = byName(
            REGISTER_UNIT,
            UPDATE_UNIT,
            SET_STATUS,
            GET_UNIT,
            LIST_UNITS,
            GET_TRACK,
            WATCH_FLEET,
            STREAM_FIXES,
            SUBMIT_LIP,
            RECOMMEND,
            ASSIGN,
            CLOSE_INCIDENT,
            GET_INCIDENT,
            LIST_INCIDENTS,
            LIST_AUDIT,
            ADD_CLOSURE,
            ADD_SLOWDOWN,
            REMOVE_CONDITION,
            LIST_CONDITIONS,
            EVALUATE_COVERAGE,
            PLACE_UNITS,
            GET_LIVE_COVERAGE,
            WATCH_LIVE_COVERAGE,
            GET_MOVE_UP_ADVICE,
            GET_PLANNING_BASELINE);

    private Requests() {}

    private static Map<String, Method<?, ?, ?>> byName(Method<?, ?, ?>... methods) {
        Map<String, Method<?, ?, ?>> m = new LinkedHashMap<>();
        for (Method<?, ?, ?> x : methods) {
            m.put(x.method().fullMethodName(), x);
        }
        return Map.copyOf(m);
    }

    /**
     * Decodes and checks the requests of one call from the body a client sends (gRPC framing, or
     * base64 for gRPC-Web-text), in process: the frames, the size limit, the parse and the check,
     * exactly as a call's handler meets them before it touches the engine.
     *
     * @return the checked value of each message, in order
     * @throws BluelampException INVALID_ARGUMENT naming the field, for the first message that fails
     */
    static List<Object> decode(
            String fullMethodName, byte[] body, boolean base64, RequestRules rules, int maxMessageBytes) {
        Method<?, ?, ?> method = BY_NAME.get(fullMethodName);
        if (method == null) {
            throw BluelampException.invalid("method", "unknown method " + Echo.quote(fullMethodName));
        }
        GrpcFrames frames = new GrpcFrames(method.messageName(), null, maxMessageBytes, base64);
        List<Frame> read = new ArrayList<>();
        frames.feed(Buffer.buffer(body), read::add);
        frames.end(read::add);
        List<Object> out = new ArrayList<>();
        for (Frame f : read) {
            if (f instanceof Frame.Bad bad) {
                throw bad.error();
            }
            out.add(method.decode(((Frame.Message) f).payload(), rules));
        }
        return out;
    }

    // ------------------------------------------------------------------ Fleet

    private static Registration register(RegisterUnitRequest r, RequestRules rules) {
        if (!r.hasUnit()) {
            throw BluelampException.invalid("unit", "unit is missing: give at least id, callsign and kind");
        }
        Unit u = r.getUnit();
        UnitSpec spec = spec(u, rules);
        UnitStatus status = u.getStatusValue() == 0
                ? UnitStatus.AVAILABLE
                : ContractEnums.unitStatus(u.getStatusValue(), "unit.status");
        String grade = optionalGrade(u.getCommittedGrade(), "unit.committed_grade", rules.policies());
        long time = rules.clientTime("unit.status_time_epoch_millis", u.getStatusTimeEpochMillis());
        Fix position = u.hasLastFix() ? position(spec.id(), u.getLastFix(), "unit.last_fix", rules) : null;
        return new Registration(spec, statusChange(status, grade, time, "unit.committed_grade"), position);
    }

    /**
     * A position given with a request (a unit's first fix at registration), checked with the
     * intake's own rules ({@code FixRules}: range, service area, time, accuracy, speed, heading);
     * errors name the field under {@code field}. Its time, if 0, is now.
     */
    private static Fix position(String unitId, GpsFix f, String field, RequestRules rules) {
        if (!f.getUnitId().isEmpty() && !f.getUnitId().equals(unitId)) {
            throw BluelampException.invalid(
                    field + ".unit_id",
                    field + ".unit_id " + Echo.quote(f.getUnitId()) + " is not the unit's id: leave it empty");
        }
        GeoPoint at = point(f.hasPosition(), f.getPosition(), field + ".position");
        long time = rules.clientTime(field + ".position_time_epoch_millis", f.getPositionTimeEpochMillis());
        Fix fix = new Fix(
                unitId,
                at.latDeg(),
                at.lonDeg(),
                time,
                f.getAccuracyMetres() == 0 ? Double.NaN : f.getAccuracyMetres(),
                f.hasSpeedMetresPerSecond() ? f.getSpeedMetresPerSecond() : Double.NaN,
                f.hasHeadingDeg() ? f.getHeadingDeg() : Double.NaN,
                ContractEnums.fixReason(f.getReasonValue()));
        FixRules fixRules = rules.fixRules();
        long now = rules.nowMillis();
        RejectReason broken = fixRules.firstBroken(
                unitId,
                fix.latDeg(),
                fix.lonDeg(),
                time,
                fix.accuracyMetres(),
                fix.speedMetresPerSecond(),
                fix.headingDeg(),
                now);
        if (broken != null) {
            String sub = switch (broken) {
                case INVALID_LATITUDE -> ".position.lat_deg";
                case INVALID_LONGITUDE -> ".position.lon_deg";
                case OUTSIDE_SERVICE_AREA -> ".position";
                case TOO_OLD, FUTURE_TIMESTAMP -> ".position_time_epoch_millis";
                case INVALID_ACCURACY -> ".accuracy_metres";
                case INVALID_SPEED -> ".speed_metres_per_second";
                case INVALID_HEADING -> ".heading_deg";
                case INVALID_UNIT_ID, UNKNOWN_UNIT -> ".unit_id";
            };
            throw BluelampException.invalid(
                    field + sub,
                    field + sub + ": "
                            + fixRules.explain(
                                    broken,
                                    unitId,
                                    fix.latDeg(),
                                    fix.lonDeg(),
                                    time,
                                    fix.accuracyMetres(),
                                    fix.speedMetresPerSecond(),
                                    fix.headingDeg(),
                                    now));
        }
        return fix;
    }

    private static UnitSpec update(UpdateUnitRequest r, RequestRules rules) {
        if (!r.hasUnit()) {
            throw BluelampException.invalid("unit", "unit is missing: give id, callsign and kind");
        }
        return spec(r.getUnit(), rules);
    }

    private static StatusRequest setStatus(SetStatusRequest r, RequestRules rules) {
        String id = unitId(r.getUnitId(), "unit_id");
        UnitStatus status = ContractEnums.unitStatus(r.getStatusValue(), "status");
        String grade = optionalGrade(r.getCommittedGrade(), "committed_grade", rules.policies());
        if (grade != null && status.gradeRule() == UnitStatus.GradeRule.NONE) {
            throw BluelampException.invalid(
                    "committed_grade",
                    "committed_grade " + Echo.quote(grade) + " is not allowed for status " + status
                            + ": only COMMITTED, EN_ROUTE and AT_SCENE carry a grade");
        }
        long time = rules.clientTime("status_time_epoch_millis", r.getStatusTimeEpochMillis());
        return new StatusRequest(id, status, grade, time);
    }

    private static UnitQuery list(ListUnitsRequest r, RequestRules rules) {
        EnumSet<UnitStatus> statuses = EnumSet.noneOf(UnitStatus.class);
        for (int i = 0; i < r.getStatusesCount(); i++) {
            statuses.add(ContractEnums.unitStatus(r.getStatusesValue(i), "statuses[" + i + "]"));
        }
        long mask = rules.capabilities().maskOf(capabilities(r.getCapabilitiesList(), "capabilities", rules));
        int max = r.getMaxUnits() == 0 ? DEFAULT_LIST : r.getMaxUnits();
        if (max < 1 || max > MAX_LIST) {
            throw BluelampException.invalid(
                    "max_units",
                    "max_units must be between 1 and " + MAX_LIST + " (0 means " + DEFAULT_LIST + "), got "
                            + r.getMaxUnits());
        }
        AreaFilter area = r.hasArea() ? AreaFilter.of(r.getArea(), "area") : null;
        return new UnitQuery(statuses, mask, area, max);
    }

    private static TrackQuery track(GetTrackRequest r, RequestRules rules) {
        String id = unitId(r.getUnitId(), "unit_id");
        long from = r.getFromEpochMillis() == 0 ? Long.MIN_VALUE : r.getFromEpochMillis();
        long to = r.getToEpochMillis() == 0 ? rules.nowMillis() : r.getToEpochMillis();
        if (from > to) {
            throw BluelampException.invalid(
                    "from_epoch_millis",
                    "from_epoch_millis " + r.getFromEpochMillis() + " is after to_epoch_millis " + to);
        }
        return new TrackQuery(id, from, to);
    }

    private static WatchQuery watch(WatchFleetRequest r, RequestRules rules) {
        AreaFilter area = r.hasArea() ? AreaFilter.of(r.getArea(), "area") : null;
        int interval = r.getMinIntervalMillis() == 0 ? 1_000 : r.getMinIntervalMillis();
        if (interval < 100 || interval > 60_000) {
            throw BluelampException.invalid(
                    "min_interval_millis",
                    "min_interval_millis must be between 100 and 60000 (0 means 1000), got "
                            + r.getMinIntervalMillis());
        }
        return new WatchQuery(area, interval, r.getIncludeSnapshot());
    }

    /** The spec described by a Unit message; errors name {@code unit.<field>}. */
    private static UnitSpec spec(Unit u, RequestRules rules) {
        String id = unitId(u.getId(), "unit.id");
        String callsign = Ids.check("unit.callsign", u.getCallsign());
        UnitKind kind = ContractEnums.unitKind(u.getKindValue(), "unit.kind");
        Set<String> caps = capabilities(u.getCapabilitiesList(), "unit.capabilities", rules);
        int crew = u.getCrewSize() == 0 ? 1 : u.getCrewSize();
        if (crew < 1 || crew > MAX_CREW) {
            throw BluelampException.invalid(
                    "unit.crew_size",
                    "unit.crew_size " + u.getCrewSize() + " must be between 1 and " + MAX_CREW + " (0 means 1)");
        }
        String station = u.getHomeStation().isEmpty() ? "" : Ids.check("unit.home_station", u.getHomeStation());
        return new UnitSpec(id, callsign, kind, caps, crew, station);
    }

    // ------------------------------------------------------------------ Tracking

    private static FixBatch fixBatch(FixBatch batch, RequestRules rules) {
        int limit = rules.maxFixesPerBatch();
        if (batch.getFixesCount() > limit) {
            throw tooManyFixes(batch.getFixesCount(), limit);
        }
        return batch;
    }

    /** INVALID_ARGUMENT naming {@code fixes}: a batch of {@code count} fixes, more than {@code limit}. */
    static BluelampException tooManyFixes(int count, int limit) {
        return BluelampException.invalid(
                "fixes", "fixes: the batch has " + count + " fixes, more than the limit of " + limit + "; split it");
    }

    private static LipSubmission submitLip(SubmitLipRequest r, RequestRules rules) {
        String issi = unitId(r.getIssi(), "issi");
        LipReport report = lip(r.getPdu().toByteArray(), r.getPduBitLength());
        long received = rules.clientTime("received_time_epoch_millis", r.getReceivedTimeEpochMillis());
        return new LipSubmission(issi, report, received);
    }

    /** Decodes a raw LIP PDU; INVALID_ARGUMENT naming {@code pdu} or {@code pdu_bit_length}. */
    static LipReport lip(byte[] pdu, int bitLength) {
        if (pdu.length == 0) {
            throw BluelampException.invalid("pdu", "pdu is missing: give the LIP PDU octets");
        }
        if (bitLength < 0 || bitLength > pdu.length * 8) {
            throw BluelampException.invalid(
                    "pdu_bit_length",
                    "pdu_bit_length " + bitLength + " must be between 0 and " + pdu.length * 8
                            + " (the bits in pdu; 0 means all)");
        }
        try {
            return bitLength == 0 ? LipDecoder.decode(pdu) : LipDecoder.decode(pdu, bitLength);
        } catch (LipDecodeException e) {
            throw BluelampException.invalid("pdu", "pdu does not decode as a LIP location report: " + e.getMessage());
        }
    }

    // ------------------------------------------------------------------ Dispatch

    private static Recommending recommend(RecommendRequest r, RequestRules rules) {
        if (!r.hasIncident()) {
            throw BluelampException.invalid("incident", "incident is missing: give at least its location and grade");
        }
        Incident inc = r.getIncident();
        String id = inc.getId().isEmpty() ? "" : Ids.check("incident.id", inc.getId());
        GeoPoint location = point(inc.hasLocation(), inc.getLocation(), "incident.location");
        ServiceArea area = rules.serviceArea();
        if (area != null && !area.contains(location.latDeg(), location.lonDeg())) {
            throw BluelampException.invalid(
                    "incident.location", "incident.location " + location + " is outside the service area: " + area);
        }
        String grade = grade(inc.getGrade(), "incident.grade", rules.policies());
        String type = inc.getIncidentType();
        if (!type.isEmpty()) {
            Ids.check("incident.incident_type", type);
            if (rules.policies().findResponsePlan(type).isEmpty()) {
                throw BluelampException.invalid(
                        "incident.incident_type",
                        "incident.incident_type " + Echo.quote(type) + " is unknown; known incident types are "
                                + rules.policies().incidentTypes());
            }
        }
        Set<String> caps = capabilities(inc.getRequiredCapabilitiesList(), "incident.required_capabilities", rules);
        int k = r.getMaxCandidates() == 0 ? IncidentRequest.DEFAULT_CANDIDATES : r.getMaxCandidates();
        if (k < 1 || k > IncidentRequest.MAX_CANDIDATES) {
            throw BluelampException.invalid(
                    "max_candidates",
                    "max_candidates must be between 1 and " + IncidentRequest.MAX_CANDIDATES + " (0 means "
                            + IncidentRequest.DEFAULT_CANDIDATES + "), got " + r.getMaxCandidates());
        }
        List<org.bluelamp.conditions.Closure> whatIf = ConditionRequests.whatIf(
                r.getWhatIfClosuresList(), rules.nowMillis(), IncidentRequest.MAX_WHAT_IF_CLOSURES);
        return new Recommending(
                new IncidentRequest(id, location, grade, type, caps, k, whatIf), r.getIncludeCoverageImpact());
    }

    private static Assignment assign(AssignRequest r, RequestRules rules) {
        String incidentId = Ids.check("incident_id", r.getIncidentId());
        String unitId = unitId(r.getUnitId(), "unit_id");
        String grade = grade(r.getGrade(), "grade", rules.policies());
        UnitStatus status =
                r.getStatusValue() == 0 ? UnitStatus.EN_ROUTE : ContractEnums.unitStatus(r.getStatusValue(), "status");
        if (!status.isDeployed()) {
            throw BluelampException.invalid(
                    "status",
                    "status " + status + " is not a deployment: assign as EN_ROUTE (default), AT_SCENE or COMMITTED");
        }
        GeoPoint location = null;
        if (r.hasLocation()) {
            location = point(true, r.getLocation(), "location");
            ServiceArea area = rules.serviceArea();
            if (area != null && !area.contains(location.latDeg(), location.lonDeg())) {
                throw BluelampException.invalid(
                        "location", "location " + location + " is outside the service area: " + area);
            }
        }
        String type = r.getIncidentType();
        if (!type.isEmpty()) {
            Ids.check("incident_type", type);
            if (rules.policies().findResponsePlan(type).isEmpty()) {
                throw BluelampException.invalid(
                        "incident_type",
                        "incident_type " + Echo.quote(type) + " is unknown; known incident types are "
                                + rules.policies().incidentTypes());
            }
        }
        return new Assignment(
                incidentId, unitId, statusChange(status, grade, rules.nowMillis(), "grade"), location, type);
    }

    private static IncidentQuery listIncidents(ListIncidentsRequest r, RequestRules rules) {
        long[] window = window(r.getFromEpochMillis(), r.getToEpochMillis(), rules);
        int max = r.getMaxIncidents() == 0 ? DEFAULT_LIST : r.getMaxIncidents();
        if (max < 1 || max > MAX_LIST) {
            throw BluelampException.invalid(
                    "max_incidents",
                    "max_incidents must be between 1 and " + MAX_LIST + " (0 means " + DEFAULT_LIST + "), got "
                            + r.getMaxIncidents());
        }
        return new IncidentQuery(r.getOpenOnly(), window[0], window[1], max);
    }

    private static AuditQuery listAudit(ListAuditRequest r, RequestRules rules) {
        String incident = r.getIncidentId().isEmpty() ? "" : Ids.check("incident_id", r.getIncidentId());
        String unit = r.getUnitId().isEmpty() ? "" : unitId(r.getUnitId(), "unit_id");
        String condition = r.getConditionId().isEmpty() ? "" : Ids.check("condition_id", r.getConditionId());
        long[] window = window(r.getFromEpochMillis(), r.getToEpochMillis(), rules);
        int max = r.getMaxEntries() == 0 ? DEFAULT_AUDIT : r.getMaxEntries();
        if (max < 1 || max > MAX_AUDIT) {
            throw BluelampException.invalid(
                    "max_entries",
                    "max_entries must be between 1 and " + MAX_AUDIT + " (0 means " + DEFAULT_AUDIT + "), got "
                            + r.getMaxEntries());
        }
        return new AuditQuery(incident, unit, condition, window[0], window[1], max);
    }

    /** A time window [from, to] in ms: from 0 means the beginning, to 0 means now; from after to is refused. */
    private static long[] window(long from, long to, RequestRules rules) {
        if (from < 0) {
            throw BluelampException.invalid(
                    "from_epoch_millis", "from_epoch_millis " + from + " must not be negative (0 means any time)");
        }
        long end = to == 0 ? rules.nowMillis() : to;
        if (from > end) {
            throw BluelampException.invalid(
                    "from_epoch_millis", "from_epoch_millis " + from + " is after to_epoch_millis " + end);
        }
        return new long[] {from, end};
    }

    // ------------------------------------------------------------------ shared parts

    /** A unit id ({@link Ids}); INVALID_ARGUMENT naming {@code field}. */
    static String unitId(String value, String field) {
        return Ids.check(field, value);
    }

    /** A checked point; INVALID_ARGUMENT naming {@code field} (or its lat_deg/lon_deg) when wrong. */
    static GeoPoint point(boolean present, LatLon p, String field) {
        if (!present) {
            throw BluelampException.invalid(field, field + " is missing: give lat_deg and lon_deg in decimal degrees");
        }
        GeoPoint.checkLatitude(field + ".lat_deg", p.getLatDeg());
        GeoPoint.checkLongitude(field + ".lon_deg", p.getLonDeg());
        return new GeoPoint(p.getLatDeg(), p.getLonDeg());
    }

    /** A grade code the force's policies know; INVALID_ARGUMENT naming {@code field} otherwise. */
    static String grade(String value, String field, PolicyBook policies) {
        if (value.isEmpty()) {
            throw BluelampException.invalid(field, field + " is missing: give the force's grade code, e.g. 1");
        }
        Ids.check(field, value);
        if (policies.findGrade(value).isEmpty()) {
            throw BluelampException.invalid(
                    field,
                    field + " " + Echo.quote(value) + " is unknown; this force's grades are " + gradeCodes(policies));
        }
        return value;
    }

    /** A grade if given (empty means none). */
    private static String optionalGrade(String value, String field, PolicyBook policies) {
        return value.isEmpty() ? null : grade(value, field, policies);
    }

    private static List<String> gradeCodes(PolicyBook policies) {
        List<String> codes = new ArrayList<>();
        policies.grades().forEach(g -> codes.add(g.code()));
        return codes;
    }

    /** Capability codes, each an id the registry knows; errors name {@code field} and the index. */
    private static Set<String> capabilities(List<String> codes, String field, RequestRules rules) {
        CapabilityRegistry registry = rules.capabilities();
        Set<String> caps = new LinkedHashSet<>();
        for (int i = 0; i < codes.size(); i++) {
            String c = codes.get(i);
            String indexed = field + "[" + i + "]";
            String why = Ids.problem(c);
            if (why != null) {
                throw BluelampException.invalid(field, indexed + " " + Echo.quote(c) + " is not a valid id: " + why);
            }
            if (!registry.isKnown(c)) {
                throw BluelampException.invalid(
                        field,
                        indexed + " " + Echo.quote(c) + " is unknown; known capabilities are " + registry.codes());
            }
            caps.add(c);
        }
        return caps;
    }

    /** A status change, its grade rule checked; errors name {@code gradeField}. */
    private static StatusChange statusChange(UnitStatus status, String grade, long time, String gradeField) {
        try {
            return new StatusChange(status, grade, time);
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid(gradeField, gradeField + ": " + e.getMessage());
        }
    }
}
