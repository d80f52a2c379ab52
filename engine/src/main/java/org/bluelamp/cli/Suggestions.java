package org.bluelamp.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * The nearest known name to a misspelt one ({@code positonTime} to {@code positionTime}) by edit
 * distance, or to another common name of the same thing ({@code lng} to {@code lon}), for "did you
 * mean" hints on JSON field names. (Command and option names get theirs from picocli.)
 *
 * <p>Stateless and thread-safe.
 */
final class Suggestions {
    /** Other common names of the same thing, which edit distance cannot find. */
    private static final Map<String, String> ALIASES = Map.of(
            "lng", "lon",
            "long", "lon",
            "longitude", "lon",
            "latitude", "lat",
            "x", "lon",
            "y", "lat",
            "timestamp", "time",
            "ts", "time");

    private Suggestions() {}

    /**
     * The known name closest to {@code written}, or null when none is close: at most a third of the
     * longer name's characters differ (at least one edit allowed), ignoring case.
     */
    static String nearest(String written, Collection<String> known) {
        String w = written.toLowerCase(Locale.ROOT);
        String alias = ALIASES.get(w);
        if (alias != null) {
            for (String k : known) {
                if (k.equalsIgnoreCase(alias) || k.toLowerCase(Locale.ROOT).startsWith(alias + "_")) {
                    return k;
                }
            }
        }
        for (String k : known) {
            if (k.toLowerCase(Locale.ROOT).startsWith(w + "_")) {
                return k; // lat for lat_deg
            }
        }
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(w, k.toLowerCase(Locale.ROOT));
            int allowed = Math.max(1, Math.max(w.length(), k.length()) / 3);
            if (d <= allowed && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Levenshtein distance with adjacent transpositions counted as one edit. */
    static int distance(String a, String b) {
        if (a.length() > 256 || b.length() > 256) {
            return Integer.MAX_VALUE; // nobody misspells at that length; keeps the work bounded
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }
}
