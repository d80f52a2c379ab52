package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.util.concurrent.atomic.AtomicInteger;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.EdgePlacer;
import org.junit.jupiter.api.Test;

/** Placements are computed once per new position, failures are kept with their message, the cache grows. */
class PlacementCacheTest {
    final AtomicInteger calls = new AtomicInteger();
    /** Places on edge 7, 10 m from its base; refuses points south of the equator. */
    final EdgePlacer placer = (field, point) -> {
        calls.incrementAndGet();
        if (point.latDeg() < 0) {
            throw BluelampException.invalid(field, field + " " + point + " is 900 m from the nearest road");
        }
        return new EdgePlacement(point, point, 3, 7, 10, 20);
    };

    final PlacementCache cache = new PlacementCache(placer);

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
    void aPositionOffTheRoadsIsRememberedWithWhy() {
        PlacementCache.Placed off = cache.get(3, -10, 20);
        assertNull(off.placement());
        assertTrue(off.failure().contains("900 m"), off.failure());
        assertSame(off, cache.get(3, -10, 20));
        assertEquals(1, cache.snapCount());
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
