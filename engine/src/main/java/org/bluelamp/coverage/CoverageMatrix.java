package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToAllSearch;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * Which demand sites a unit standing at each candidate site would reach within their target: the
 * covering matrix of maximal covering location (Church and ReVelle 1974) and of MEXCLP. One
 * single-source forward search per candidate, bounded at the largest target, then each site's time
 * through the ends of its edge (the same rules as {@link CoverageEvaluator}: mobilisation by status,
 * off-road legs, access legs, urban or rural target per site). Candidates are searched in parallel,
 * one search per worker thread. Immutable once built; thread-safe.
 */
public final class CoverageMatrix {
    private final CoverageArea area;
    private final List<CandidateSite> candidates;
    private final boolean[] placed;
    private final long[][] covers;
    private final int words;

    private CoverageMatrix(CoverageArea area, List<CandidateSite> candidates, boolean[] placed, long[][] covers) {
        this.area = area;
        this.candidates = List.copyOf(candidates);
        this.placed = placed;
        this.covers = covers;
        this.words = (area.siteCount() + 63) / 64;
    }

    /**
     * The road junctions of the area's road network: nodes where at least three of its roads meet
     * (every junction a unit could stand by at).
     */
    public static List<CandidateSite> junctions(CoverageArea area) {
        TravelTimeGraph g = area.graph(area.roadProfile());
        int[] degree = new int[g.nodeCount()];
        for (int e = 0; e < g.edgeCount(); e++) {
            if (area.isMainEdge(e) && g.edgeBase(e) != g.edgeAdj(e)) {
                degree[g.edgeBase(e)]++;
                degree[g.edgeAdj(e)]++;
            }
        }
        List<CandidateSite> out = new ArrayList<>();
        for (int n = 0; n < degree.length; n++) {
            if (degree[n] >= 3) {
                out.add(new CandidateSite(
                        "junction-" + n,
                        "junction " + n,
                        new org.bluelamp.geo.GeoPoint(g.nodeLatDeg(n), g.nodeLonDeg(n))));
            }
        }
        return out;
    }

