package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The ceiling of nearest-first examination, term by term. */
class ReachBoundTest {

    @Test
    void theCeilingIsTheStraightLineLessSnapsAndSlackAtTheTopSpeed() {
        ReachBound b = new ReachBound(500, 40, 30, 53, 100_000);
        // 10 km: 10,000 (1 - rho) - (500 + 20) (1 + rho') - 30 metres at 40 m/s
        int ceiling = b.ceilingMillis(10_000, 20);
        assertEquals((10_000 - 520 - 30) / 40.0 * 1000, ceiling, 5);
        assertTrue(ceiling <= (10_000 - 520 - 30) / 40.0 * 1000);
        assertEquals(0, b.ceilingMillis(400, 20), "nearer than the snaps: no ceiling");
        assertTrue(b.ceilingMillis(20_000, 0) > b.ceilingMillis(10_000, 0));
        assertTrue(b.ceilingMillis(1e12, 0) < Integer.MAX_VALUE);
    }

    @Test
    void farFromTheEquatorTheStraightLineIsDiscountedMore() {
        ReachBound uk = new ReachBound(500, 40, 0, 55, 1_000_000);
        ReachBound north = new ReachBound(500, 40, 0, 75, 1_000_000);
        assertTrue(north.ceilingMillis(500_000, 0) < uk.ceilingMillis(500_000, 0));
    }

    @Test
    void noProvenCeilingWhenTheGeometryCannotBeBounded() {
        ReachBound polar = new ReachBound(500, 40, 0, 89.9, 5_000_000);
        assertEquals(0, polar.ceilingMillis(100_000, 0));
        ReachBound noRoads = new ReachBound(500, 0, 0, 50, 1_000);
        assertEquals(0, noRoads.ceilingMillis(100_000, 0));
    }
}
