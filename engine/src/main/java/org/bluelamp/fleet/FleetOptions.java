package org.bluelamp.fleet;

import java.util.Objects;

/**
 * Configuration of a {@link FleetState}.
 *
 * @param capabilities the capability codes units may carry
 * @param history bounds of each unit's history
 * @param staleness when a unit's fix is stale
 * @param gridCellMetres side of a spatial index cell, in metres north-south (10 m to 100 km); about
 *     the typical nearest-unit distance works best (default 500 m)
 * @param gridBuckets hash buckets of the spatial index, a power of two from 64 to 2^24; about the
 *     fleet size or more (default 65,536)
 * @param gridReferenceLatitudeDeg latitude at which cells are square on the ground; only affects
 *     speed, never results (default 54, the middle of Great Britain)
 *
 * <p>Thread-safety: immutable.
 */
public record FleetOptions(
        CapabilityRegistry capabilities,
        HistoryPolicy history,
        StalenessPolicy staleness,
        double gridCellMetres,
        int gridBuckets,
        double gridReferenceLatitudeDeg) {

    /** Checks the bounds. */
    public FleetOptions {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(staleness, "staleness");
        if (!(gridCellMetres >= 10 && gridCellMetres <= 100_000)) {
            throw new IllegalArgumentException("gridCellMetres " + gridCellMetres + " must be between 10 and 100000");
        }
        if (gridBuckets < 64 || gridBuckets > (1 << 24) || Integer.bitCount(gridBuckets) != 1) {
            throw new IllegalArgumentException(
                    "gridBuckets " + gridBuckets + " must be a power of two from 64 to 2^24");
        }
        if (!(Math.abs(gridReferenceLatitudeDeg) <= 80)) {
            throw new IllegalArgumentException(
                    "gridReferenceLatitudeDeg " + gridReferenceLatitudeDeg + " must be between -80 and 80");
        }
    }

    /** Default capabilities, history, staleness; 500 m cells, 65,536 buckets, reference latitude 54. */
    public static FleetOptions defaults() {
        return new FleetOptions(
                CapabilityRegistry.defaults(), HistoryPolicy.defaults(), StalenessPolicy.defaults(), 500, 1 << 16, 54);
    }

    /** These options with other capabilities. */
    public FleetOptions withCapabilities(CapabilityRegistry registry) {
        return new FleetOptions(registry, history, staleness, gridCellMetres, gridBuckets, gridReferenceLatitudeDeg);
    }

    /** These options with another history policy. */
    public FleetOptions withHistory(HistoryPolicy policy) {
        return new FleetOptions(capabilities, policy, staleness, gridCellMetres, gridBuckets, gridReferenceLatitudeDeg);
    }

    /** These options with another staleness policy. */
    public FleetOptions withStaleness(StalenessPolicy policy) {
        return new FleetOptions(capabilities, history, policy, gridCellMetres, gridBuckets, gridReferenceLatitudeDeg);
    }

    /** These options with another grid geometry. */
    public FleetOptions withGrid(double cellMetres, int buckets) {
        return new FleetOptions(capabilities, history, staleness, cellMetres, buckets, gridReferenceLatitudeDeg);
    }
}
