package org.bluelamp.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.bluelamp.proto.v1.FixBatch;
import org.bluelamp.proto.v1.GpsFix;
import org.bluelamp.proto.v1.LatLon;
import org.junit.jupiter.api.Test;

/** The load tool's hand-written fix batches are byte for byte what protobuf's builders write. */
class FixFramesTest {
    private static final String[] IDS = {"LOAD-0", "LOAD-1", "", "Ünit-ß", "x".repeat(300)};

    @Test
    void batchesAreTheBytesTheBuildersWrite() throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        FixFrames frames = new FixFrames(IDS);
        double[] awkward = {0.0, -0.0, 1e-300, -73.98, 40.75, Double.MIN_VALUE, 90, -180};
        long[] times = {0, 1, 127, 128, 1_764_000_000_000L, Long.MAX_VALUE, -1};
        for (int round = 0; round < 200; round++) {
            long batchId = round < 3 ? round : random.nextLong(0, Long.MAX_VALUE);
            int n = round == 0 ? 0 : 1 + random.nextInt(600);
            FixBatch.Builder expected = FixBatch.newBuilder().setBatchId(batchId);
            frames.begin(batchId);
            for (int i = 0; i < n; i++) {
                int unit = random.nextInt(IDS.length);
                double lat =
                        random.nextInt(3) == 0 ? awkward[random.nextInt(awkward.length)] : random.nextDouble(-90, 90);
                double lon =
                        random.nextInt(3) == 0 ? awkward[random.nextInt(awkward.length)] : random.nextDouble(-180, 180);
                long t = random.nextInt(3) == 0 ? times[random.nextInt(times.length)] : random.nextLong();
                double accuracy = random.nextInt(4) == 0 ? awkward[random.nextInt(awkward.length)] : 5;
                frames.add(unit, lat, lon, t, accuracy);
                expected.addFixes(GpsFix.newBuilder()
                        .setUnitId(IDS[unit])
                        .setPositionTimeEpochMillis(t)
                        .setAccuracyMetres(accuracy)
                        .setPosition(LatLon.newBuilder().setLatDeg(lat).setLonDeg(lon)));
            }
            byte[] bytes = frames.finish();
            assertArrayEquals(expected.build().toByteArray(), bytes, "round " + round);
            assertEquals(expected.build(), FixBatch.parseFrom(bytes), "round " + round);
        }
    }
}
