package org.bluelamp.store;

import org.bluelamp.fleet.FixReason;

/**
 * How fixes are written in the journal: one line per fix, tab-separated,
 * {@code unit \t lat \t lon \t time \t accuracy \t speed \t heading \t reason}, with absent values
 * empty and doubles in Java's shortest exact form (a fix read back is the fix written, bit for
 * bit). Readable with {@code redis-cli XRANGE bl:{F}:fixes - + COUNT 1}. An id cannot contain a tab
 * or a line break ({@code org.bluelamp.input.Ids}: no control characters), so no quoting is needed.
 * A unit's newest fix in {@code bl:{F}:latest} is the same line without the unit, time first.
 *
 * <p>Thread-safety: stateless.
 */
final class JournalFormat {
    /** Receives fixes read from the journal. */
    @FunctionalInterface
    interface FixReader {
        void fix(
                String unitId,
                double latDeg,
                double lonDeg,
                long positionTimeEpochMillis,
                double accuracyMetres,
                double speedMetresPerSecond,
                double headingDeg,
                FixReason reason);
    }

    /** Receives journaled fixes by the unit's index in the fleet (the replay at start). */
    @FunctionalInterface
    interface IndexedFixReader {
        /**
         * One fix; {@code unitIndex} is -1 when no unit of the fleet has the fix's id.
         */
        void fix(
                int unitIndex,
                double latDeg,
                double lonDeg,
                long positionTimeEpochMillis,
                double accuracyMetres,
                double speedMetresPerSecond,
                double headingDeg,
                FixReason reason);
    }

    private static final FixReason[] REASONS = FixReason.values();

    private JournalFormat() {}

    static void appendLine(
            StringBuilder b,
            String unitId,
            double lat,
            double lon,
            long time,
            double acc,
            double speed,
            double heading,
            FixReason reason) {
        b.append(unitId).append('\t');
        appendValues(b, lat, lon, time, acc, speed, heading, reason);
        b.append('\n');
    }

    /** The latest-fix value: {@code time \t lat \t lon \t accuracy \t speed \t heading \t reason}. */
    static String latestValue(
            double lat, double lon, long time, double acc, double speed, double heading, FixReason reason) {
        StringBuilder b = new StringBuilder(96);
        b.append(time).append('\t').append(lat).append('\t').append(lon).append('\t');
        optional(b, acc);
        b.append('\t');
        optional(b, speed);
        b.append('\t');
        optional(b, heading);
        b.append('\t').append(reason.ordinal());
        return b.toString();
    }

    private static void appendValues(
            StringBuilder b,
            double lat,
            double lon,
            long time,
            double acc,
            double speed,
            double heading,
            FixReason reason) {
        b.append(lat).append('\t').append(lon).append('\t').append(time).append('\t');
        optional(b, acc);
        b.append('\t');
        optional(b, speed);
        b.append('\t');
        optional(b, heading);
        b.append('\t').append(reason.ordinal());
    }

    private static void optional(StringBuilder b, double v) {
        if (!Double.isNaN(v)) {
            b.append(v);
        }
    }

    /**
     * Reads every line of a journal entry's {@code fixes} field.
     *
     * @return lines that could not be read (skipped)
     */
    static int read(String text, FixReader into) {
        int bad = 0;
        int start = 0;
        int n = text.length();
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            if (end > start && !readLine(text, start, end, into)) {
                bad++;
            }
            start = end + 1;
        }
        return bad;
    }

    /**
     * Reads every line of a journal entry's {@code fixes} field, finding each fix's unit by its id
     * in {@code units} in place: no unit id is cut out of the text.
     *
     * @return lines that could not be read (skipped)
     */
    static int read(String text, UnitIdLookup units, IndexedFixReader into) {
        int bad = 0;
        int start = 0;
        int n = text.length();
        int[] cut = new int[7];
        while (start < n) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            if (end > start && !readLine(text, start, end, cut, units, into)) {
                bad++;
            }
            start = end + 1;
        }
        return bad;
    }

    private static boolean readLine(String t, int from, int to, int[] cut, UnitIdLookup units, IndexedFixReader into) {
        if (!cut(t, from, to, cut)) {
            return false;
        }
        try {
            double lat = Double.parseDouble(t.substring(cut[0] + 1, cut[1]));
            double lon = Double.parseDouble(t.substring(cut[1] + 1, cut[2]));
            long time = Long.parseLong(t, cut[2] + 1, cut[3], 10);
            double acc = optional(t, cut[3] + 1, cut[4]);
            double speed = optional(t, cut[4] + 1, cut[5]);
            double heading = optional(t, cut[5] + 1, cut[6]);
            int reason = Integer.parseInt(t, cut[6] + 1, to, 10);
            into.fix(
                    units.indexOf(t, from, cut[0]),
                    lat,
                    lon,
                    time,
                    acc,
                    speed,
                    heading,
                    reason >= 0 && reason < REASONS.length ? REASONS[reason] : FixReason.UNSPECIFIED);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The positions of a line's seven tabs into {@code cut}; false when it has fewer. */
    private static boolean cut(String t, int from, int to, int[] cut) {
        int p = from;
        for (int i = 0; i < 7; i++) {
            int tab = t.indexOf('\t', p);
            if (tab < 0 || tab >= to) {
                return false;
            }
            cut[i] = tab;
            p = tab + 1;
        }
        return true;
    }

    private static boolean readLine(String t, int from, int to, FixReader into) {
        int[] cut = new int[7];
        if (!cut(t, from, to, cut)) {
            return false;
        }
        try {
            String unit = t.substring(from, cut[0]);
            double lat = Double.parseDouble(t.substring(cut[0] + 1, cut[1]));
            double lon = Double.parseDouble(t.substring(cut[1] + 1, cut[2]));
            long time = Long.parseLong(t, cut[2] + 1, cut[3], 10);
            double acc = optional(t, cut[3] + 1, cut[4]);
            double speed = optional(t, cut[4] + 1, cut[5]);
            double heading = optional(t, cut[5] + 1, cut[6]);
            int reason = Integer.parseInt(t, cut[6] + 1, to, 10);
            into.fix(
                    unit,
                    lat,
                    lon,
                    time,
                    acc,
                    speed,
                    heading,
                    reason >= 0 && reason < REASONS.length ? REASONS[reason] : FixReason.UNSPECIFIED);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Reads a latest-fix value of {@code unitId}; false when it is not one. */
    static boolean readLatest(String unitId, String value, FixReader into) {
        return readLine(unitId + "\t" + reorder(value), 0, unitId.length() + 1 + value.length(), into);
    }

    /** time, lat, lon, rest -> lat, lon, time, rest. */
    private static String reorder(String v) {
        int a = v.indexOf('\t');
        int b = a < 0 ? -1 : v.indexOf('\t', a + 1);
        int c = b < 0 ? -1 : v.indexOf('\t', b + 1);
        if (c < 0) {
            return v;
        }
        return v.substring(a + 1, c) + "\t" + v.substring(0, a) + v.substring(c);
    }

    private static double optional(String t, int from, int to) {
        return from == to ? Double.NaN : Double.parseDouble(t.substring(from, to));
    }
}
