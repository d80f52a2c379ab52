package org.bluelamp.dispatch;

import java.util.EnumSet;
import java.util.concurrent.atomic.LongAdder;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.PositionListener;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.road.TravelProfile;

/**
 * Places each unit's new position on the road graphs as its fix arrives, on the fleet's fix
 * writer ({@link PositionListener}), so that queries find it placed ({@link PlacementCache}).
 *
 * <p>Why: a query examines tens to hundreds of units nearest-first and needs each one's place on
 * the road graph. Placed lazily by the query, a unit that moved since the last query that
 * examined it is snapped again by the next one; when units report faster than queries reach them
 * (the stress run: 10,000 units, 200,000 fixes/s, every unit moving 20 times a second) nearly
 * every examined unit is snapped again by every query, and snapping was half of the query
 * threads' CPU (benchmarks/RESULTS.md, issue 13 point 4). Placed here, a position is snapped once
 * per fix and per profile in use, whatever the query rate.
 *
 * <p>Only the profiles a unit's kind travels with for some grade, and of those only the ones whose
 * cache a query read in the last {@value PlacementCache#IN_USE_NANOS} ns ({@link
 * PlacementCache#inUse}): a profile no query ranks with costs intake nothing. Answers are the
 * same with it or without: an entry is keyed by the exact position and computed alike by whoever
 * places it.
 *
 * <p>Thread-safety: {@link #moved} runs on the fix writer only; the caches are lock-free.
 */
final class IntakePlacement implements PositionListener {
    private final FleetState fleet;
    /** Per unit kind (ordinal), the caches of the profiles that kind travels with for some grade. */
    private final PlacementCache[][] byKind;

    private final LongAdder failures = new LongAdder();

    IntakePlacement(FleetState fleet, ProfileGraphs graphs, PolicyBook policies) {
        this.fleet = fleet;
        UnitKind[] kinds = UnitKind.values();
        this.byKind = new PlacementCache[kinds.length][];
        for (UnitKind k : kinds) {
            EnumSet<TravelProfile> used = EnumSet.noneOf(TravelProfile.class);
            for (GradePolicy g : policies.grades()) {
                TravelProfile p = ProfileGraphs.profileFor(k, g);
                if (graphs.has(p)) {
                    used.add(p);
                }
            }
            byKind[k.ordinal()] = used.stream().map(graphs::placements).toArray(PlacementCache[]::new);
        }
    }

    @Override
    public void moved(int unitIndex, double latDeg, double lonDeg) {
        try {
            PlacementCache[] caches = byKind[fleet.unit(unitIndex).kind().ordinal()];
            long now = System.nanoTime();
            for (PlacementCache c : caches) {
                if (c.inUse(now)) {
                    c.placeAtIntake(unitIndex, latDeg, lonDeg);
                }
            }
        } catch (RuntimeException e) {
            failures.increment(); // the fix is taken regardless; the next query places the unit itself
        }
    }

    /** Fixes whose placement failed unexpectedly (none expected; for tests and metrics). */
    long failureCount() {
        return failures.sum();
    }
}
