package org.bluelamp.api;

import static org.bluelamp.api.GrpcWeb.concat;
import static org.bluelamp.api.GrpcWeb.frame;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.bluelamp.api.GrpcFrames.Frame;
import org.junit.jupiter.api.Test;

/** The request deframer on bodies cut into chunks at every possible place. */
class GrpcFramesTest {
    private static final byte[] A = "first message".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = new byte[0];
    private static final byte[] C = "third".getBytes(StandardCharsets.UTF_8);

    /** Feeds {@code body} in chunks split at {@code cuts}, then ends it. */
    private static List<Frame> read(byte[] body, boolean base64, String encoding, int max, int... cuts) {
        GrpcFrames frames = new GrpcFrames("request", encoding, max, base64);
        List<Frame> out = new ArrayList<>();
        int from = 0;
        for (int cut : cuts) {
            frames.feed(Buffer.buffer(Arrays.copyOfRange(body, from, cut)), out::add);
            from = cut;
        }
        frames.feed(Buffer.buffer(Arrays.copyOfRange(body, from, body.length)), out::add);
        frames.end(out::add);
        return out;
    }

    private static byte[] payload(Frame f) {
        assertTrue(f instanceof Frame.Message, String.valueOf(f));
        return ((Frame.Message) f).payload();
    }

    private static String error(Frame f) {
        assertTrue(f instanceof Frame.Bad, String.valueOf(f));
        return ((Frame.Bad) f).error().getMessage();
    }

    @Test
    void messagesComeOutWholeWhereverTheBodyIsCut() {
        byte[] body = concat(frame(0, A), frame(0, B), frame(0, C));
        for (int i = 0; i <= body.length; i++) {
            for (int j = i; j <= body.length; j++) {
                List<Frame> f = read(body, false, null, 1024, i, j);
                assertEquals(3, f.size(), "cut at " + i + "," + j);
                assertArrayEquals(A, payload(f.get(0)));
                assertArrayEquals(B, payload(f.get(1)));
                assertArrayEquals(C, payload(f.get(2)));
            }
        }
    }

    @Test
    void base64BodiesInPaddedChunksWhereverCut() {
        byte[] f1 = frame(0, A);
        byte[] f2 = frame(0, C);
        byte[] body = concat(Base64.getEncoder().encode(f1), Base64.getEncoder().encode(f2));
        for (int i = 0; i <= body.length; i++) {
            List<Frame> f = read(body, true, null, 1024, i);
            assertEquals(2, f.size(), "cut at " + i);
            assertArrayEquals(A, payload(f.get(0)));
            assertArrayEquals(C, payload(f.get(1)));
        }
        assertTrue(error(read("AA=A".getBytes(StandardCharsets.US_ASCII), true, null, 1024)
                        .get(0))
                .contains("data after '='"));
        Frame.Bad bad = (Frame.Bad) read("=AAA".getBytes(StandardCharsets.US_ASCII), true, null, 1024)
                .get(0);
        assertTrue(bad.fatal());
    }

    @Test
    void aMessageOverTheLimitIsRefusedFromItsPrefixAndTheNextOneIsRead() {
        byte[] big = new byte[2000];
        List<Frame> f = read(concat(frame(0, big), frame(0, C)), false, null, 1000, 3, 700);
        assertEquals(2, f.size());
        Frame.Bad bad = (Frame.Bad) f.get(0);
        assertTrue(bad.tooLarge() && !bad.fatal());
        assertTrue(bad.error().getMessage().contains("2000 bytes exceeds the limit of 1000"));
        assertArrayEquals(C, payload(f.get(1)));
    }

    @Test
    void gzipMessagesAreDecompressedWithinTheLimit() throws Exception {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(zipped)) {
            z.write(new byte[5000]);
        }
        byte[] body = concat(frame(1, zipped.toByteArray()), frame(1, new byte[] {1, 2, 3}), frame(0, A));
        List<Frame> ok = read(body, false, "gzip", 10_000);
        assertEquals(5000, payload(ok.get(0)).length);
        assertTrue(error(ok.get(1)).contains("not valid gzip"));
        assertArrayEquals(A, payload(ok.get(2)));
        Frame.Bad bomb = (Frame.Bad) read(body, false, "gzip", 1000).get(0);
        assertTrue(bomb.tooLarge(), bomb.toString());
        assertTrue(error(read(frame(1, A), false, "snappy", 1000).get(0)).contains("'snappy' is not supported"));
    }

    @Test
    void badFlagsStopTheBodyAndTruncationIsReportedAtTheEnd() {
        List<Frame> f = read(concat(frame(0, A), frame(2, C), frame(0, A)), false, null, 1024);
        assertEquals(2, f.size());
        assertTrue(((Frame.Bad) f.get(1)).fatal());
        List<Frame> cut = read(Arrays.copyOf(frame(0, A), 8), false, null, 1024);
        assertEquals(1, cut.size());
        Frame.Bad truncated = (Frame.Bad) cut.get(0);
        assertFalse(truncated.fatal());
        assertTrue(truncated.error().getMessage().contains("says 13 bytes but only 3 arrived"));
    }
}
