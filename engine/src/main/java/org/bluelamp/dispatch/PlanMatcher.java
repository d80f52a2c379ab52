package org.bluelamp.dispatch;

import java.util.Arrays;

/**
 * Fills a response plan's slots (one slot per unit needed) with units, as a bipartite matching
 * grown one unit at a time (Kuhn's augmenting paths). Units offered in order of arrival time
 * give the fastest set that fulfils the plan: a unit is kept exactly when it lets more slots be
 * filled (the greedy algorithm on a transversal matroid). Plans are small (at most 20 slots), so
 * every operation is cheap. Not thread-safe; reused per query.
 */
final class PlanMatcher {
    private long[] slotMasks = new long[0];
    private int[] slotOwner = new int[0];
    private long[] unitMasks = new long[16];
    private int unitCount;
    private int filled;
    private boolean[] visited = new boolean[0];

    /** Starts over with these slots (each a capability mask a unit must cover). */
    void reset(long[] slotMasks, int slotCount) {
        if (this.slotMasks.length < slotCount) {
            this.slotMasks = new long[slotCount];
            this.slotOwner = new int[slotCount];
            this.visited = new boolean[slotCount];
        }
        System.arraycopy(slotMasks, 0, this.slotMasks, 0, slotCount);
        Arrays.fill(slotOwner, 0, slotCount, -1);
        this.slots = slotCount;
        unitCount = 0;
        filled = 0;
    }

    private int slots;

    int slotCount() {
        return slots;
    }

    int filled() {
        return filled;
    }

    boolean complete() {
        return filled == slots;
    }

    /**
     * Offers a unit with capability mask {@code mask}; returns its handle if it increased the
     * number of filled slots (it is then part of the plan), or -1.
     */
    int offer(long mask) {
        if (filled == slots) {
            return -1;
        }
        if (unitCount == unitMasks.length) {
            unitMasks = Arrays.copyOf(unitMasks, unitCount * 2);
        }
        int u = unitCount++;
        unitMasks[u] = mask;
        Arrays.fill(visited, 0, slots, false);
        if (augment(u)) {
            filled++;
            return u;
        }
        unitCount--;
        return -1;
    }

    private boolean augment(int u) {
        for (int s = 0; s < slots; s++) {
            if (!visited[s] && (unitMasks[u] & slotMasks[s]) == slotMasks[s]) {
                visited[s] = true;
                if (slotOwner[s] < 0 || augment(slotOwner[s])) {
                    slotOwner[s] = u;
                    return true;
                }
            }
        }
        return false;
    }

    /** The slot a kept unit (handle from {@link #offer}) fills in the final matching, or -1. */
    int slotOf(int handle) {
        for (int s = 0; s < slots; s++) {
            if (slotOwner[s] == handle) {
                return s;
            }
        }
        return -1;
    }

    /** Whether slot {@code s} is filled. */
    boolean isFilled(int s) {
        return slotOwner[s] >= 0;
    }
}
