package org.bluelamp.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The encoded audit trail against the simplest one: a deque of the entries themselves, the newest
 * {@code capacity} kept. Seeded; the seed is in every failure message.
 */
class AuditLogTest {
    private static final long SEED = Long.getLong("bluelamp.test.seed", 20261128L);

    @Test
    void keepsTheNewestEntriesAndReadsThemBackEqual() {
        for (int round = 0; round < 20; round++) {
            long seed = SEED + round;
            Random random = new Random(seed);
            int capacity = 1 + random.nextInt(round < 10 ? 40 : 1500);
            AuditLog log = new AuditLog(capacity, Integer.MAX_VALUE);
            ArrayDeque<AuditEntry> reference = new ArrayDeque<>();
            int appends = random.nextInt(4 * capacity + 10);
            long ms = 1_764_000_000_000L;
            for (int i = 0; i < appends; i++) {
                ms += random.nextInt(3);
                AuditEntry e = entry(random, ms);
                log.append(e, ms, i);
                reference.addLast(e.withId(ms + "-" + i));
                if (reference.size() > capacity) {
                    reference.removeFirst();
                }
                if (random.nextInt(400) == 0) {
                    assertReadsEqual(log, reference, random, "seed " + seed + " after append " + i);
                }
            }
            assertEquals(reference.size(), log.size(), "seed " + seed);
            assertReadsEqual(log, reference, random, "seed " + seed);
        }
    }

    @Test
    void keepsWithinItsByteBoundDroppingTheOldestFirst() {
        for (int round = 0; round < 10; round++) {
            long seed = SEED + 100 + round;
            Random random = new Random(seed);
            int maxBytes = 64 * 1024;
            AuditLog log = new AuditLog(100_000, maxBytes);
            List<AuditEntry> all = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                AuditEntry e = entry(random, 1_000L + i);
                log.append(e, 1_000L + i, 0);
                all.add(e.withId((1_000L + i) + "-0"));
                assertTrue(log.bytes() <= maxBytes, "seed " + seed + ": " + log.bytes() + " bytes held");
            }
            List<AuditEntry> held = log.read(new AuditQuery("", "", 0, Long.MAX_VALUE, Integer.MAX_VALUE));
            assertEquals(all.subList(all.size() - held.size(), all.size()), held, "seed " + seed);
            // full: the next older entry would not have fitted beside the largest one just appended
            assertTrue(log.bytes() > maxBytes - 40_000, "seed " + seed + ": only " + log.bytes() + " bytes held");
        }
    }

    @Test
    void anEntryLargerThanTheBoundIsKeptAlone() {
        AuditLog log = new AuditLog(10, 64 * 1024);
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add("unit-with-a-long-id-" + i + "-" + "x".repeat(40));
        }
        AuditEntry big = new AuditEntry(
                "", AuditEntry.Kind.CLOSURE, 5, "admin", "a", "INC-1", many, "", "", "", "", 1, 2, List.of(), "", "");
        log.append(entry(new Random(1), 4), 4, 0);
        log.append(big, 5, 0);
        assertEquals(List.of(big.withId("5-0")), log.read(new AuditQuery("", "", 0, 10, 10)));
        log.append(entry(new Random(2), 6), 6, 0);
        assertEquals(1, log.size());
        assertEquals(6, log.read(new AuditQuery("", "", 0, 10, 10)).get(0).atMillis());
    }

    private static void assertReadsEqual(AuditLog log, ArrayDeque<AuditEntry> reference, Random random, String why) {
        List<AuditEntry> ref = new ArrayList<>(reference);
        List<AuditQuery> queries = new ArrayList<>();
        queries.add(new AuditQuery("", "", 0, Long.MAX_VALUE, Integer.MAX_VALUE));
        if (!ref.isEmpty()) {
            AuditEntry some = ref.get(random.nextInt(ref.size()));
            long from = some.atMillis() - random.nextInt(3);
            queries.add(new AuditQuery("", "", from, from + random.nextInt(20), 1 + random.nextInt(30)));
            queries.add(new AuditQuery(some.incidentId(), "", 0, Long.MAX_VALUE, 1 + random.nextInt(30)));
            if (!some.unitIds().isEmpty()) {
                queries.add(new AuditQuery("", some.unitIds().get(0), 0, Long.MAX_VALUE, 1000));
            }
            queries.add(new AuditQuery("", "", some.conditionId(), 0, Long.MAX_VALUE, 5));
        }
        for (AuditQuery q : queries) {
            List<AuditEntry> expected = new ArrayList<>();
            for (AuditEntry e : ref) {
                if (expected.size() < q.max()
                        && e.atMillis() >= q.fromMillis()
                        && e.atMillis() <= q.toMillis()
                        && q.matches(e)) {
                    expected.add(e);
                }
            }
            assertEquals(expected, log.read(q), why + ", query " + q);
        }
    }

    private static AuditEntry entry(Random r, long atMillis) {
        AuditEntry.Kind kind = AuditEntry.Kind.values()[r.nextInt(AuditEntry.Kind.values().length)];
        List<String> ids = new ArrayList<>();
        List<AuditEntry.Offer> offers = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            String id = text(r);
            ids.add(id);
            if (kind == AuditEntry.Kind.RECOMMENDATION) {
                double eta = r.nextInt(10) == 0 ? Double.NaN : r.nextDouble() * 3600;
                offers.add(new AuditEntry.Offer(id, eta, r.nextBoolean()));
            }
        }
        return new AuditEntry(
                "",
                kind,
                atMillis,
                text(r),
                text(r),
                r.nextBoolean() ? "" : "INC-" + r.nextInt(20),
                ids,
                text(r),
                text(r),
                r.nextBoolean() ? "G1" : "",
                text(r),
                r.nextInt(5) == 0 ? Double.NaN : r.nextDouble() * 180 - 90,
                r.nextInt(5) == 0 ? Double.NaN : -r.nextDouble() * 1e-300,
                offers,
                r.nextBoolean() ? "" : "closure-" + r.nextInt(10),
                r.nextBoolean() ? "closure" : "");
    }

    /** Empty, ASCII, accented, emoji (surrogate pairs), an unpaired surrogate, or long. */
    private static String text(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> "";
            case 1 -> "unit-" + r.nextInt(10);
            case 2 -> "Ærø café " + r.nextInt(100);
            case 3 -> "\uD83D\uDE93 car " + r.nextInt(5);
            case 4 -> "broken \uD800 surrogate";
            case 5 -> "\u0000\u007f\u0080\uffff";
            default -> "x".repeat(r.nextInt(300));
        };
    }
}
