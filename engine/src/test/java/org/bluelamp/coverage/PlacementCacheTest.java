package org.bluelamp.coverage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The primitive-keyed placement cache against a HashMap over the same seeded keys. */
class PlacementCacheTest {
    private record Key(int profile, double lat, double lon) {}

    @Test
    void agreesWithAHashMapThroughGrowthAndClearing() {
        long seed = 20261126L;
        Random rnd = new Random(seed);
        PlacementCache cache = new PlacementCache();
        Map<Key, Object> expected = new HashMap<>();
        Key[] keys = new Key[5_000];
        for (int i = 0; i < keys.length; i++) {
            // few distinct coordinates so that keys collide on one part and differ on another
            keys[i] = new Key(rnd.nextInt(4), 52.6 + rnd.nextInt(60) * 1e-3, -0.7 + rnd.nextInt(60) * 1e-3);
        }
        for (int step = 0; step < 40_000; step++) {
            Key k = keys[rnd.nextInt(keys.length)];
            if (rnd.nextInt(3) == 0) {
                Object v = "value " + step;
                cache.put(k.profile(), k.lat(), k.lon(), v);
                expected.put(k, v);
            } else {
                assertSame(expected.get(k), cache.get(k.profile(), k.lat(), k.lon()), "seed " + seed + " " + k);
            }
        }
        assertEquals(expected.size(), cache.size(), "seed " + seed);
        cache.clear();
        assertEquals(0, cache.size());
        assertNull(cache.get(keys[0].profile(), keys[0].lat(), keys[0].lon()));
    }

    @Test
    void profilesKeepTheirOwnValueForOnePosition() {
        PlacementCache cache = new PlacementCache();
        cache.put(0, 52.65, -0.72, "car");
        cache.put(1, 52.65, -0.72, "emergency");
        assertEquals("car", cache.get(0, 52.65, -0.72));
        assertEquals("emergency", cache.get(1, 52.65, -0.72));
        assertNull(cache.get(2, 52.65, -0.72));
        assertNull(cache.get(0, 52.65, -0.7200001));
    }

    @Test
    void emptiesItselfPastTheCap() {
        PlacementCache cache = new PlacementCache();
        for (int i = 0; i < PlacementCache.MAX_ENTRIES; i++) {
            cache.put(0, i * 1e-6, 0, "x");
        }
        assertEquals(PlacementCache.MAX_ENTRIES, cache.size());
        cache.put(0, -1, -1, "y");
        assertEquals(1, cache.size());
        assertEquals("y", cache.get(0, -1, -1));
    }
}
