package org.bluelamp.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluelamp.proto.v1.Candidate;
import org.bluelamp.proto.v1.ChangeKind;
import org.bluelamp.proto.v1.ExclusionCount;
import org.bluelamp.proto.v1.FleetUpdate;
import org.bluelamp.proto.v1.ListUnitsResponse;
import org.bluelamp.proto.v1.RecommendResponse;
import org.bluelamp.proto.v1.SubmitLipResponse;
import org.bluelamp.proto.v1.Track;
import org.bluelamp.proto.v1.TrackPoint;
import org.bluelamp.proto.v1.Unit;
import org.bluelamp.proto.v1.UnitChange;

/**
 * The {@code --output table} form of each client answer: units, a recommendation, a track, fleet
 * updates, a LIP outcome. Enum names lose their prefixes ({@code UNIT_STATUS_AVAILABLE} becomes
 * {@code available}), times are seconds or minutes and seconds, distances metres or kilometres.
 *
 * <p>Stateless and thread-safe.
 */
final class ClientTables {
    private ClientTables() {}

    /** A list of units, with the count matched below. */
    static void units(PrintWriter out, ListUnitsResponse r) {
        unitTable(r.getUnitsList()).print(out);
        out.println(r.getUnitsCount() + " of " + r.getMatchedCount() + " matching units");
        out.flush();
    }

    /** One unit. */
    static void unit(PrintWriter out, Unit u) {
        unitTable(List.of(u)).print(out);
    }

    private static TextTable unitTable(List<Unit> units) {
        TextTable t = new TextTable(
                        "UNIT",
                        "CALLSIGN",
                        "KIND",
                        "STATUS",
                        "GRADE",
                        "INCIDENT",
                        "LAT",
                        "LON",
                        "FIX AGE",
                        "STALE",
                        "CREW",
                        "CAPABILITIES")
                .alignRight(6, 7, 8, 10);
        for (Unit u : units) {
            boolean fix = u.hasLastFix();
            t.row(
                    u.getId(),
                    u.getCallsign(),
                    name(u.getKind().name(), "UNIT_KIND_"),
                    name(u.getStatus().name(), "UNIT_STATUS_"),
                    u.getCommittedGrade(),
                    u.getAssignedIncidentId(),
                    fix ? degrees(u.getLastFix().getPosition().getLatDeg()) : "",
                    fix ? degrees(u.getLastFix().getPosition().getLonDeg()) : "",
                    u.hasFixAgeSeconds() ? duration(u.getFixAgeSeconds()) : "no fix",
                    u.getStale() ? "stale" : "",
                    u.getCrewSize(),
                    String.join(",", u.getCapabilitiesList()));
        }
        return t;
    }

    /** A recommendation: the grade and target, the candidates, the response plan, the exclusions. */
    static void recommend(PrintWriter out, RecommendResponse r) {
        StringBuilder head = new StringBuilder("Grade ").append(r.getGrade());
        if (!r.getGradeName().isEmpty()) {
            head.append(" (").append(r.getGradeName()).append(")");
        }
        head.append(r.getUrban() ? ", urban" : ", rural");
        if (r.hasTargetSeconds()) {
            head.append(", target ").append(duration(r.getTargetSeconds()));
        }
        if (!r.getIncidentId().isEmpty()) {
            head.append(", incident ").append(r.getIncidentId());
        }
        out.println(TextTable.withoutControls(head.toString()));
        candidates(r.getCandidatesList()).print(out);
        reasons(out, r.getCandidatesList());
        if (r.getResponsePlanCount() > 0 || r.getUnmetRequirementsCount() > 0) {
            out.println();
            out.println("Response plan" + (r.getPlanFulfilled() ? " (fulfilled)" : " (NOT fulfilled)") + ":");
            candidates(r.getResponsePlanList()).print(out);
            for (String unmet : r.getUnmetRequirementsList()) {
                out.println("unmet: " + TextTable.withoutControls(unmet));
            }
        }
        List<String> excluded = new ArrayList<>();
        for (ExclusionCount e : r.getExcludedList()) {
            excluded.add(name(e.getReason().name(), "EXCLUSION_REASON_") + " " + e.getCount());
        }
        if (!excluded.isEmpty()) {
            out.println("excluded: " + String.join(", ", excluded));
        }
        out.println(TextTable.withoutControls(r.getAttribution()));
        out.flush();
    }

