package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * What was wrong with an HTTP/JSON request that does not make the call's request message, in the
 * caller's words: the JSON parser's and protobuf's JSON mapping's failures rewritten so that the
 * answer names the field the caller wrote where the failure says it, echoes the caller's value
 * capped ({@link Echo}), and never repeats the parser's own text (Jackson's messages name Java
 * classes such as {@code java.util.LinkedHashMap} and its settings, and quote the value whole).
 *
 * <p>The failures come from Vert.x's transcoding: Jackson (through Vert.x's {@code DecodeException})
 * when the body is not JSON, protobuf's {@code JsonFormat} when it is JSON but not the message.
 *
 * <p>Thread-safety: stateless.
 */
final class JsonBodyErrors {
    private static final String PREFIX =
            "the request (path, query parameters and JSON body) does not make a valid " + "message of this call: ";
    private static final Pattern WHERE = Pattern.compile("line: (\\d+), column: (\\d+)");
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("(?s)Cannot find field: (.*) in message (\\S+)");
    private static final Pattern NOT_A = Pattern.compile("(?s)Not an? (\\S+) value: (.*)");
    private static final Pattern BAD_ENUM = Pattern.compile("(?s)Invalid enum value: (.*) for enum type: (\\S+)");
    private static final Pattern EXPECTED = Pattern.compile("(?s)Expected an? (array|map) for (\\S+) but found (.*)");

    private JsonBodyErrors() {}

    /** The INVALID_ARGUMENT for {@code failure} (the transcoder's, or its cause) decoding {@code messageName}. */
    static BluelampException of(String messageName, Throwable failure) {
        return of(messageName, failure, null);
    }

    /**
     * As {@link #of(String, Throwable)}, naming the field at fault when protobuf's message does
     * not: {@code locator} finds it in the caller's body (null: the whole request is named).
     */
    static BluelampException of(String messageName, Throwable failure, java.util.function.Supplier<String> locator) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        String why = cause.getMessage() == null ? "" : cause.getMessage();
        if (cause instanceof InvalidProtocolBufferException) {
            BluelampException e = fromMapping(messageName, why);
            String field = e.field().equals(messageName) && locator != null ? locator.get() : null;
            if (field == null) {
                return e;
            }
            String said = e.getMessage().substring(PREFIX.length());
            return BluelampException.invalid(
                    field, PREFIX + (said.startsWith("a value ") ? field + said.substring(7) : field + ": " + said));
        }
        return BluelampException.invalid(messageName, PREFIX + notJson(why));
    }

    /** The body is not JSON, or not a JSON object (Jackson's message, kept to where and what). */
    private static String notJson(String why) {
        if (why.contains("nesting depth")) {
            return "the JSON body is nested more than 1000 levels deep";
        }
        if (why.contains("Cannot deserialize")) {
            return "the JSON body must be one JSON object ({...})";
        }
        Matcher at = WHERE.matcher(why);
        String where = at.find() ? " at line " + at.group(1) + ", column " + at.group(2) : "";
        return "the body is not valid JSON" + where;
    }

    /** JSON, but not this message: protobuf's JSON mapping says which field or value. */
    private static BluelampException fromMapping(String messageName, String why) {
        Matcher m;
        if ((m = UNKNOWN_FIELD.matcher(why)).matches()) {
            String field = m.group(1);
            return BluelampException.invalid(
                    Echo.capped(field),
                    PREFIX + Echo.quote(field) + " is not a field of " + m.group(2)
                            + " (field names as in the contract, lowerCamelCase or as in the .proto)");
        }
        if ((m = EXPECTED.matcher(why)).matches()) {
            return BluelampException.invalid(
                    Echo.capped(m.group(2)),
                    PREFIX + m.group(2) + " must be a JSON " + m.group(1) + ", got " + Echo.quote(m.group(3)));
        }
        if ((m = NOT_A.matcher(why)).matches()) {
            return BluelampException.invalid(
                    messageName, PREFIX + "a value is not a valid " + m.group(1) + ": " + Echo.quote(m.group(2)));
        }
        if (why.contains("DecodingException")) {
            return BluelampException.invalid(
                    messageName,
                    PREFIX + "a value is not valid base64, which the JSON form of a bytes field must be"
                            + " (standard or URL-safe alphabet)");
        }
        if ((m = BAD_ENUM.matcher(why)).matches()) {
            return BluelampException.invalid(
                    messageName,
                    PREFIX + Echo.quote(m.group(1)) + " is not a value of " + m.group(2) + " (give its name or number: "
                            + JsonFieldLocator.enumValueNames(m.group(2)) + ")");
        }
        return BluelampException.invalid(messageName, PREFIX + Echo.capped(why));
    }
}
