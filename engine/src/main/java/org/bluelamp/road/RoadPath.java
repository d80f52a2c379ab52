package org.bluelamp.road;

import java.util.Arrays;
import java.util.Objects;

/**
 * The road route a search found from a source to its target, as graph ids: the source's
 * placement, the nodes and edges it travels in order, the target's placement. No geometry:
 * {@link RoadNetwork#geometry} draws it. Immutable.
 *
 * @param from where the source is placed
 * @param nodes the road nodes travelled, in order: the first is the end of the source's edge where
 *     it joins the road graph, the last an end of the target's edge; empty when the source
 *     travels along the target's own edge without reaching a node
 * @param edges the edges between consecutive {@code nodes} ({@code nodes.length - 1} of them, or none)
 * @param to where the target is placed
 */
public record RoadPath(EdgePlacement from, int[] nodes, int[] edges, EdgePlacement to) {
    public RoadPath {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (nodes.length == 0 ? edges.length != 0 : edges.length != nodes.length - 1) {
            throw new IllegalArgumentException(nodes.length + " nodes and " + edges.length + " edges");
        }
        nodes = nodes.clone();
        edges = edges.clone();
    }

    /** Whether the source reaches the target along the target's own edge, through no node. */
    public boolean alongTargetEdge() {
        return nodes.length == 0;
    }

    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    @Override
    public int[] edges() {
        return edges.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoadPath p
                && from.equals(p.from)
                && to.equals(p.to)
                && Arrays.equals(nodes, p.nodes)
                && Arrays.equals(edges, p.edges);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, Arrays.hashCode(nodes), Arrays.hashCode(edges));
    }

    @Override
    public String toString() {
        return "RoadPath[nodes " + Arrays.toString(nodes) + ", edges " + Arrays.toString(edges) + "]";
    }
}
