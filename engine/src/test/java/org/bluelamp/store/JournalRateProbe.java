package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The fix journal's sustained rate, alone (no gRPC, no fleet): fixes of 2,000 units handed to
 * {@link FixJournal#accepted} at fixed rates against a real redis-server (append-only, everysec),
 * printing for each rate the journaled rate and the largest and last {@code pendingCount}. A rate
 * is kept up with when pending stays bounded (of the order of a few batches) instead of growing.
 * A measuring tool, not part of the suite: {@code -Dbluelamp.journalProbe=true}, rates in
 * {@code -Dbluelamp.journalProbe.rates=10000,20000} (fixes/s), seconds per rate in
 * {@code -Dbluelamp.journalProbe.seconds}; also runnable with {@code main}.
 */
class JournalRateProbe {
    public static void main(String[] args) throws Exception {
        new JournalRateProbe().sustainedRates();
    }

    @Test
    @EnabledIfSystemProperty(named = "bluelamp.journalProbe", matches = "true")
    void sustainedRates() throws Exception {
        String[] rates = System.getProperty("bluelamp.journalProbe.rates", "5000,10000,20000,40000,80000")
                .split(",");
        int seconds = Integer.getInteger("bluelamp.journalProbe.seconds", 10);
        try (RedisServer redis = RedisServer.launch("--appendonly", "yes", "--appendfsync", "everysec")) {
            StoreOptions o = StoreOptions.defaults(List.of(redis.uri()), "probe", "i1");
            try (RedisLink link = RedisLink.connect(o);
                    FixJournal j = new FixJournal(link)) {
                int units = 2000;
                String[] ids = new String[units];
                for (int i = 0; i < units; i++) {
                    ids[i] = "U" + i;
                }
                long time = System.currentTimeMillis();
                long fed = 0;
                for (String r : rates) {
                    int rate = Integer.parseInt(r.trim());
                    long j0 = j.journaledCount();
                    long maxPending = 0;
                    long t0 = System.nanoTime();
                    long end = t0 + seconds * 1_000_000_000L;
                    long sent = 0;
                    while (System.nanoTime() < end) {
                        long due = (System.nanoTime() - t0) * rate / 1_000_000_000L;
                        for (; sent < due; sent++, fed++) {
                            int u = (int) (fed % units);
                            j.accepted(
                                    u,
                                    ids[u],
                                    43.73 + u * 1e-5,
                                    7.42 + fed * 1e-9,
                                    time++,
                                    5,
                                    10,
                                    90,
                                    FixReason.PERIODIC);
                        }
                        maxPending = Math.max(maxPending, j.pendingCount());
                        Thread.sleep(1);
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    System.out.printf(
                            "PROBE offered %d fixes/s: accepted %.0f/s, journaled %.0f/s, pending max %d, at end %d%n",
                            rate, sent / secs, (j.journaledCount() - j0) / secs, maxPending, j.pendingCount());
                }
                j.flush(120_000);
                assertEquals(fed, j.journaledCount() + j.droppedCount());
            }
        }
    }
}
