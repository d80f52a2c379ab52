package org.bluelamp.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vertx.core.buffer.Buffer;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.FixBatchAck;
import org.bluelamp.proto.v1.FixRejection;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.bluelamp.proto.v1.RejectReason;
import org.bluelamp.proto.v1.RejectionCount;
import org.bluelamp.tracking.FixIntake;
import org.bluelamp.tracking.IntakeOptions;
import org.bluelamp.tracking.IntakeResult;

/**
 * What a fix stream's batch costs per fix from its frame's bytes to its acknowledgement, main's
 * path against {@link FixBatchDecoder}'s, in one JVM, block by block alternated, by this thread's
 * CPU time and bytes allocated ({@code com.sun.management.ThreadMXBean}).
 *
 * <ul>
 *   <li>before (main 0443f59, its code copied here): the frame's payload wrapped in a Vert.x
 *       {@code Buffer} ({@code GrpcFrames.finishMessage}), its bytes copied out
 *       ({@code Rpc.parse}'s {@code getBytes()}), parsed by the generated {@code FixBatch.parser()},
 *       the batch limit checked, and each {@code GpsFix} applied ({@code IntakeMapping.apply(FixIntake,
 *       FixBatch, long)} as it was);
 *   <li>after: {@link IntakeMapping#apply(FixIntake, FixBatchDecoder, byte[], long, int)} on the
 *       frame's own array, with one decoder reused.
 * </ul>
 *
 * Both start from the same frame bytes, a fresh array per batch as {@code GrpcFrames} makes (its
 * allocation is counted in both), and apply to two identical fleets of New York-like load-tool
 * units ({@code LOAD-0} ... {@code LOAD-9999}, batches of 500 fixes with an id, a position, a time
 * and an accuracy: what {@code LoadCommand} sends); the acknowledgements are checked equal. Also
 * timed: the decode alone (generated parser against the decoder, no id look-up), without applying,
 * and the new path with each id read as a new {@code String} (no look-up of registered ids, a third
 * identical fleet).
 *
 * <p>In package {@code org.bluelamp.api} to reach the package-private intake mapping. Usage:
 * {@code java -Xmx2g -cp benchmarks.jar org.bluelamp.api.FixDecodeCost [blocks] [batches per
 * block]} (default 15 blocks of 200 batches). Single-threaded.
 */
public final class FixDecodeCost {
    private static final int UNITS = 10_000;
    private static final int BATCH = 500;
    private static final long T0 = 1_764_300_000_000L;

    private FixDecodeCost() {}