    private static TextTable candidates(List<Candidate> cs) {
        TextTable t = new TextTable(
                        "RANK",
                        "UNIT",
                        "CALLSIGN",
                        "KIND",
                        "STATUS",
                        "ETA",
                        "ROAD",
                        "TARGET",
                        "FIX AGE",
                        "FILLS",
                        "REASONS")
                .alignRight(0, 5, 6, 8);
        for (Candidate c : cs) {
            String status = name(c.getStatus().name(), "UNIT_STATUS_");
            if (!c.getDivertedFromGrade().isEmpty()) {
                status += " (from grade " + c.getDivertedFromGrade() + ")";
            }
            t.row(
                    c.getRank(),
                    c.getUnitId(),
                    c.getCallsign(),
                    name(c.getKind().name(), "UNIT_KIND_"),
                    status,
                    duration(c.getEtaSeconds()),
                    distance(c.getDistanceMetres()),
                    c.getMeetsTarget() ? "met" : "missed",
                    duration(c.getFixAgeSeconds()) + (c.getStale() ? " stale" : ""),
                    c.getInResponsePlan());
        }
        return t;
    }

    /** Each candidate's reasons on a line of its own, after the table. */
    private static void reasons(PrintWriter out, List<Candidate> cs) {
        for (Candidate c : cs) {
            out.println(String.format(Locale.ROOT, "%4d %s: ", c.getRank(), TextTable.withoutControls(c.getUnitId()))
                    + TextTable.withoutControls(String.join("; ", c.getReasonsList())));
        }
    }

    /** Incidents, one row each. */
    static void incidents(PrintWriter out, List<org.bluelamp.proto.v1.IncidentRecord> incidents) {
        TextTable t = new TextTable("INCIDENT", "GRADE", "TYPE", "OPENED (UTC)", "CLOSED (UTC)", "LAT", "LON", "UNITS");
        for (org.bluelamp.proto.v1.IncidentRecord r : incidents) {
            List<String> units = new java.util.ArrayList<>();
            for (org.bluelamp.proto.v1.IncidentUnit u : r.getUnitsList()) {
                units.add(u.getUnitId() + (u.getStillAssigned() ? "*" : ""));
            }
            t.row(
                    r.getId(),
                    r.getGrade(),
                    r.getIncidentType(),
                    time(r.getOpenedEpochMillis()),
                    r.getOpen() ? "" : time(r.getClosedEpochMillis()),
                    r.hasLocation() ? degrees(r.getLocation().getLatDeg()) : "",
                    r.hasLocation() ? degrees(r.getLocation().getLonDeg()) : "",
                    String.join(" ", units));
        }
        t.print(out);
        out.println(incidents.size() + " incidents (* still assigned)");
    }

    /** Audit entries, oldest first, one row each. */
    static void audit(PrintWriter out, List<org.bluelamp.proto.v1.AuditEntry> entries) {
        TextTable t = new TextTable("TIME (UTC)", "KIND", "CALLER", "INCIDENT", "UNITS", "FROM", "TO", "GRADE");
        for (org.bluelamp.proto.v1.AuditEntry e : entries) {
            List<String> units = new java.util.ArrayList<>();
            if (e.getOffersCount() > 0) {
                for (org.bluelamp.proto.v1.AuditOffer o : e.getOffersList()) {
                    units.add(o.getUnitId() + " " + Math.round(o.getEtaSeconds()) + "s");
                }
            } else {
                units.addAll(e.getUnitIdsList());
            }
            t.row(
                    time(e.getTimeEpochMillis()),
                    name(e.getKind().name(), "AUDIT_KIND_"),
                    e.getRole() + "/" + e.getCaller(),
                    e.getIncidentId(),
                    String.join(", ", units),
                    e.getFromStatusValue() == 0 ? "" : name(e.getFromStatus().name(), "UNIT_STATUS_"),
                    e.getToStatusValue() == 0 ? "" : name(e.getToStatus().name(), "UNIT_STATUS_"),
                    e.getGrade());
        }
        t.print(out);
        out.println(entries.size() + " entries");
    }

    /** A unit's track, oldest first. */
    static void track(PrintWriter out, Track track) {
        out.println(
                "Track of " + TextTable.withoutControls(track.getUnitId()) + ": " + track.getPointsCount() + " points");
        TextTable t = new TextTable("TIME (UTC)", "LAT", "LON", "ACCURACY").alignRight(1, 2, 3);
        for (TrackPoint p : track.getPointsList()) {
            t.row(
                    time(p.getPositionTimeEpochMillis()),
                    degrees(p.getPosition().getLatDeg()),
                    degrees(p.getPosition().getLonDeg()),
                    p.getAccuracyMetres() > 0 ? Math.round(p.getAccuracyMetres()) + " m" : "");
        }
        t.print(out);
    }

