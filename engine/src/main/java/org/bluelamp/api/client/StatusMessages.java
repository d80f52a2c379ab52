package org.bluelamp.api.client;

/**
 * The status message of a gRPC answer as the server wrote it. gRPC percent-encodes
 * {@code grpc-message} (PROTOCOL-HTTP2.md); Vert.x's client decodes it as a URL query component,
 * which turns a '+' into a space ("U+202E" read "U 202E"), so the client reads the raw header and
 * decodes it here.
 *
 * <p>Thread-safety: stateless.
 */
public final class StatusMessages {
    private StatusMessages() {}

    /**
     * A {@code grpc-message} as sent on the wire, decoded: every {@code %XX} as a byte of UTF-8,
     * everything else (including '+') as it is; a '%' not followed by two hex digits is kept (the
     * protocol says a decoder must not fail on it).
     */
    public static String decode(String wire) {
        if (wire == null || wire.indexOf('%') < 0) {
            return wire;
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(wire.length());
        for (int i = 0; i < wire.length(); i++) {
            char c = wire.charAt(i);
            int hi = i + 2 < wire.length() ? Character.digit(wire.charAt(i + 1), 16) : -1;
            int lo = i + 2 < wire.length() ? Character.digit(wire.charAt(i + 2), 16) : -1;
            if (c == '%' && hi >= 0 && lo >= 0) {
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                bytes.write(b, 0, b.length);
            }
        }
        return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
