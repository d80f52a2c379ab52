package org.bluelamp.fleet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The capability codes a force knows ({@code armed_response}, {@code dog}, ...), each given a bit
 * so that a unit's capabilities are one {@code long} mask that ranking can test without touching
 * objects: a unit has all of {@code required} when {@code (unitMask & required) == required}.
 *
 * <p>The defaults are {@link #DEFAULT_CODES}; a force adds its own by configuration
 * ({@link #withCodes}). Codes are lower-case snake case, at most {@value #MAX_CODES} per registry.
 * Unknown codes are refused with a message listing the known ones.
 *
 * <p>Thread-safety: immutable.
 */
public final class CapabilityRegistry {
    /** The most codes one registry holds (one bit each in a {@code long}). */
    public static final int MAX_CODES = 64;

    /** The codes every registry starts from. */
    public static final List<String> DEFAULT_CODES =
            List.of("armed_response", "dog", "roads_policing", "public_order", "advanced_driver", "first_aid");

    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    private static final CapabilityRegistry DEFAULTS = new CapabilityRegistry(DEFAULT_CODES);

    private final List<String> codes;
    private final Map<String, Integer> bitByCode;

    private CapabilityRegistry(Collection<String> codes) {
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String code : codes) {
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("capability code '" + code
                        + "' is not valid: use lower-case letters, digits and '_', starting with a letter");
            }
            unique.add(code);
        }
        if (unique.size() > MAX_CODES) {
            throw new IllegalArgumentException(
                    "capability codes: " + unique.size() + " given, at most " + MAX_CODES + " supported");
        }
        this.codes = List.copyOf(unique);
        Map<String, Integer> bits = new HashMap<>();
        for (int i = 0; i < this.codes.size(); i++) {
            bits.put(this.codes.get(i), i);
        }
        this.bitByCode = Map.copyOf(bits);
    }

    /** The default registry: {@link #DEFAULT_CODES}. */
    public static CapabilityRegistry defaults() {
        return DEFAULTS;
    }

    /** A registry of the defaults plus {@code extraCodes} (duplicates of defaults are ignored). */
    public static CapabilityRegistry withCodes(Collection<String> extraCodes) {
        List<String> all = new ArrayList<>(DEFAULT_CODES);
        all.addAll(extraCodes);
        return new CapabilityRegistry(all);
    }

    /** All known codes, defaults first, in bit order. */
    public List<String> codes() {
        return codes;
    }

    /** Whether {@code code} is known. */
    public boolean isKnown(String code) {
        return bitByCode.containsKey(code);
    }

    /**
     * The mask bit of {@code code}.
     *
     * @throws IllegalArgumentException if the code is not known
     */
    public long bit(String code) {
        Integer bit = bitByCode.get(code);
        if (bit == null) {
            throw new IllegalArgumentException("capability '" + code + "' is unknown; known capabilities are " + codes
                    + "; add it to the force's capability configuration");
        }
        return 1L << bit;
    }

    /**
     * The mask of a set of codes.
     *
     * @throws IllegalArgumentException naming the first unknown code
     */
    public long maskOf(Collection<String> capabilityCodes) {
        long mask = 0;
        for (String code : capabilityCodes) {
            mask |= bit(code);
        }
        return mask;
    }

    /** The codes whose bits are set in {@code mask}, sorted. */
    public Set<String> codesOf(long mask) {
        TreeSet<String> set = new TreeSet<>();
        for (int i = 0; i < codes.size(); i++) {
            if ((mask & (1L << i)) != 0) {
                set.add(codes.get(i));
            }
        }
        return Collections.unmodifiableSet(set);
    }

    @Override
    public String toString() {
        return "CapabilityRegistry" + codes;
    }
}