    /**
     * Builds the matrix for units of {@code kind} in {@code status} at each candidate.
     *
     * @param threads worker threads (at least 1)
     */
    public static CoverageMatrix build(
            CoverageArea area,
            PolicyBook policies,
            GradePolicy grade,
            List<CandidateSite> candidates,
            UnitKind kind,
            UnitStatus status,
            RoadConditions conditions,
            int threads) {
        TravelProfile profile = Dispatcher.profileFor(kind, grade);
        TravelTimeGraph graph = area.graph(profile);
        if (graph == null) {
            throw BluelampException.invalid("kind", "profile " + profile + " is not prepared on this map");
        }
        int n = candidates.size();
        boolean[] placed = new boolean[n];
        long[][] covers = new long[n][];
        EdgeConditions c = conditions.forProfile(profile);
        int urban = (int) Math.round(
                (Double.isNaN(grade.urbanTargetSeconds()) ? grade.ruralTargetSeconds() : grade.urbanTargetSeconds())
                        * 1000);
        int rural = (int) Math.round(
                (Double.isNaN(grade.ruralTargetSeconds()) ? grade.urbanTargetSeconds() : grade.ruralTargetSeconds())
                        * 1000);
        int maxTarget = Math.max(urban, rural);
        double offRoad = policies.offRoadMetresPerSecond(kind);
        int mobilisation = policies.mobilisationMillis(status);
        SiteLegs legs = SiteLegs.of(area, profile, graph, c.timeFactors(), offRoad, urban, rural);
        AtomicInteger next = new AtomicInteger();
        int workers = Math.max(1, Math.min(threads, n));
        ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "coverage-matrix");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> jobs = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                jobs.add(pool.submit(() -> {
                    ManyToAllSearch search = new ManyToAllSearch(graph, 1);
                    for (int j; (j = next.getAndIncrement()) < n; ) {
                        EdgePlacement p;
                        try {
                            p = area.roads()
                                    .place(
                                            profile,
                                            "candidate",
                                            candidates.get(j).position());
                        } catch (BluelampException e) {
                            covers[j] = new long[(area.siteCount() + 63) / 64];
                            continue;
                        }
                        placed[j] = true;
                        int start = mobilisation + (int) Math.round(p.snapDistanceMetres() / offRoad * 1000);
                        search.start();
                        search.closeEdges(c.closedEdges());
                        search.scaleEdges(c.timeFactors());
                        search.addSource(p, start);
                        search.run(maxTarget, maxTarget);
                        covers[j] = legs.cover(search, p, start, graph, c.timeFactors());
                    }
                    return null;
                }));
            }
            for (Future<?> f : jobs) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the covering matrix", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new CoverageMatrix(area, candidates, placed, covers);
    }

    /**
     * Each demand site's way onto the road of one profile, computed once for all candidates: the
     * two end nodes of its edge with the partial times from each (or its road node when demand is
     * road length), its access leg and its target.
     */
    private record SiteLegs(
            int[] nodeA,
            int[] partA,
            int[] nodeB,
            int[] partB,
            int[] edge,
            double[] toBase,
            int[] access,
            int[] target) {
        static SiteLegs of(
                CoverageArea area,
                TravelProfile profile,
                TravelTimeGraph g,
                double[] factors,
                double offRoad,
                int urban,
                int rural) {
            int sites = area.siteCount();
            int[] nodeA = new int[sites];
            int[] partA = new int[sites];
            int[] nodeB = new int[sites];
            int[] partB = new int[sites];
            int[] edge = new int[sites];
            double[] toBase = new double[sites];
            int[] access = new int[sites];
            int[] target = new int[sites];
            for (int i = 0; i < sites; i++) {
                target[i] = area.isUrbanSite(i) ? urban : rural;
                edge[i] = -1;
                int node = area.siteNode(i);
                if (node >= 0) {
                    nodeA[i] = node;
                    nodeB[i] = -1;
                    continue;
                }
                EdgePlacement p = area.sitePlacement(profile, i);
                if (p == null) {
                    nodeA[i] = -1;
                    nodeB[i] = -1;
                    continue;
                }
                int e = p.edgeId();
                double f = factors == null ? 1 : factors[e];
                edge[i] = e;
                toBase[i] = p.toBaseMetres();
                nodeA[i] = g.edgeBase(e);
                partA[i] = part(g, scaled(g.edgeFwdMillis(e), f), e, p.toBaseMetres());
                nodeB[i] = g.edgeAdj(e);
                partB[i] = part(g, scaled(g.edgeBwdMillis(e), f), e, p.toAdjMetres());
                if (partA[i] == TravelTimeGraph.CLOSED) {
                    nodeA[i] = -1;
                }
                if (partB[i] == TravelTimeGraph.CLOSED) {
                    nodeB[i] = -1;
                }
                access[i] = (int) Math.round(p.snapDistanceMetres() / offRoad * 1000);
            }
            return new SiteLegs(nodeA, partA, nodeB, partB, edge, toBase, access, target);
        }

        /** The sites a single-source search's source reaches within their targets, as a bit set. */
        long[] cover(ManyToAllSearch s, EdgePlacement from, int start, TravelTimeGraph g, double[] factors) {
            int sites = target.length;
            long[] bits = new long[(sites + 63) / 64];
            int fromEdge = from.edgeId();
            for (int i = 0; i < sites; i++) {
                long t = Long.MAX_VALUE;
                if (nodeA[i] >= 0) {
                    int a = s.bestMillis(nodeA[i]);
                    if (a != ManyToAllSearch.UNREACHED) {
                        t = (long) a + partA[i];
                    }
                }
                if (nodeB[i] >= 0) {
                    int b = s.bestMillis(nodeB[i]);
                    if (b != ManyToAllSearch.UNREACHED) {
                        t = Math.min(t, (long) b + partB[i]);
                    }
                }
                if (edge[i] == fromEdge) { // the candidate stands on the site's own edge
                    double f = factors == null ? 1 : factors[fromEdge];
                    double metres = toBase[i] - from.toBaseMetres();
                    int leg = metres >= 0
                            ? part(g, scaled(g.edgeFwdMillis(fromEdge), f), fromEdge, metres)
                            : part(g, scaled(g.edgeBwdMillis(fromEdge), f), fromEdge, -metres);
                    if (leg != TravelTimeGraph.CLOSED) {
                        t = Math.min(t, (long) start + leg);
                    }
                }
                if (t != Long.MAX_VALUE && t + access[i] <= target[i]) {
                    bits[i >>> 6] |= 1L << i;
                }
            }
            return bits;
        }
    }

    private static int scaled(int millis, double f) {
        return millis == TravelTimeGraph.CLOSED || f == 1 ? millis : (int) Math.round(millis * f);
    }

    private static int part(TravelTimeGraph g, int full, int e, double metres) {
        if (metres <= 0) {
            return 0;
        }
        if (full == TravelTimeGraph.CLOSED) {
            return TravelTimeGraph.CLOSED;
        }
        double length = g.edgeDistanceMetres(e);
        return length <= 0 ? 0 : (int) Math.round(full * (metres / length));
    }

    public CoverageArea area() {
        return area;
    }

    /** About the bytes its covering bits take. */
    public long bytes() {
        return (long) covers.length * words * Long.BYTES;
    }

    public List<CandidateSite> candidates() {
        return candidates;
    }

    public int candidateCount() {
        return candidates.size();
    }

    /** Whether a candidate could be placed on a road (one that cannot covers nothing). */
    public boolean isPlaced(int candidate) {
        return placed[candidate];
    }

    /** Whether candidate {@code j} covers site {@code i}. */
    public boolean covers(int j, int site) {
        return (covers[j][site >>> 6] & (1L << site)) != 0;
    }

    /** The sites candidate {@code j} covers, as a bit set (do not modify). */
    long[] coverBits(int j) {
        return covers[j];
    }

    int words() {
        return words;
    }

    /** How many sites candidate {@code j} covers. */
    public int coveredCount(int j) {
        int c = 0;
        for (long w : covers[j]) {
            c += Long.bitCount(w);
        }
        return c;
    }

    /** A copy of this matrix's columns for a subset of its candidates, in the order given. */
    public CoverageMatrix subset(int[] which) {
        List<CandidateSite> cs = new ArrayList<>();
        boolean[] p = new boolean[which.length];
        long[][] cv = new long[which.length][];
        for (int i = 0; i < which.length; i++) {
            cs.add(candidates.get(which[i]));
            p[i] = placed[which[i]];
            cv[i] = Arrays.copyOf(covers[which[i]], covers[which[i]].length);
        }
        return new CoverageMatrix(area, cs, p, cv);
    }
}
