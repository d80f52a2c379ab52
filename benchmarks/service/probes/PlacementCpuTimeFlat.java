package org.bluelamp.dispatch;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import org.bluelamp.bench.BenchNetworks;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;

/**
 * Probe (not built by Maven; compile by hand, see benchmarks/service/probes/README.md): what a query-time
 * placement costs beyond the snap itself. The service's PlacementCache (four objects per placed position:
 * two GeoPoints, an EdgePlacement, the Placed entry) against one flat object per position
 * (PlacementCacheFlat) and against the same without the Placed wrapper (PlacementCacheNoWrapper), on the
 * same positions near the roads, T threads at once, blocks alternated, thread CPU time.
 */
public class PlacementCpuTimeFlat {
    public static void main(String[] a) throws Exception {
        RoadNetwork net = BenchNetworks.open(a[0]);
        int rounds = Integer.parseInt(a[1]), threads = Integer.parseInt(a[2]);
        TravelProfile prof = TravelProfile.values()[0];
        double max = net.options().maxSnapDistanceMetres();
        PlacementCache before = PlacementCache.over(net.snapIndex(), prof, max);
        PlacementCacheNoWrapper third = new PlacementCacheNoWrapper(net.snapIndex(), prof, max);
        PlacementCacheFlat after = new PlacementCacheFlat(net.snapIndex(), prof, max);
        var b = net.bounds();
        int units = 10000, n = 100000;
        // positions near roads: a random road-ish point = a random point snapped once, moved up to ~15 m
        SplittableRandom rnd = new SplittableRandom(11);
        double[][] lat = new double[threads][n], lon = new double[threads][n]; int[][] unit = new int[threads][n];
        for (int t = 0; t < threads; t++) for (int i = 0; i < n; i++) {
            double la = b.minLatDeg() + rnd.nextDouble() * (b.maxLatDeg() - b.minLatDeg());
            double lo = b.minLonDeg() + rnd.nextDouble() * (b.maxLonDeg() - b.minLonDeg());
            var s = new org.bluelamp.road.EdgeSnap();
            if (net.snapIndex().snap(prof, la, lo, s) == org.bluelamp.road.EdgeSnap.Outcome.FOUND) { la = s.toPlacement(new org.bluelamp.geo.GeoPoint(la, lo)).snapped().latDeg() + (rnd.nextDouble() - 0.5) * 2.7e-4; lo = s.toPlacement(new org.bluelamp.geo.GeoPoint(la, lo)).snapped().lonDeg() + (rnd.nextDouble() - 0.5) * 3.5e-4; }
            lat[t][i] = la; lon[t][i] = lo; unit[t][i] = t * units + rnd.nextInt(units);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long[][] cpu = new long[3][threads];
        CyclicBarrier bar = new CyclicBarrier(threads);
        Thread[] ts = new Thread[threads];
        for (int t0 = 0; t0 < threads; t0++) {
            final int t = t0;
            ts[t] = new Thread(() -> {
                try {
                    long sink = 0;
                    for (int r = 0; r < rounds; r++) {
                        double bump = (r + 1) * 1e-9; // new positions every round
                        for (int w = 0; w < 3; w++) {
                            int v = (r + w) % 3; boolean useAfter = v == 1;
                            bar.await();
                            long c0 = mx.getCurrentThreadCpuTime();
                            double off = bump * (w + 1) + r * 1e-7; // never a position seen before
                            if (v == 2) { for (int i = 0; i < n; i++) if (third.get(unit[t][i], lat[t][i] + off, lon[t][i]) != null) sink++; }
                            else if (useAfter) { for (int i = 0; i < n; i++) if (after.get(unit[t][i], lat[t][i] + off, lon[t][i]).found()) sink++; }
                            else { for (int i = 0; i < n; i++) if (before.get(unit[t][i], lat[t][i] + off, lon[t][i]).placement() != null) sink++; }
                            long c1 = mx.getCurrentThreadCpuTime();
                            if (r >= 3) cpu[v][t] += c1 - c0;
                        }
                    }
                    if (sink == 42) System.out.print("");
                } catch (Exception e) { throw new RuntimeException(e); }
            });
            ts[t].start();
        }
        for (Thread t : ts) t.join();
        long bsum = 0, asum = 0, csum = 0; for (int t = 0; t < threads; t++) { bsum += cpu[0][t]; asum += cpu[1][t]; csum += cpu[2][t]; }
        double calls = (double) (rounds - 3) * n * threads; // each variant runs one block per measured round
        System.out.printf("%s %d threads: service's cache %.1f ns/get, flat entry %.1f (%.3fx), no wrapper %.1f (%.3fx); snaps counted %d%n", a[0], threads, bsum / calls, asum / calls, bsum / (double) asum, csum / calls, bsum / (double) csum, before.snapCount());
    }
}
