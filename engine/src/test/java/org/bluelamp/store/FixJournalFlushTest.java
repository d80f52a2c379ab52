package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.testing.Race;
import org.bluelamp.testing.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link FixJournal#pendingCount} and {@link FixJournal#flush} never miss a batch on its way: every
 * fix accepted is pending or journaled at every moment, and a flush that returns true has written
 * every fix accepted before it. The journal thread took a batch from the backlog under its lock
 * and counted it in flight after, and counted a written batch out of flight before counting it as
 * journaled (and noting its units' latest fixes): a reader in between saw the batch nowhere, and a
 * flush there saw nothing left to do. Four full batches are accepted at once, their counts are
 * watched in a tight loop while they are written, then a flush; the test stops at the first fix
 * missing from the counts (the old order: within the first round).
 */
class FixJournalFlushTest {
    private static final int BATCH = 10_000;
    /** Full batches accepted at once, in flight together. */
    private static final int BATCHES = 4;
    /** Units the fixes are of: few, so that writing their latest positions is quick. */
    private static final int UNITS = 100;

    @Test
    @Timeout(120)
    void aFlushThatReturnsTrueHasWrittenEveryFixAcceptedBeforeIt() throws Exception {
        try (RedisServer redis = RedisServer.launch()) {
            StoreOptions o =
                    StoreOptions.defaults(List.of(redis.uri()), "fl", "a").withJournal(BATCH, 1, 1_000, 1_000_000);
            String[] ids = new String[UNITS];
            for (int i = 0; i < UNITS; i++) {
                ids[i] = "U" + i;
            }
            long accepted = 0;
            long rounds = 0;
            long checks = 0;
            String wrong = null;
            try (RedisLink link = RedisLink.connect(o);
                    FixJournal journal = new FixJournal(link)) {
                long t = 1_790_000_000_000L;
                long start = System.nanoTime();
                while (wrong == null && Race.goOn(start, rounds > 10 && checks > 1_000)) {
                    for (int i = 0; i < BATCHES * BATCH; i++) {
                        journal.accepted(i % UNITS, ids[i % UNITS], 52.6, -0.7, ++t, 5, 0, 0, FixReason.PERIODIC);
                    }
                    accepted += BATCHES * BATCH;
                    // while the full batches are written, every fix is pending or journaled
                    long journaled;
                    while ((journaled = journal.journaledCount()) < accepted && wrong == null) {
                        long pending = journal.pendingCount();
                        journaled = journal.journaledCount(); // read after: it only grows
                        if (pending + journaled < accepted) {
                            wrong = "round " + rounds + ": " + pending + " pending and " + journaled + " journaled of "
                                    + accepted + " accepted";
                        }
                        checks++;
                    }
                    rounds++;
                    journal.accepted(0, ids[0], 52.6, -0.7, ++t, 5, 0, 0, FixReason.PERIODIC);
                    accepted++;
                    assertTrue(journal.flush(10_000), "round " + rounds + ": flush timed out");
                    if (wrong == null && (journal.journaledCount() != accepted || journal.pendingCount() != 0)) {
                        wrong = "round " + rounds + ": flush returned with " + journal.journaledCount() + " of "
                                + accepted + " journaled, " + journal.pendingCount() + " pending";
                    }
                }
            }
            assertNull(wrong, wrong);
            assertTrue(rounds > 10 && checks > 1_000, rounds + " rounds, " + checks + " checks");
        }
    }
}
