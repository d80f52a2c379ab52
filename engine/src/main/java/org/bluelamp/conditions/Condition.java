package org.bluelamp.conditions;

import java.util.Set;
import org.bluelamp.road.TravelProfile;

/**
 * A road condition: a {@link Closure} (roads that may not be travelled) or a {@link Slowdown}
 * (roads slower than usual), with an id, a reason people read, the window in which it is in force
 * (it takes effect and expires by itself) and the travel profiles it applies to. Immutable.
 */
public sealed interface Condition permits Closure, Slowdown {
    /** No end: in force until removed. */
    long NO_END = Long.MAX_VALUE;

    /** Its id, unique among the conditions of a service (e.g. {@code C12}). */
    String id();

    /** Why, for people (e.g. "bridge shut after a collision"); may be empty. */
    String reason();

    /** When it takes effect, ms since the epoch (0: from the start). */
    long startEpochMillis();

    /** When it expires, ms since the epoch, after {@link #startEpochMillis}; {@link #NO_END} for never. */
    long endEpochMillis();

    /** The travel profiles it applies to (never empty). */
    Set<TravelProfile> profiles();

    /** {@code closure} or {@code slowdown}. */
    String kind();

    /** Whether it is in force at an instant: from its start (inclusive) to its end (exclusive). */
    default boolean inForceAt(long epochMillis) {
        return epochMillis >= startEpochMillis() && epochMillis < endEpochMillis();
    }

    default boolean appliesTo(TravelProfile profile) {
        return profiles().contains(profile);
    }

    /** A short label for reasons: {@code C12 (bridge shut)}, or the id alone without a reason. */
    default String label() {
        return reason().isEmpty() ? id() : id() + " (" + reason() + ")";
    }
}