    /** One fleet update: a heading line, then one row per changed unit. */
    static void fleetUpdate(PrintWriter out, FleetUpdate u) {
        out.println("update " + u.getSequence() + " at " + time(u.getTimeEpochMillis()) + ": " + u.getChangesCount()
                + (u.getFullSnapshot() ? " units (full snapshot)" : " changed"));
        TextTable t = new TextTable("UNIT", "CALLSIGN", "CHANGED", "STATUS", "GRADE", "LAT", "LON", "FIX AGE")
                .alignRight(5, 6, 7);
        for (UnitChange c : u.getChangesList()) {
            Unit unit = c.getUnit();
            List<String> kinds = new ArrayList<>();
            for (ChangeKind k : c.getKindsList()) {
                kinds.add(name(k.name(), "CHANGE_KIND_"));
            }
            boolean fix = unit.hasLastFix();
            t.row(
                    unit.getId(),
                    unit.getCallsign(),
                    String.join(",", kinds),
                    name(unit.getStatus().name(), "UNIT_STATUS_"),
                    unit.getCommittedGrade(),
                    fix ? degrees(unit.getLastFix().getPosition().getLatDeg()) : "",
                    fix ? degrees(unit.getLastFix().getPosition().getLonDeg()) : "",
                    unit.hasFixAgeSeconds() ? duration(unit.getFixAgeSeconds()) : "no fix");
        }
        t.print(out);
    }

    /** What became of a LIP report. */
    static void lip(PrintWriter out, SubmitLipResponse r) {
        List<String[]> kv = new ArrayList<>();
        kv.add(new String[] {"outcome", name(r.getOutcome().name(), "FIX_OUTCOME_")});
        if (r.getReasonValue() != 0) {
            kv.add(new String[] {"reason", name(r.getReason().name(), "REJECT_REASON_")});
        }
        if (!r.getMessage().isEmpty()) {
            kv.add(new String[] {"message", r.getMessage()});
        }
        if (r.hasFix()) {
            var f = r.getFix();
            kv.add(new String[] {"unit", f.getUnitId()});
            kv.add(new String[] {
                "position",
                degrees(f.getPosition().getLatDeg()) + ", "
                        + degrees(f.getPosition().getLonDeg())
            });
            kv.add(new String[] {"position time (UTC)", time(f.getPositionTimeEpochMillis())});
            if (f.getAccuracyMetres() > 0) {
                kv.add(new String[] {"accuracy", Math.round(f.getAccuracyMetres()) + " m"});
            }
            if (f.hasSpeedMetresPerSecond()) {
                kv.add(new String[] {"speed", String.format(Locale.ROOT, "%.1f m/s", f.getSpeedMetresPerSecond())});
            }
            if (f.hasHeadingDeg()) {
                kv.add(new String[] {"heading", String.format(Locale.ROOT, "%.0f deg", f.getHeadingDeg())});
            }
            kv.add(new String[] {"reason for sending", name(f.getReason().name(), "FIX_REASON_")});
        }
        TextTable.keyValues(out, kv);
    }

    /** {@code UNIT_STATUS_EN_ROUTE} without its prefix, in lower case: {@code en_route}. */
    static String name(String enumName, String prefix) {
        String n = enumName.startsWith(prefix) ? enumName.substring(prefix.length()) : enumName;
        return n.toLowerCase(Locale.ROOT);
    }

    /** Seconds as "45 s", "12:05" (minutes and seconds) or "1 h 02 min". */
    static String duration(double seconds) {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            return "";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** Metres as "620 m" or "12.3 km". */
    static String distance(double metres) {
        if (!(metres >= 0)) {
            return "";
        }
        return metres < 1000 ? Math.round(metres) + " m" : String.format(Locale.ROOT, "%.1f km", metres / 1000);
    }

    static String degrees(double deg) {
        return String.format(Locale.ROOT, "%.5f", deg);
    }

    static String time(long epochMillis) {
        if (epochMillis == 0) {
            return "";
        }
        try {
            return Instant.ofEpochMilli(epochMillis)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString();
        } catch (java.time.DateTimeException e) {
            return String.valueOf(epochMillis);
        }
    }
}
