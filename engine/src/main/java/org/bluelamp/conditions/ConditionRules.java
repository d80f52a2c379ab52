package org.bluelamp.conditions;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;
import org.bluelamp.road.TravelProfile;

/**
 * The checks every condition passes, written once (the records' constructors and the readers of
 * the contract and of files call them): the id rule, a printable reason of at most
 * {@link #MAX_REASON_CHARS}, a window whose end is after its start, at least one known profile,
 * a slowdown factor in range. Errors name the field as the caller spelt it ({@link FieldNames}).
 * Stateless.
 */
public final class ConditionRules {
    /** The longest reason accepted. */
    public static final int MAX_REASON_CHARS = 200;
    /**
     * The smallest slowdown speed factor: a road slower than a twentieth of its usual speed is as
     * good as closed (close it instead). The largest is 1 (no change).
     */
    public static final double MIN_SPEED_FACTOR = 0.05;

    private ConditionRules() {}

    static String id(String id, FieldNames names) {
        return Ids.check(names.of("id"), id);
    }

    static String reason(String reason, FieldNames names) {
        if (reason == null) {
            return "";
        }
        String field = names.of("reason");
        if (reason.length() > MAX_REASON_CHARS) {
            throw BluelampException.invalid(
                    field, field + " " + Echo.quote(reason) + " is longer than " + MAX_REASON_CHARS + " characters");
        }
        for (int i = 0; i < reason.length(); i++) {
            if (Character.isISOControl(reason.charAt(i))) {
                throw BluelampException.invalid(
                        field, field + " " + Echo.quote(reason) + " contains a control character");
            }
        }
        return reason.strip();
    }

    static void window(long start, long end, FieldNames names) {
        if (start < 0) {
            throw BluelampException.invalid(
                    names.of("startEpochMillis"),
                    names.of("startEpochMillis") + " " + start + " is before 1970: give a time in ms since the epoch");
        }
        if (end <= start) {
            throw BluelampException.invalid(
                    names.of("endEpochMillis"),
                    names.of("endEpochMillis") + " " + end + " is not after " + names.of("startEpochMillis") + " "
                            + start + ": a condition must end after it starts (leave the end out for no end)");
        }
    }

    static Set<TravelProfile> profiles(Collection<TravelProfile> profiles, FieldNames names) {
        if (profiles == null || profiles.isEmpty()) {
            throw BluelampException.invalid(
                    names.of("profiles"),
                    names.of("profiles") + " is empty: name the travel profiles it applies to (" + knownProfiles()
                            + ")");
        }
        return Set.copyOf(EnumSet.copyOf(profiles));
    }

    /**
     * A profile named by the caller.
     *
     * @throws BluelampException INVALID_ARGUMENT naming {@code field} for an unknown name
     */
    public static TravelProfile profile(String name, String field) {
        return TravelProfile.find(name)
                .orElseThrow(() -> BluelampException.invalid(
                        field, field + " " + Echo.quote(name) + " is not a travel profile; known: " + knownProfiles()));
    }

    static String knownProfiles() {
        StringBuilder sb = new StringBuilder();
        for (TravelProfile p : TravelProfile.values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(p.profileName());
        }
        return sb.toString();
    }

    static double speedFactor(double factor, FieldNames names) {
        String field = names.of("speedFactor");
        if (!(factor >= MIN_SPEED_FACTOR && factor <= 1)) {
            throw BluelampException.invalid(
                    field,
                    field + " " + factor + " is outside " + MIN_SPEED_FACTOR + " to 1: it multiplies the road's speed "
                            + "(0.5 = half speed, twice the time); below " + MIN_SPEED_FACTOR
                            + " add a closure instead");
        }
        return factor;
    }
}
