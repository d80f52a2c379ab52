package org.bluelamp.input;

import org.bluelamp.error.BluelampException;

/**
 * The one rule for every identifier a caller supplies: unit, incident, station, closure, beat ids,
 * capability, grade and incident-type codes, call signs. An id is 1 to {@link #MAX_ID_CHARS}
 * Unicode characters, every one printable (letters of any script, digits, punctuation, symbols and
 * inner spaces; no control, format, surrogate, private-use or unassigned characters, no line
 * separators), and neither starts nor ends with white space. Ids are compared exactly as given
 * (case-sensitive), except where a catalogue (grades, capabilities) says otherwise.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ids {
    /** The longest id accepted, in Unicode characters (code points). */
    public static final int MAX_ID_CHARS = 64;

    private Ids() {}

    /**
     * Checks an id and returns it.
     *
     * @param field the caller's name for the field, e.g. {@code unit_id} or {@code units[3].id}
     * @param id the value as given
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} and quoting the value (capped)
     */
    public static String check(String field, String id) {
        String why = problem(id);
        if (why != null) {
            throw BluelampException.invalid(field, field + " " + Echo.quote(id) + " is not a valid id: " + why);
        }
        return id;
    }

    /** Whether {@code id} follows the rule. */
    public static boolean isValid(String id) {
        return problem(id) == null;
    }

    /**
     * What is wrong with an id, as a phrase ("it is empty"), or {@code null} when it follows the
     * rule. For callers that report rejections as data (fix intake) rather than as exceptions.
     */
    public static String problem(String id) {
        if (id == null || id.isEmpty()) {
            return "it is empty; give 1 to " + MAX_ID_CHARS + " printable characters";
        }
        int length = id.codePointCount(0, id.length());
        if (length > MAX_ID_CHARS) {
            return "it has " + length + " characters, more than the " + MAX_ID_CHARS + " allowed";
        }
        if (Character.isWhitespace(id.codePointAt(0))
                || Character.isWhitespace(id.codePointBefore(id.length()))
                || Character.isSpaceChar(id.codePointAt(0))
                || Character.isSpaceChar(id.codePointBefore(id.length()))) {
            return "it starts or ends with white space";
        }
        for (int i = 0; i < id.length(); ) {
            int cp = id.codePointAt(i);
            if (!Echo.printable(cp)) {
                return String.format("character %d is U+%04X, a control or non-printing character", i + 1, cp);
            }
            i += Character.charCount(cp);
        }
        return null;
    }
}
