package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Response plans as bipartite matchings: units offered fastest first are kept exactly when they fill more slots. */
class PlanMatcherTest {
    static final long ARMED = 1;
    static final long DOG = 2;
    static final long DRIVER = 4;

    @Test
    void aUnitIsKeptOnlyWhenItFillsAnotherSlot() {
        PlanMatcher m = new PlanMatcher();
        m.reset(new long[] {ARMED, ARMED, DOG}, 3);
        assertEquals(3, m.slotCount());
        int first = m.offer(ARMED);
        assertTrue(first >= 0);
        assertTrue(m.offer(ARMED) >= 0);
        assertEquals(-1, m.offer(ARMED), "both armed slots are filled");
        assertEquals(-1, m.offer(DRIVER), "fills nothing");
        assertFalse(m.complete());
        assertTrue(m.offer(DOG) >= 0);
        assertTrue(m.complete());
        assertEquals(-1, m.offer(ARMED | DOG), "a complete plan keeps nobody");
        assertEquals(3, m.filled());
    }

    @Test
    void anEarlierUnitMovesToLetALaterOneIn() {
        PlanMatcher m = new PlanMatcher();
        // slot 0 needs armed, slot 1 needs armed + dog
        m.reset(new long[] {ARMED, ARMED | DOG}, 2);
        int both = m.offer(ARMED | DOG); // the fastest can fill either; it takes slot 0 first
        int armedOnly = m.offer(ARMED); // only fits slot 0: the first moves to slot 1 (augmenting path)
        assertTrue(both >= 0 && armedOnly >= 0);
        assertTrue(m.complete());
        assertEquals(1, m.slotOf(both));
        assertEquals(0, m.slotOf(armedOnly));
        assertTrue(m.isFilled(0) && m.isFilled(1));
        assertEquals(-1, m.slotOf(99));
    }

    @Test
    void resetStartsOverWithOtherSlots() {
        PlanMatcher m = new PlanMatcher();
        m.reset(new long[] {DOG}, 1);
        assertTrue(m.offer(DOG) >= 0);
        m.reset(new long[] {ARMED, ARMED, ARMED, DRIVER}, 4);
        assertEquals(0, m.filled());
        assertFalse(m.isFilled(0));
        for (int i = 0; i < 3; i++) {
            assertTrue(m.offer(ARMED | DRIVER) >= 0);
        }
        assertTrue(m.offer(ARMED | DRIVER) >= 0, "the fourth fills the driver slot");
        assertTrue(m.complete());
        m.reset(new long[0], 0);
        assertTrue(m.complete(), "no plan is a complete plan");
        assertEquals(-1, m.offer(ARMED));
    }
}
