package org.bluelamp.bench.synth;

import java.util.SplittableRandom;

/**
 * Independent random streams derived from the seed, one per stage (and item), so stages do not
 * perturb each other. Stateless.
 */
final class Seeds {
    static final int SETTLEMENTS = 1;
    static final int TOWN = 2;
    static final int RURAL = 3;
    static final int HIERARCHY = 4;
    static final int MOTORWAY = 5;

    private Seeds() {}

    static SplittableRandom stream(long seed, int stage, long item) {
        return new SplittableRandom(mix(mix(seed ^ 0x5851F42D4C957F2DL) + stage * 0x9E3779B97F4A7C15L + item));
    }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
