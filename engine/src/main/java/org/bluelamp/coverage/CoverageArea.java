package org.bluelamp.coverage;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.TravelProfile;
import org.bluelamp.road.TravelTimeGraph;

/**
 * The places coverage is measured over, prepared once per map: the road graph of every profile
 * (shared with the ranking when a dispatcher exists), the road network coverage shares are measured
 * on (the main network of the blue-light car profile, or of {@code car} without it: every road a
 * car can reach), whether each road node and edge is urban (by the same {@link UrbanAreas} the
 * ranking decides targets with; an edge by its midpoint), which beat each lies in, and the demand
 * sites: the demand points placed on every profile's graph, or, when demand is road length, the
 * road nodes weighted by half the length of their roads.
 *
 * <p>Building it costs one point-in-polygon test per node, edge and demand point and one snap per
 * demand point and profile (about a second for a county). Immutable and thread-safe afterwards.
 */
public final class CoverageArea {
    private final CoverageRoads roads;
    private final Map<TravelProfile, TravelTimeGraph> graphs = new EnumMap<>(TravelProfile.class);
    private final TravelProfile roadProfile;
    private final UrbanAreas urbanAreas;
    private final Beats beats;
    private final DemandPoints demand;
    private final int nodeCount;
    private final int edgeCount;
    private final long[] mainEdges;
    private final long[] urbanNodes;
    private final long[] urbanEdges;
    private final int[] nodeBeat;
    private final int[] edgeBeat;
    private final double roadMetres;
    // demand sites
    private final int siteCount;
    private final double[] siteLat;
    private final double[] siteLon;
    private final double[] siteWeight;
    private final long[] urbanSites;
    private final int[] siteBeat;
    /** For road-length demand: the node of each site; null for demand points. */
    private final int[] siteNode;
    /** For demand points: each site's placement per profile (null where a profile has no road near it). */
    private final Map<TravelProfile, EdgePlacement[]> sitePlacements = new EnumMap<>(TravelProfile.class);

    private final int unplacedDemandPoints;

    private CoverageArea(CoverageRoads roads, UrbanAreas urbanAreas, Beats beats, DemandPoints demand) {
        this.roads = roads;
        this.urbanAreas = urbanAreas;
        this.beats = beats;
        this.demand = demand;
        for (TravelProfile p : roads.profiles()) {
            graphs.put(p, Objects.requireNonNull(roads.graph(p), "graph of " + p));
        }
        roadProfile = graphs.containsKey(TravelProfile.CAR_EMERGENCY)
                ? TravelProfile.CAR_EMERGENCY
                : graphs.containsKey(TravelProfile.CAR)
                        ? TravelProfile.CAR
                        : graphs.keySet().iterator().next();
        TravelTimeGraph g = graphs.get(roadProfile);
        nodeCount = g.nodeCount();
        edgeCount = g.edgeCount();
        mainEdges = roads.mainNetworkEdges(roadProfile);
        urbanNodes = new long[(nodeCount + 63) / 64];
        urbanEdges = new long[(edgeCount + 63) / 64];
        nodeBeat = new int[nodeCount];
        edgeBeat = new int[edgeCount];
        for (int n = 0; n < nodeCount; n++) {
            double lat = g.nodeLatDeg(n);
            double lon = g.nodeLonDeg(n);
            if (urbanAreas.size() > 0 && urbanAreas.isUrban(new GeoPoint(lat, lon))) {
                urbanNodes[n >>> 6] |= 1L << n;
            }
            nodeBeat[n] = beats.indexOf(lat, lon);
        }
        double total = 0;
        double[] nodeWeight = demand.isRoadLength() ? new double[nodeCount] : null;
        for (int e = 0; e < edgeCount; e++) {
            edgeBeat[e] = -1;
            if (!isMainEdge(e)) {
                continue;
            }
            int a = g.edgeBase(e);
            int b = g.edgeAdj(e);
            double lat = (g.nodeLatDeg(a) + g.nodeLatDeg(b)) / 2;
            double lon = (g.nodeLonDeg(a) + g.nodeLonDeg(b)) / 2;
            if (urbanAreas.size() > 0 && urbanAreas.isUrban(new GeoPoint(lat, lon))) {
                urbanEdges[e >>> 6] |= 1L << e;
            }
            edgeBeat[e] = beats.indexOf(lat, lon);
            double metres = g.edgeDistanceMetres(e);
            total += metres;
            if (nodeWeight != null) {
                nodeWeight[a] += metres / 2;
                nodeWeight[b] += metres / 2;
            }
        }
        roadMetres = total;
        if (demand.isRoadLength()) {
            int sites = 0;
            for (int n = 0; n < nodeCount; n++) {
                if (nodeWeight[n] > 0) {
                    sites++;
                }
            }
            siteCount = sites;
            siteNode = new int[sites];
            siteLat = new double[sites];
            siteLon = new double[sites];
            siteWeight = new double[sites];
            siteBeat = new int[sites];
            urbanSites = new long[(sites + 63) / 64];
            int s = 0;
            for (int n = 0; n < nodeCount; n++) {
                if (nodeWeight[n] > 0) {
                    siteNode[s] = n;
                    siteLat[s] = g.nodeLatDeg(n);
                    siteLon[s] = g.nodeLonDeg(n);
                    siteWeight[s] = nodeWeight[n];
                    siteBeat[s] = nodeBeat[n];
                    if (isUrbanNode(n)) {
                        urbanSites[s >>> 6] |= 1L << s;
                    }
                    s++;
                }
            }
            unplacedDemandPoints = 0;
        } else {
            siteNode = null;
            siteCount = demand.size();
            siteLat = demand.latDeg();
            siteLon = demand.lonDeg();
            siteWeight = demand.weight();
            siteBeat = new int[siteCount];
            urbanSites = new long[(siteCount + 63) / 64];
            for (int s = 0; s < siteCount; s++) {
                siteBeat[s] = beats.indexOf(siteLat[s], siteLon[s]);
                if (urbanAreas.size() > 0 && urbanAreas.isUrban(new GeoPoint(siteLat[s], siteLon[s]))) {
                    urbanSites[s >>> 6] |= 1L << s;
                }
            }
            boolean[] placedSomewhere = new boolean[siteCount];
            for (TravelProfile p : graphs.keySet()) {
                EdgePlacement[] placed = new EdgePlacement[siteCount];
                for (int s = 0; s < siteCount; s++) {
                    try {
                        placed[s] = roads.place(p, "demand", new GeoPoint(siteLat[s], siteLon[s]));
                        placedSomewhere[s] = true;
                    } catch (BluelampException e) {
                        placed[s] = null; // further than the snap limit from this profile's roads, or off the map
                    }
                }
                sitePlacements.put(p, placed);
            }
            int unplaced = 0;
            for (boolean b : placedSomewhere) {
                unplaced += b ? 0 : 1;
            }
            unplacedDemandPoints = unplaced;
        }
    }

