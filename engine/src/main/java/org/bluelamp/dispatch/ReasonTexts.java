package org.bluelamp.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.TravelProfile;

/**
 * The short sentences that explain a candidate's place in a recommendation ({@link Candidate#reasons}): its status,
 * its ETA and how it is made up, the attendance target, the age of its position, its straight-line rank and the
 * response-plan requirement it fills. Every text of the ranking is written here, in one voice. Stateless and
 * thread-safe.
 */
final class ReasonTexts {
    private ReasonTexts() {}

    /** E.g. "available", "committed: would be diverted from a grade 3 task (+2 min to get going)". */
    static String status(UnitStatus status, String divertedFromGrade, double mobilisationSeconds) {
        String s = status.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        String base =
                divertedFromGrade != null ? s + ": would be diverted from a grade " + divertedFromGrade + " task" : s;
        return mobilisationSeconds >= 1 ? base + " (+" + duration(mobilisationSeconds) + " to get going)" : base;
    }

    /**
     * E.g. "ETA 4 min 5 s: 3 min 50 s by road (car_emergency, 2.1 km), 15 s from its position to the
     * road", with ", 2 min 39 s from the road to the incident" when the incident is off the road.
     */
    static String eta(
            double etaSeconds,
            double roadSeconds,
            TravelProfile profile,
            double roadMetres,
            double offRoadSeconds,
            double accessSeconds) {
        StringBuilder out = new StringBuilder(96).append("ETA ");
        appendDuration(out, etaSeconds).append(": ");
        appendDuration(out, roadSeconds).append(" by road (").append(profile).append(", ");
        FixedDecimals.append(out, roadMetres / 1000, 1).append(" km)");
        if (offRoadSeconds >= 1) {
            appendDuration(out.append(", "), offRoadSeconds).append(" from its position to the road");
        }
        if (accessSeconds >= 1) {
            appendDuration(out.append(", "), accessSeconds).append(" from the road to the incident");
        }
        return out.toString();
    }

    /** E.g. "the incident is 442 m from the nearest road (car_emergency)". */
    static String incidentOffRoad(double metres, TravelProfile profile) {
        StringBuilder out = new StringBuilder(64).append("the incident is ");
        return FixedDecimals.append(out, metres, 0)
                .append(" m from the nearest road (")
                .append(profile)
                .append(')')
                .toString();
    }

    /** E.g. "meets the 15 min urban target", "misses the 20 min rural target by 1 min 3 s". */
    static String target(double etaSeconds, double targetSeconds, boolean urban) {
        String area = urban ? "urban" : "rural";
        return etaSeconds <= targetSeconds
                ? "meets the " + duration(targetSeconds) + " " + area + " target"
                : "misses the " + duration(targetSeconds) + " " + area + " target by "
                        + duration(etaSeconds - targetSeconds);
    }

    /** E.g. "position 12 s old", "position is stale (10 min old): ranked as if 5 min slower". */
    static String positionAge(double fixAgeSeconds, boolean stale, double penaltySeconds) {
        return stale
                ? "position is stale (" + duration(fixAgeSeconds) + " old): ranked as if " + duration(penaltySeconds)
                        + " slower"
                : "position " + duration(fixAgeSeconds) + " old";
    }

    /** E.g. "nearest in a straight line (1.2 km)", "3rd nearest in a straight line (4.0 km)". */
    static String straightLine(int rank, double straightLineMetres) {
        StringBuilder out = new StringBuilder(48);
        if (rank > 1) {
            out.append(ordinal(rank)).append(' ');
        }
        out.append("nearest in a straight line (");
        return FixedDecimals.append(out, straightLineMetres / 1000, 1)
                .append(" km)")
                .toString();
    }

    /** E.g. "fills response plan requirement 2 x armed_response". */
    static String planSlot(String requirementLabel) {
        return "fills response plan requirement " + requirementLabel;
    }

    /** E.g. "typical traffic (weekday evening peak): +1 min 5 s on its route". */
    static String congestion(String period, double seconds) {
        return "typical traffic" + (period.isEmpty() ? "" : " (" + period + ")") + ": +" + duration(seconds)
                + " on its route";
    }

    /** E.g. "inside closure C9 (flood): leaves along its own road". */
    static String unitInsideClosure(List<String> closures) {
        return "inside " + closureWord(closures) + " " + String.join(", ", closures) + ": leaves along its own road";
    }

    /**
     * E.g. "avoids closure C12 (bridge shut): +2 min", "slowdown S3 (carnival) on its route: +40 s",
     * "avoids closure C12 (bridge shut); slowdown S3 on its route: +2 min 40 s", "road conditions:
     * +1 min (the incident is reached at the nearest open road)".
     */
    static String conditionsCost(List<String> closures, List<String> slowdowns, boolean incidentMoved, double seconds) {
        List<String> parts = new ArrayList<>();
        if (!closures.isEmpty()) {
            parts.add("avoids " + closureWord(closures) + " " + String.join(", ", closures));
        }
        if (!slowdowns.isEmpty()) {
            parts.add((slowdowns.size() == 1 ? "slowdown " : "slowdowns ") + String.join(", ", slowdowns)
                    + " on its route");
        }
        if (parts.isEmpty()) {
            parts.add("road conditions");
        }
        return String.join("; ", parts) + ": +" + duration(seconds)
                + (incidentMoved ? " (the incident is reached at the nearest open road)" : "");
    }

    /**
     * E.g. "the incident lies on a road closed by C12 (flood) for car_emergency: units reach it at the
     * nearest open road, 240 m from it (52.66012, -0.72455)".
     */
    static String incidentInsideClosure(
            List<String> closures, TravelProfile profile, double metres, org.bluelamp.geo.GeoPoint at) {
        return String.format(
                Locale.ROOT,
                "the incident lies on a road closed by %s for %s: units reach it at the nearest open road, "
                        + "%.0f m from it (%.5f, %.5f)",
                String.join(", ", closures),
                profile,
                metres,
                at.latDeg(),
                at.lonDeg());
    }

    private static String closureWord(List<String> closures) {
        return closures.size() == 1 ? "closure" : "closures";
    }

    /** Seconds as people say them: "45 s", "3 min", "3 min 5 s", "1 h 12 min" (rounded to the second). */
    static String duration(double seconds) {
        return appendDuration(new StringBuilder(16), seconds).toString();
    }

    /** Appends {@link #duration(double)}'s text to {@code out}. */
    private static StringBuilder appendDuration(StringBuilder out, double seconds) {
        long total = Math.round(Math.max(0, seconds));
        long h = total / 3600;
        long m = (total % 3600) / 60;
        long s = total % 60;
        if (h > 0) {
            return out.append(h).append(" h ").append(m).append(" min");
        }
        if (m > 0) {
            out.append(m).append(" min");
            return s == 0 ? out : out.append(' ').append(s).append(" s");
        }
        return out.append(s).append(" s");
    }

    /** 1st, 2nd, 3rd, 4th, ..., 11th, 12th, 13th, 21st, ... */
    static String ordinal(int n) {
        String suffix = (n % 100 >= 11 && n % 100 <= 13)
                ? "th"
                : switch (n % 10) {
                    case 1 -> "st";
                    case 2 -> "nd";
                    case 3 -> "rd";
                    default -> "th";
                };
        return n + suffix;
    }
}
