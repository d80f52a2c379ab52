package org.bluelamp.dispatch;

import static org.junit.jupiter.api.Assertions.*;

import java.lang.ref.WeakReference;
import java.util.Set;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.testing.RandomFleet;
import org.junit.jupiter.api.Test;

/**
 * A dispatcher that is no longer used is freed even though a long-lived thread ranked with it: the
 * per-thread search state a dispatcher keeps in a thread-local must not refer back to the
 * dispatcher (a thread-local value that reaches its own key is never freed while the thread
 * lives). The simulator runs hundreds of dispatchers on a few pooled threads; with the back
 * reference every one of them stayed in memory (New York: about 200 MB each, out of memory after
 * about twenty runs in 4 GB).
 */
class DispatcherThreadLocalTest {

    @Test
    void aDispatcherRankedOnThisThreadIsFreedWhenDropped() throws InterruptedException {
        RoadNetwork net = DispatcherBucketsTest.network("monaco");
        WeakReference<Dispatcher> ref = rankOnceAndDrop(net);
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(ref.get(), "the dropped dispatcher is still reachable (from this thread's thread-locals)");
    }

    private static WeakReference<Dispatcher> rankOnceAndDrop(RoadNetwork net) {
        FleetState fleet = RandomFleet.create(net, 12, 5, DispatcherBucketsTest.NOW, false);
        Dispatcher d = DispatcherBucketsTest.dispatcher(net, fleet);
        d.setBucketUse(Dispatcher.BucketUse.ALWAYS);
        var s = fleet.snapshot(0);
        Recommendation rec =
                d.recommend(new IncidentRequest("T", new GeoPoint(s.latDeg(), s.lonDeg()), "1", "", Set.of(), 3));
        assertFalse(rec.candidates().isEmpty(), "the dispatcher ranked");
        return new WeakReference<>(d);
    }
}
