package org.bluelamp.api;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * The gRPC framing of a request body, read by us rather than by Vert.x: each message is a 1-byte
 * flag (0, or 1 when compressed with the call's {@code grpc-encoding}), a 4-byte big-endian
 * length and that many bytes; gRPC-Web-text sends the same frames in base64 (padded chunks may
 * follow one another). Fed the body chunk by chunk as it arrives, it reports one {@link Frame} per
 * message in order, and at the end whatever was left incomplete.
 *
 * <p>Why our own: Vert.x 5.0.7's deframers leave some bodies without any answer (a compressed flag
 * without {@code grpc-encoding} throws inside the connection's data handler, invalid base64 throws
 * inside its end handler), read a frame whose length prefix is longer than its data as no message
 * at all, and buffer a frame up to the transport limit before its size is checked. Here every
 * flaw becomes a {@link Frame.Bad} naming what was wrong, a message over the limit is refused from
 * its length prefix and skipped without being buffered, and nothing throws.
 *
 * <p>What is fatal: flags other than 0 and 1, and invalid base64, make the rest of the body
 * unreadable ({@link Frame.Bad#fatal()}); a message too large, compressed without a declared
 * encoding, or not valid gzip is refused alone and the frames after it are read on.
 *
 * <p>Thread-safety: not thread-safe; one per call, used on its event loop.
 */
final class GrpcFrames {
    /** One message of the body, or what was wrong with it. */
    sealed interface Frame {
        /**
         * A message's payload, decompressed, at most the size limit: an array of its own (not
         * shared, not reused), which the receiver may keep or hand to another thread.
         */
        record Message(byte[] payload) implements Frame {}

        /**
         * A message (or the rest of the body) that cannot be read.
         *
         * @param error INVALID_ARGUMENT naming the field ({@code request}, a stream's message name, or
         *     {@code grpc-encoding})
         * @param tooLarge whether the message was refused for its size only
         * @param fatal whether nothing after it can be read
         */
        record Bad(BluelampException error, boolean tooLarge, boolean fatal) implements Frame {}
    }

    private static final int HEADER_BYTES = 5;
    private static final int PAD = -2;
    private static final int[] BASE64 = new int[128];

    static {
        Arrays.fill(BASE64, -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64[alphabet.charAt(i)] = i;
        }
    }

    private final String messageName;
    private final String encoding;
    private final int maxMessageBytes;
    private final boolean base64;

    // base64 state: up to 4 characters of the group being read
    private final int[] group = new int[4];
    private int groupLength;
    private long base64Offset;

    // framing state
    private final byte[] header = new byte[HEADER_BYTES];
    private int headerLength;
    private byte[] payload; // the message being collected
    private int payloadLength;
    private boolean compressed;
    private long skip; // bytes of a refused message still to pass over
    private long messageIndex;
    private boolean broken;

    /**
     * @param messageName the name errors give a message, e.g. {@code request} or {@code FixBatch}
     * @param encoding the call's {@code grpc-encoding} header, or null
     * @param maxMessageBytes the largest message taken, after decompression
     * @param base64 whether the body is gRPC-Web-text (base64)
     */
    GrpcFrames(String messageName, String encoding, int maxMessageBytes, boolean base64) {
        this.messageName = messageName;
        this.encoding = encoding == null ? null : encoding.trim().toLowerCase(Locale.ROOT);
        this.maxMessageBytes = maxMessageBytes;
        this.base64 = base64;
    }

    /** Messages read so far, refused ones included. */
    long messagesRead() {
        return messageIndex;
    }

    /** Reads the next chunk of the body; {@code out} receives each frame completed by it. */
    void feed(Buffer chunk, Consumer<Frame> out) {
        if (broken) {
            return;
        }
        if (base64) {
            feedBase64(chunk, out);
        } else {
            for (int i = 0, n = chunk.length(); i < n && !broken; ) {
                i = take(chunk, i, n, out);
            }
        }
    }

    /** The body ended: reports a message (or base64 group) left incomplete. */
    void end(Consumer<Frame> out) {
        if (broken) {
            return;
        }
        if (base64 && groupLength > 0) {
            fatal(
                    out,
                    messageName + ": the gRPC-Web-text body ends inside a base64 group (" + groupLength
                            + " of 4 characters): the body is cut short");
            return;
        }
        if (headerLength > 0) {
            bad(
                    out,
                    false,
                    "truncated message: " + messageName + " " + messageIndex + " ends inside its 5-byte frame header ("
                            + headerLength + " bytes arrived)");
        } else if (payload != null) {
            bad(
                    out,
                    false,
                    "truncated message: the length prefix of " + messageName + " " + messageIndex + " says "
                            + payload.length + " bytes but only " + payloadLength + " arrived");
        }
        payload = null;
        headerLength = 0;
    }

    private void feedBase64(Buffer chunk, Consumer<Frame> out) {
        int n = chunk.length();
        byte[] decoded = new byte[(n + groupLength) / 4 * 3];
        int length = 0;
        String error = null;
        for (int i = 0; i < n; i++, base64Offset++) {
            int c = chunk.getByte(i) & 0xFF;
            int v = c < 128 ? BASE64[c] : -1;
            boolean pad = c == '=';
            if (v < 0 && !(pad && groupLength >= 2)) {
                error = "character " + describe(c) + " at offset " + base64Offset;
                break;
            }
            if (!pad && groupLength == 3 && group[2] == PAD) {
                error = "data after '=' at offset " + base64Offset;
                break;
            }
            group[groupLength++] = pad ? PAD : v;
            if (groupLength == 4) {
                groupLength = 0;
                int bits = (group[0] << 18) | (group[1] << 12) | (Math.max(group[2], 0) << 6) | Math.max(group[3], 0);
                decoded[length++] = (byte) (bits >> 16);
                if (group[2] != PAD) {
                    decoded[length++] = (byte) (bits >> 8);
                }
                if (group[3] != PAD) {
                    decoded[length++] = (byte) bits;
                }
            }
        }
        Buffer bytes = Buffer.buffer(decoded);
        for (int j = 0; j < length && !broken; ) {
            j = take(bytes, j, length, out);
        }
        if (error != null && !broken) {
            fatal(out, messageName + ": the gRPC-Web-text body is not valid base64: " + error);
        }
    }

    private static String describe(int c) {
        return c >= 0x21 && c < 0x7F ? "'" + (char) c + "'" : String.format(Locale.ROOT, "0x%02x", c);
    }

    /** Consumes bytes from {@code from} of {@code b}; returns the index of the first byte not used. */
    private int take(Buffer b, int from, int to, Consumer<Frame> out) {
        if (skip > 0) {
            int n = (int) Math.min(skip, to - from);
            skip -= n;
            return from + n;
        }
        if (payload == null) {
            int n = Math.min(HEADER_BYTES - headerLength, to - from);
            b.getBytes(from, from + n, header, headerLength);
            headerLength += n;
            if (headerLength == HEADER_BYTES) {
                headerLength = 0;
                startMessage(out);
            }
            return from + n;
        }
        int n = Math.min(payload.length - payloadLength, to - from);
        b.getBytes(from, from + n, payload, payloadLength);
        payloadLength += n;
        if (payloadLength == payload.length) {
            finishMessage(out);
        }
        return from + n;
    }

    private void startMessage(Consumer<Frame> out) {
        int flags = header[0] & 0xFF;
        long length = ((header[1] & 0xFFL) << 24)
                | ((header[2] & 0xFF) << 16)
                | ((header[3] & 0xFF) << 8)
                | (header[4] & 0xFF);
        if ((flags & ~1) != 0) {
            fatal(
                    out,
                    messageName + " " + messageIndex + " has frame flags "
                            + String.format(Locale.ROOT, "0x%02x", flags)
                            + "; a gRPC request frame has 0 (plain) or 1 (compressed): the body is not gRPC framing");
            return;
        }
        if (length > maxMessageBytes) {
            skip = length;
            bad(
                    out,
                    true,
                    messageName + " message of " + length + " bytes exceeds the limit of " + maxMessageBytes
                            + " bytes");
            return;
        }
        boolean isCompressed = flags == 1;
        if (isCompressed && (encoding == null || encoding.equals("identity"))) {
            skip = length;
            BluelampException e = BluelampException.invalid(
                    "grpc-encoding",
                    messageName + " " + messageIndex + " has its compressed flag set but the call declares "
                            + (encoding == null ? "no grpc-encoding" : "grpc-encoding identity")
                            + ": send it uncompressed (flag 0) or declare grpc-encoding: gzip");
            emit(out, new Frame.Bad(e, false, false));
            return;
        }
        if (isCompressed && !encoding.equals("gzip")) {
            skip = length;
            BluelampException e = BluelampException.invalid(
                    "grpc-encoding",
                    "grpc-encoding " + Echo.quote(encoding) + " is not supported: use identity or gzip");
            emit(out, new Frame.Bad(e, false, false));
            return;
        }
        compressed = isCompressed;
        payload = new byte[(int) length];
        payloadLength = 0;
        if (length == 0) {
            finishMessage(out);
        }
    }

    private void finishMessage(Consumer<Frame> out) {
        byte[] bytes = payload;
        payload = null;
        emit(out, compressed ? gunzip(bytes) : new Frame.Message(bytes));
    }

    /** Decompresses a gzip message, refusing it once it grows beyond the limit. */
    private Frame gunzip(byte[] bytes) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            ByteArrayOutputStream decoded = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            for (int r; (r = in.read(chunk)) > 0; ) {
                decoded.write(chunk, 0, r);
                if (decoded.size() > maxMessageBytes) {
                    String why = messageName + " message exceeds the limit of " + maxMessageBytes
                            + " bytes once decompressed";
                    return new Frame.Bad(BluelampException.invalid(messageName, why), true, false);
                }
            }
            return new Frame.Message(decoded.toByteArray());
        } catch (IOException | RuntimeException e) {
            String why = messageName + " " + messageIndex + " is not valid gzip: " + e.getMessage();
            return new Frame.Bad(BluelampException.invalid(messageName, why), false, false);
        }
    }

    private void bad(Consumer<Frame> out, boolean tooLarge, String message) {
        emit(out, new Frame.Bad(BluelampException.invalid(messageName, message), tooLarge, false));
    }

    private void fatal(Consumer<Frame> out, String message) {
        broken = true;
        out.accept(new Frame.Bad(BluelampException.invalid(messageName, message), false, true));
    }

    private void emit(Consumer<Frame> out, Frame f) {
        messageIndex++;
        out.accept(f);
    }
}
