package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.junit.jupiter.api.Test;

/**
 * Placements are computed once per new position, by a query or at intake alike; positions off the
 * roads are remembered; the cache grows; it is in use only while queries read it.
 */
class PlacementCacheTest {
    final AtomicInteger calls = new AtomicInteger();
    /** Places on edge 7, 10 m from its base; cannot place points south of the equator. */
    final PlacementCache cache = new PlacementCache((lat, lon) -> {
        calls.incrementAndGet();
        return lat < 0 ? null : new EdgePlacement(new GeoPoint(lat, lon), new GeoPoint(lat, lon), 3, 7, 10, 20);
    });

    @Test
    void aPositionIsPlacedOnceUntilItChanges() {
        PlacementCache.Placed a = cache.get(0, 52.6, -0.7);
        assertEquals(7, a.placement().edgeId());
        assertEquals(new GeoPoint(52.6, -0.7), a.placement().requested());
        assertSame(a, cache.get(0, 52.6, -0.7));
        assertEquals(1, calls.get());
        assertEquals(1, cache.snapCount());
        PlacementCache.Placed moved = cache.get(0, 52.61, -0.7);
        assertNotSame(a, moved);
        assertEquals(2, cache.snapCount());
        cache.get(1, 52.6, -0.7); // another unit at the same place: its own entry
        assertEquals(3, cache.snapCount());
    }

    @Test
    void aPositionOffTheRoadsIsRemembered() {
        PlacementCache.Placed off = cache.get(3, -10, 20);
        assertNull(off.placement());
        assertSame(off, cache.get(3, -10, 20));
        assertEquals(1, cache.snapCount());
    }

    @Test
    void aPositionPlacedAtIntakeIsNotSnappedAgainByAQuery() {
        cache.placeAtIntake(4, 52.7, -0.6);
        assertEquals(1, cache.intakeSnapCount());
        PlacementCache.Placed p = cache.get(4, 52.7, -0.6);
        assertEquals(new GeoPoint(52.7, -0.6), p.placement().requested());
        assertEquals(1, calls.get(), "the query found it placed");
        assertEquals(1, cache.snapCount());
        cache.placeAtIntake(4, 52.7, -0.6); // the same position again: nothing to do
        assertEquals(1, cache.intakeSnapCount());
        cache.get(4, 52.71, -0.6); // moved without intake placing it: the query places it
        assertEquals(2, cache.snapCount());
        assertEquals(1, cache.intakeSnapCount());
    }

    @Test
    void inUseOnlyWhileQueriesRead() {
        long now = System.nanoTime();
        assertFalse(cache.inUse(now), "no query has read it");
        cache.placeAtIntake(0, 52.6, -0.7);
        assertFalse(cache.inUse(System.nanoTime()), "placing at intake is not a use");
        cache.get(0, 52.6, -0.7);
        long read = System.nanoTime();
        assertTrue(cache.inUse(read));
        assertFalse(cache.inUse(read + PlacementCache.IN_USE_NANOS + 1_000_000_000L));
    }

    @Test
    void unitIndexesBeyondTheFirstArrayGrowIt() {
        for (int unit : new int[] {5, 1023, 1024, 70_000, 2}) {
            assertEquals(7, cache.get(unit, 51, 0).placement().edgeId());
        }
        assertSame(cache.get(70_000, 51, 0), cache.get(70_000, 51, 0));
        assertEquals(5, cache.snapCount());
    }
}
