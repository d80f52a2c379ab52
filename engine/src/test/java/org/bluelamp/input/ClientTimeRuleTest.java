package org.bluelamp.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bluelamp.error.BluelampException;
import org.junit.jupiter.api.Test;

class ClientTimeRuleTest {
    private static final long NOW = 1_795_000_000_000L; // 2026-11-17
    private final ClientTimeRule rule = ClientTimeRule.defaults();

    @Test
    void timesWithinTheWindowPass() {
        assertEquals(NOW, rule.check("time_epoch_millis", NOW, NOW));
        assertEquals(NOW + 30_000, rule.check("time_epoch_millis", NOW + 30_000, NOW));
        assertEquals(NOW - 3_600_000, rule.check("time_epoch_millis", NOW - 3_600_000, NOW));
    }

    @Test
    void farFutureTimesAreRefusedNamingTheField() {
        long[] future = {NOW + 30_001, 253_402_300_799_000L /* 9999-12-31 */, Long.MAX_VALUE, NOW * 1000 /* micros */};
        for (long t : future) {
            BluelampException e =
                    assertThrows(BluelampException.class, () -> rule.check("status.time_epoch_millis", t, NOW));
            assertEquals("status.time_epoch_millis", e.field());
            assertTrue(e.getMessage().contains("ahead of the engine clock"), e.getMessage());
        }
    }

    @Test
    void ancientTimesAreRefusedWithoutOverflow() {
        for (long t : new long[] {NOW - 3_600_001, 0, Long.MIN_VALUE}) {
            BluelampException e = assertThrows(BluelampException.class, () -> rule.check("t", t, NOW));
            assertTrue(e.getMessage().contains("behind the engine clock"), e.getMessage());
        }
    }
}
