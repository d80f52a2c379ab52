package org.bluelamp.input;

/**
 * How an error message quotes what a caller wrote: at most {@link #MAX_ECHO_CHARS} characters,
 * then {@code "... (n more)"}, with control and format characters shown as Java-style escapes
 * (U+001B becomes backslash, {@code u001b})
 * so that an echoed value can never change a terminal, a log line or a console. Every message the
 * engine builds from outside input goes through here, which also keeps every error reply small
 * (a gRPC status message travels in an HTTP/2 header block).
 *
 * <p>Stateless and thread-safe.
 */
public final class Echo {
    /** The most characters of a caller's text that any message repeats. */
    public static final int MAX_ECHO_CHARS = 64;

    private Echo() {}

    /**
     * The text in single quotes, capped and escaped; {@code null} for a missing value.
     *
     * @param text what the caller wrote, or null
     */
    public static String quote(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + capped(text) + "'";
    }

    /** The text capped and escaped as {@link #quote} does, without quotes. */
    public static String capped(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_ECHO_CHARS) + 16);
        int shown = 0;
        int i = 0;
        while (i < text.length() && shown < MAX_ECHO_CHARS) {
            int cp = text.codePointAt(i);
            if (printable(cp)) {
                out.appendCodePoint(cp);
            } else {
                for (char c : Character.toChars(cp)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            }
            i += Character.charCount(cp);
            shown++;
        }
        int rest = text.codePointCount(i, text.length());
        if (rest > 0) {
            out.append("... (").append(rest).append(" more)");
        }
        return out.toString();
    }

    /**
     * Whether a code point is shown as itself: not a control, format, surrogate, private-use,
     * unassigned, line or paragraph separator character.
     */
    static boolean printable(int codePoint) {
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.SURROGATE,
                    Character.PRIVATE_USE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
