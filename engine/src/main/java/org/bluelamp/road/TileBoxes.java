package org.bluelamp.road;

/**
 * How {@link EdgeSnapIndex} stores an edge's bounding box in a tile entry: per axis one int, two
 * signed 16-bit steps from the tile's corner (the minimum in the low half, the maximum in the
 * high half), a step being 2^shift storage units (10^-7 degrees), the shift chosen per tile as
 * the smallest that fits every entry's box of that tile. The minimum is rounded down and the
 * maximum up, so the box decoded by {@link #min} and {@link #max} always contains the edge's true
 * box and can only make the snap's box test skip less, never skip an edge it must look at.
 *
 * <p>Static functions only; thread-safe.
 */
final class TileBoxes {
    /** The largest shift: a step of 2^15 units (about 360 m of latitude) reaches about 12,000 km either way. */
    static final int MAX_SHIFT = 15;

    private TileBoxes() {}

    /**
     * The smallest shift at which the box {@code box[at .. at + 3]} (min lat, max lat, min lon, max
     * lon, storage units) fits in 16-bit steps from the corner.
     *
     * @throws IllegalStateException when no shift up to {@link #MAX_SHIFT} fits it
     */
    static int shiftFor(int[] box, int at, int cornerLat, int cornerLon) {
        for (int shift = 0; shift <= MAX_SHIFT; shift++) {
            if (fits(box[at], box[at + 1], cornerLat, shift) && fits(box[at + 2], box[at + 3], cornerLon, shift)) {
                return shift;
            }
        }
        throw new IllegalStateException("edge box " + box[at] + ".." + box[at + 1] + ", " + box[at + 2] + ".."
                + box[at + 3] + " is too far from its tile's corner " + cornerLat + ", " + cornerLon);
    }

    private static boolean fits(int min, int max, int corner, int shift) {
        long lo = Math.floorDiv((long) min - corner, 1L << shift);
        long hi = -Math.floorDiv((long) corner - max, 1L << shift); // ceiling
        return lo >= Short.MIN_VALUE && hi <= Short.MAX_VALUE && lo <= hi;
    }

    /** One axis of a box (storage units) as two 16-bit steps from the corner, rounded outwards. */
    static int pack(int min, int max, int corner, int shift) {
        if (!fits(min, max, corner, shift)) {
            throw new IllegalArgumentException(
                    "box " + min + ".." + max + " does not fit at shift " + shift + " from corner " + corner);
        }
        int lo = (int) Math.floorDiv((long) min - corner, 1L << shift);
        int hi = (int) -Math.floorDiv((long) corner - max, 1L << shift);
        return (hi << 16) | (lo & 0xFFFF);
    }

    /** The packed box's minimum, storage units: never above the true minimum. */
    static int min(int packed, int corner, int shift) {
        return corner + (((short) packed) << shift);
    }

    /** The packed box's maximum, storage units: never below the true maximum. */
    static int max(int packed, int corner, int shift) {
        return corner + ((packed >> 16) << shift);
    }
}
