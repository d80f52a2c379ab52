package org.bluelamp.fleet;

import java.util.Objects;

/**
 * Configuration of a {@link FleetState}.
 *
 * @param capabilities the capability codes units may carry
 * @param history bounds of each unit's history
 * @param staleness when a unit's fix is stale
 * @param gridCellMetres side of a spatial index cell, in metres north-south (10 m to 100 km), or
 *     {@link #AUTOMATIC_GRID} (the default): the fleet then sizes its grid itself from where its
 *     units are ({@code GridSizing}: about two to six units a cell, side and buckets rebuilt on
 *     the fix writer when the fleet has outgrown them). Answers never depend on it, only speed
 * @param gridBuckets hash buckets of the spatial index, a power of two from 64 to 2^24; about the
 *     fleet size or more. With the automatic grid, the buckets before its first sizing (64 units
 *     with a fix); later sizings choose their own (default 4,096)
 * @param gridReferenceLatitudeDeg latitude at which cells are square on the ground; only affects
 *     speed, never results (default 54, the middle of Great Britain; the automatic grid takes its
 *     units' mean latitude at each sizing instead)
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

    /** The {@code gridCellMetres} that asks the fleet to size its grid itself. */
    public static final double AUTOMATIC_GRID = 0;

    /** Checks the bounds. */
    public FleetOptions {
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(history, "history");
        Objects.requireNonNull(staleness, "staleness");
        if (gridCellMetres != AUTOMATIC_GRID && !(gridCellMetres >= 10 && gridCellMetres <= 100_000)) {
            throw new IllegalArgumentException("gridCellMetres " + gridCellMetres
                    + " must be between 10 and 100000, or 0 (AUTOMATIC_GRID) for a grid sized by the fleet");
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

    /**
     * Default capabilities, history, staleness; the automatic grid (4,096 buckets until its first
     * sizing), reference latitude 54.
     */
    public static FleetOptions defaults() {
        return new FleetOptions(
                CapabilityRegistry.defaults(),
                HistoryPolicy.defaults(),
                StalenessPolicy.defaults(),
                AUTOMATIC_GRID,
                1 << 12,
                54);
    }

    /** Whether the fleet sizes its grid itself ({@link #AUTOMATIC_GRID}). */
    public boolean automaticGrid() {
        return gridCellMetres == AUTOMATIC_GRID;
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

    /** These options with the grid sized by the fleet ({@link #AUTOMATIC_GRID}, 4,096 buckets at first). */
    public FleetOptions withAutomaticGrid() {
        return new FleetOptions(capabilities, history, staleness, AUTOMATIC_GRID, 1 << 12, gridReferenceLatitudeDeg);
    }

    /** These options with a fixed grid geometry (cells of {@code cellMetres}, never resized). */
    public FleetOptions withGrid(double cellMetres, int buckets) {
        return new FleetOptions(capabilities, history, staleness, cellMetres, buckets, gridReferenceLatitudeDeg);
    }
}
