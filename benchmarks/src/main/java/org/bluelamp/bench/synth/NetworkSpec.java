package org.bluelamp.bench.synth;

/**
 * What to generate: the target number of junctions, the seed and the few shape parameters.
 *
 * <p>A junction is what GraphHopper makes a graph node of (an OSM "tower" node): a crossing, a dead
 * end, or a node where two ways with different tags meet. Nodes that only shape a road are not
 * junctions. The generated count is within a few per cent of the target.
 *
 * @param targetJunctions         the number of junctions to aim for, at least 1,000
 * @param seed                    the seed; the same seed and parameters give a byte-identical file
 * @param junctionsPerKm2         average junction density, which fixes the area (the default 20 gives
 *                                England-like built-up land of about 13%)
 * @param urbanShare              share of the junctions inside settlements, in (0, 1)
 * @param motorwayJunctionSpacingKm mean distance between motorway junctions along a motorway
 * @param centreLatitude          latitude of the centre of the area, degrees
 * @param centreLongitude         longitude of the centre of the area, degrees
 */
public record NetworkSpec(
        int targetJunctions,
        long seed,
        double junctionsPerKm2,
        double urbanShare,
        double motorwayJunctionSpacingKm,
        double centreLatitude,
        double centreLongitude) {

    /** Default density: junctions per km² (about 13% of the land is then built up, as in England). */
    public static final double DEFAULT_JUNCTIONS_PER_KM2 = 20.0;
    /** Default share of junctions in settlements. */
    public static final double DEFAULT_URBAN_SHARE = 0.7;
    /** Default mean spacing of motorway junctions, km. */
    public static final double DEFAULT_MOTORWAY_JUNCTION_SPACING_KM = 10.0;

    /** Validates every parameter. */
    public NetworkSpec {
        if (targetJunctions < 1_000 || targetJunctions > 50_000_000)
            throw new IllegalArgumentException("targetJunctions must be in [1000, 50000000], was " + targetJunctions);
        if (!(junctionsPerKm2 >= 1 && junctionsPerKm2 <= 500))
            throw new IllegalArgumentException("junctionsPerKm2 must be in [1, 500], was " + junctionsPerKm2);
        if (!(urbanShare > 0.05 && urbanShare < 0.95))
            throw new IllegalArgumentException("urbanShare must be in (0.05, 0.95), was " + urbanShare);
        if (!(motorwayJunctionSpacingKm >= 2 && motorwayJunctionSpacingKm <= 100))
            throw new IllegalArgumentException(
                    "motorwayJunctionSpacingKm must be in [2, 100], was " + motorwayJunctionSpacingKm);
        if (!(Math.abs(centreLatitude) <= 70))
            throw new IllegalArgumentException("centreLatitude must be within ±70 degrees, was " + centreLatitude);
        if (!(Math.abs(centreLongitude) <= 180))
            throw new IllegalArgumentException("centreLongitude must be within ±180 degrees, was " + centreLongitude);
    }

    /** The defaults (a UK-like area centred on 53.0 N, 1.5 W) for this size and seed. */
    public static NetworkSpec of(int targetJunctions, long seed) {
        return new NetworkSpec(
                targetJunctions,
                seed,
                DEFAULT_JUNCTIONS_PER_KM2,
                DEFAULT_URBAN_SHARE,
                DEFAULT_MOTORWAY_JUNCTION_SPACING_KM,
                53.0,
                -1.5);
    }

    /** Side of the square area, metres. */
    double sideMetres() {
        return Math.sqrt(targetJunctions / junctionsPerKm2) * 1000.0;
    }
}