    /** Prepares the area of a road network's roads ({@link CoverageRoads#of}). */
    public static CoverageArea build(CoverageRoads roads, UrbanAreas urbanAreas, Beats beats, DemandPoints demand) {
        return new CoverageArea(
                Objects.requireNonNull(roads),
                Objects.requireNonNull(urbanAreas),
                Objects.requireNonNull(beats),
                Objects.requireNonNull(demand));
    }

    /** As {@link #build(CoverageRoads, UrbanAreas, Beats, DemandPoints)} with the network's graphs built here. */
    public static CoverageArea build(RoadNetwork network, UrbanAreas urbanAreas, Beats beats, DemandPoints demand) {
        return build(CoverageRoads.of(network, null), urbanAreas, beats, demand);
    }

    /** The roads. */
    public CoverageRoads roads() {
        return roads;
    }

    /** The graph of a prepared profile, or null. */
    public TravelTimeGraph graph(TravelProfile profile) {
        return graphs.get(profile);
    }

    /** The profile whose main network the road shares are measured on. */
    public TravelProfile roadProfile() {
        return roadProfile;
    }

    public UrbanAreas urbanAreas() {
        return urbanAreas;
    }

    public Beats beats() {
        return beats;
    }

    public DemandPoints demand() {
        return demand;
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int edgeCount() {
        return edgeCount;
    }

    /** Whether an edge is on the road network coverage is measured over. */
    public boolean isMainEdge(int edge) {
        return (mainEdges[edge >>> 6] & (1L << edge)) != 0;
    }

    /** The urban nodes as a bit set (bit {@code n % 64} of word {@code n / 64}); read only. */
    long[] urbanNodeBits() {
        return urbanNodes;
    }

    public boolean isUrbanNode(int node) {
        return (urbanNodes[node >>> 6] & (1L << node)) != 0;
    }

    public boolean isUrbanEdge(int edge) {
        return (urbanEdges[edge >>> 6] & (1L << edge)) != 0;
    }

    /** The beat of a node, or -1. */
    public int nodeBeat(int node) {
        return nodeBeat[node];
    }

    /** The beat of a main-network edge (by its midpoint), or -1. */
    public int edgeBeat(int edge) {
        return edgeBeat[edge];
    }

    /** Total length of the main network, metres. */
    public double roadMetres() {
        return roadMetres;
    }

    /** Demand sites: the demand points, or the weighted road nodes when demand is road length. */
    public int siteCount() {
        return siteCount;
    }

    public double siteLatDeg(int site) {
        return siteLat[site];
    }

    public double siteLonDeg(int site) {
        return siteLon[site];
    }

    public double siteWeight(int site) {
        return siteWeight[site];
    }

    public boolean isUrbanSite(int site) {
        return (urbanSites[site >>> 6] & (1L << site)) != 0;
    }

    /** The beat of a site, or -1. */
    public int siteBeat(int site) {
        return siteBeat[site];
    }

    /** The road node of a site when demand is road length; -1 for demand points. */
    public int siteNode(int site) {
        return siteNode == null ? -1 : siteNode[site];
    }

    /** A demand point's placement on a profile's graph, or null (road-length demand, or no road near). */
    public EdgePlacement sitePlacement(TravelProfile profile, int site) {
        EdgePlacement[] p = sitePlacements.get(profile);
        return p == null ? null : p[site];
    }

    /** Demand points no profile has a road near (they count as never reached). */
    public int unplacedDemandPoints() {
        return unplacedDemandPoints;
    }
}
