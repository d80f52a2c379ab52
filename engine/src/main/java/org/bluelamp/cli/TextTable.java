package org.bluelamp.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.bluelamp.input.Echo;

/**
 * A plain-text table for {@code --output table}: a header row, then rows, columns padded to their
 * widest cell and separated by two spaces; numbers right-aligned where asked. Every cell goes
 * through {@link Echo#capped}, so no cell is longer than 64 characters and none can carry a
 * control character to the terminal.
 *
 * <p>One instance per table; not thread-safe.
 */
final class TextTable {
    private final String[] headers;
    private final boolean[] right;
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = headers.clone();
        this.right = new boolean[headers.length];
    }

    /** Right-aligns the given columns (0-based), for numbers. */
    TextTable alignRight(int... columns) {
        for (int c : columns) {
            right[c] = true;
        }
        return this;
    }

    /** Adds a row; a null cell prints as empty. Extra cells are an error. */
    TextTable row(Object... cells) {
        if (cells.length > headers.length) {
            throw new IllegalArgumentException(cells.length + " cells for " + headers.length + " columns");
        }
        String[] r = new String[headers.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = i < cells.length && cells[i] != null ? Echo.capped(String.valueOf(cells[i])) : "";
        }
        rows.add(r);
        return this;
    }

    int rowCount() {
        return rows.size();
    }

    /** Prints the header and the rows. */
    void print(PrintWriter out) {
        int[] width = new int[headers.length];
        for (int i = 0; i < headers.length; i++) {
            width[i] = headers[i].length();
            for (String[] r : rows) {
                width[i] = Math.max(width[i], r[i].codePointCount(0, r[i].length()));
            }
        }
        line(out, headers, width);
        for (String[] r : rows) {
            line(out, r, width);
        }
        out.flush();
    }

    private void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = cells[i];
            int pad = width[i] - cell.codePointCount(0, cell.length());
            if (i > 0) {
                sb.append("  ");
            }
            if (right[i]) {
                sb.append(" ".repeat(pad)).append(cell);
            } else {
                sb.append(cell);
                if (i < cells.length - 1) {
                    sb.append(" ".repeat(pad));
                }
            }
        }
        out.println(sb.toString().stripTrailing());
    }

    /** Key/value lines ("name: value"), keys padded, for a single answer. */
    static void keyValues(PrintWriter out, List<String[]> pairs) {
        int width = 0;
        for (String[] p : pairs) {
            width = Math.max(width, p[0].length());
        }
        for (String[] p : pairs) {
            out.println(p[0] + ":" + " ".repeat(width - p[0].length() + 1) + withoutControls(p[1]));
        }
        out.flush();
    }

    /**
     * The fields of a JSON object as key/value pairs: {@code fixesSent} becomes "fixes sent", a
     * nested object becomes "name value, name value" ("none" when empty).
     */
    static List<String[]> pairs(com.fasterxml.jackson.databind.JsonNode object) {
        List<String[]> out = new ArrayList<>();
        object.fields().forEachRemaining(f -> {
            com.fasterxml.jackson.databind.JsonNode v = f.getValue();
            String text;
            if (v.isObject()) {
                List<String> parts = new ArrayList<>();
                v.fields()
                        .forEachRemaining(n ->
                                parts.add(words(n.getKey()) + " " + n.getValue().asText()));
                text = parts.isEmpty() ? "none" : String.join(", ", parts);
            } else {
                text = v.asText();
            }
            out.add(new String[] {words(f.getKey()), text});
        });
        return out;
    }

    /** A JSON field name as words: {@code fixesSent} and {@code fixes_sent} become "fixes sent". */
    private static String words(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
    }

    /** The text with control and format characters shown as escapes, not capped (for messages). */
    static String withoutControls(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.toString();
    }
}