    public static void main(String[] args) throws Exception {
        int blocks = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int batches = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] now = {T0};
        InstantSource clock = new InstantSource() {
            @Override
            public long millis() {
                return now[0];
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now[0]);
            }
        };
        FixIntake before = intake(clock);
        FixIntake after = intake(clock);
        FixIntake third = intake(clock);
        FixBatchDecoder decoder = new FixBatchDecoder();
        SplittableRandom random = new SplittableRandom(13);
        double[] lat = new double[UNITS];
        double[] lon = new double[UNITS];
        for (int u = 0; u < UNITS; u++) {
            lat[u] = 40.70 + random.nextDouble(-0.12, 0.12);
            lon[u] = -73.95 + random.nextDouble(-0.12, 0.12);
        }
        int[] turn = {0};
        long[] lastTime = new long[UNITS];
        double[][] ns = new double[5][blocks];
        double[][] bytes = new double[5][blocks];
        long sink = 0;
        for (int r = -3; r < blocks; r++) { // three warm-up blocks
            now[0] += 10_000;
            byte[][] frames = new byte[batches][];
            for (int b = 0; b < batches; b++) {
                frames[b] = batch(b, now[0], lat, lon, turn, lastTime, random);
            }
            // each fleet takes the block's batches once, at the same clock
            for (int k = 0; k < 5; k++) {
                int mode = (r & 1) == 0 ? k : new int[] {4, 1, 0, 3, 2}[k]; // the order alternates
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long c0 = threads.getCurrentThreadCpuTime();
                for (int b = 0; b < batches; b++) {
                    byte[] payload = frames[b].clone(); // the frame's own array (GrpcFrames.startMessage)
                    switch (mode) {
                        case 0 ->
                            sink += referencePath(before, payload, b, now[0]).getAcceptedCount();
                        case 1 ->
                            sink += IntakeMapping.apply(after, decoder, payload, b, 10_000)
                                    .getAcceptedCount();
                        case 2 ->
                            sink += FixBatch.parser()
                                    .parseFrom(Buffer.buffer(payload).getBytes())
                                    .getFixesCount();
                        case 3 -> {
                            decoder.decode(payload, 0, payload.length, 10_000);
                            sink += decoder.kept();
                        }
                        default -> { // after, each id a new String (no look-up of registered ids)
                            decoder.decode(payload, 0, payload.length, 10_000);
                            sink += IntakeMapping.apply(third, decoder, b).getAcceptedCount();
                        }
                    }
                }
                long c1 = threads.getCurrentThreadCpuTime();
                long a1 = threads.getCurrentThreadAllocatedBytes();
                if (r >= 0) {
                    ns[mode][r] = (c1 - c0) / (double) (batches * BATCH);
                    bytes[mode][r] = (a1 - a0) / (double) (batches * BATCH);
                }
            }
            if (r >= 0) {
                System.out.printf(
                        Locale.ROOT,
                        "block %d: before %.0f ns %.0f B, after %.0f ns %.0f B per fix; decode alone before %.0f ns"
                                + " %.0f B, after %.0f ns %.0f B; after without the id look-up %.0f ns %.0f B%n",
                        r,
                        ns[0][r],
                        bytes[0][r],
                        ns[1][r],
                        bytes[1][r],
                        ns[2][r],
                        bytes[2][r],
                        ns[3][r],
                        bytes[3][r],
                        ns[4][r],
                        bytes[4][r]);
            }
        }
        check(before, after, now[0], decoder, random, lat, lon, turn, lastTime);
        for (int m = 0; m < 5; m++) {
            Arrays.sort(ns[m]);
            Arrays.sort(bytes[m]);
        }
        System.out.printf(
                Locale.ROOT,
                "MEDIANS per fix (%d blocks of %d batches of %d fixes, %d units): full path before %.1f ns %.1f B,"
                        + " after %.1f ns %.1f B (CPU ratio after/before %.3f, allocation ratio %.4f); decode alone"
                        + " before %.1f ns %.1f B, after %.1f ns %.1f B (CPU ratio %.3f); after without the id look-up"
                        + " %.1f ns %.1f B (CPU ratio to before %.3f) (sink %d)%n",
                blocks,
                batches,
                BATCH,
                UNITS,
                ns[0][blocks / 2],
                bytes[0][blocks / 2],
                ns[1][blocks / 2],
                bytes[1][blocks / 2],
                ns[1][blocks / 2] / ns[0][blocks / 2],
                bytes[1][blocks / 2] / bytes[0][blocks / 2],
                ns[2][blocks / 2],
                bytes[2][blocks / 2],
                ns[3][blocks / 2],
                bytes[3][blocks / 2],
                ns[3][blocks / 2] / ns[2][blocks / 2],
                ns[4][blocks / 2],
                bytes[4][blocks / 2],
                ns[4][blocks / 2] / ns[0][blocks / 2],
                sink & 1);
        System.exit(0);
    }

    /** One more batch through both paths: the acknowledgements must be equal. */
    private static void check(
            FixIntake before,
            FixIntake after,
            long now,
            FixBatchDecoder decoder,
            SplittableRandom random,
            double[] lat,
            double[] lon,
            int[] turn,
            long[] lastTime)
            throws InvalidProtocolBufferException {
        byte[] frame = batch(7, now, lat, lon, turn, lastTime, random);
        FixBatchAck a = referencePath(before, frame.clone(), 7, now);
        FixBatchAck b = IntakeMapping.apply(after, decoder, frame.clone(), 7, 10_000);
        if (!a.equals(b)) {
            throw new IllegalStateException("the paths disagree:\n" + a + "\n" + b);
        }
        System.out.printf(
                Locale.ROOT,
                "frame: %.1f bytes per fix (the array each path starts from, counted in both)%n",
                frame.length / (double) BATCH);
        System.out.println("acknowledgements equal: " + b.getAcceptedCount() + " accepted of " + BATCH + ", "
                + b.getRejectedCount() + " rejected " + b.getRejectedByReasonList());
    }

    private static FixIntake intake(InstantSource clock) {
        FleetState fleet = new FleetState(FleetOptions.defaults());
        for (int u = 0; u < UNITS; u++) {
            fleet.register(UnitSpec.minimal("LOAD-" + u, UnitKind.CAR), UnitStatus.AVAILABLE, T0 - 1);
        }
        return new FixIntake(fleet, IntakeOptions.defaults(), clock);
    }

    /**
     * A load-tool batch: 500 fixes of units in turn, moving a little, each at {@code now} or just
     * after the unit's last fix (as {@code LoadCommand} times them).
     */
    private static byte[] batch(
            long batchId, long now, double[] lat, double[] lon, int[] turn, long[] lastTime, SplittableRandom random) {
        FixBatch.Builder b = FixBatch.newBuilder().setBatchId(batchId);
        for (int i = 0; i < BATCH; i++) {
            int u = turn[0];
            turn[0] = (u + 1) % UNITS;
            lat[u] += random.nextDouble(-0.00001, 0.00001);
            lon[u] += random.nextDouble(-0.00001, 0.00001);
            long t = Math.max(now, lastTime[u] + 1);
            lastTime[u] = t;
            b.addFixes(GpsFix.newBuilder()
                    .setUnitId("LOAD-" + u)
                    .setPosition(LatLon.newBuilder().setLatDeg(lat[u]).setLonDeg(lon[u]))
                    .setPositionTimeEpochMillis(t)
                    .setAccuracyMetres(5));
        }
        return b.build().toByteArray();
    }

    // ------------------------------------------------------------------ main 0443f59's path

    /** TrackingEndpoint.onBatch and IntakeMapping.apply(FixIntake, FixBatch, long) at main 0443f59. */
    private static FixBatchAck referencePath(FixIntake intake, byte[] payload, long index, long now)
            throws InvalidProtocolBufferException {
        Buffer frame = Buffer.buffer(payload); // GrpcFrames.finishMessage's Frame.Message
        FixBatch batch = FixBatch.parser().parseFrom(frame.getBytes()); // Rpc.parse
        if (batch.getFixesCount() > 10_000) {
            throw new IllegalStateException("not reached");
        }
        return apply(intake, batch, index);
    }

    private static FixBatchAck apply(FixIntake intake, FixBatch batch, long messageIndex) {
        int latest = 0;
        int historyOnly = 0;
        int duplicates = 0;
        int rejected = 0;
        int[] byReason = new int[RejectReason.values().length];
        FixBatchAck.Builder ack =
                FixBatchAck.newBuilder().setBatchId(batch.getBatchId()).setMessageIndex(messageIndex);
        int n = batch.getFixesCount();
        for (int i = 0; i < n; i++) {
            if (i % FixIntake.STAGE_FIXES == 0) {
                for (int j = i, end = Math.min(n, i + FixIntake.STAGE_FIXES); j < end; j++) {
                    GpsFix s = batch.getFixes(j);
                    if (s.hasPosition()) {
                        intake.stage(
                                s.getUnitId(),
                                s.getPosition().getLatDeg(),
                                s.getPosition().getLonDeg());
                    }
                }
            }
            GpsFix f = batch.getFixes(i);
            IntakeResult r = intake.apply(
                    f.getUnitId(),
                    f.hasPosition() ? f.getPosition().getLatDeg() : Double.NaN,
                    f.hasPosition() ? f.getPosition().getLonDeg() : Double.NaN,
                    f.getPositionTimeEpochMillis(),
                    f.getAccuracyMetres() == 0 ? Double.NaN : f.getAccuracyMetres(),
                    f.hasSpeedMetresPerSecond() ? f.getSpeedMetresPerSecond() : Double.NaN,
                    f.hasHeadingDeg() ? f.getHeadingDeg() : Double.NaN,
                    ContractEnums.fixReason(f.getReasonValue()));
            switch (r.outcome()) {
                case ACCEPTED_LATEST -> latest++;
                case ACCEPTED_HISTORY_ONLY -> historyOnly++;
                case DUPLICATE -> duplicates++;
                case REJECTED -> {
                    rejected++;
                    int reason = ContractEnums.number(r.reason());
                    byReason[reason]++;
                    if (ack.getRejectionsCount() < IntakeMapping.MAX_LISTED_REJECTIONS) {
                        ack.addRejections(FixRejection.newBuilder()
                                .setIndex(i)
                                .setUnitId(Ids.isValid(f.getUnitId()) ? f.getUnitId() : Echo.capped(f.getUnitId()))
                                .setReasonValue(reason)
                                .setMessage(r.message()));
                    }
                }
            }
        }
        ack.setAcceptedCount(latest + historyOnly)
                .setAcceptedLatestCount(latest)
                .setDuplicateCount(duplicates)
                .setRejectedCount(rejected);
        for (int reason = 0; reason < byReason.length; reason++) {
            if (byReason[reason] > 0) {
                ack.addRejectedByReason(
                        RejectionCount.newBuilder().setReasonValue(reason).setCount(byReason[reason]));
            }
        }
        return ack.build();
    }
}
