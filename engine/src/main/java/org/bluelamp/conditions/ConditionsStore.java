package org.bluelamp.conditions;

import java.util.List;

/**
 * Where road conditions are kept beyond the memory of one engine: the seam for durable
 * conditions shared by replicas (a Redis store implements it; {@link InMemoryConditionsStore} is
 * the default). {@link RoadConditions} checks and resolves a condition first, then saves it here,
 * and only then puts it in force: a condition the store refuses is not applied at all.
 *
 * <p>Implementations must be thread-safe. {@link #save} and {@link #delete} return once the change
 * is durable (or throw); a store shared by replicas calls the listener given to
 * {@link #onChange} when another replica changed the conditions, and {@link RoadConditions}
 * then reloads them with {@link #load}.
 */
public interface ConditionsStore {
    /** Every condition kept, in the order they were added. */
    List<Condition> load();

    /**
     * Keeps a new condition (its id is not kept yet).
     *
     * @throws org.bluelamp.error.BluelampException UNAVAILABLE when it cannot be made durable
     */
    void save(Condition condition);

    /**
     * As {@link #save(Condition)}, saying who added it ({@code role:name}, e.g. {@code console:desk-3};
     * a durable store keeps it with the condition).
     */
    default void save(Condition condition, String who) {
        save(condition);
    }

    /**
     * Forgets a condition.
     *
     * @return whether it was kept
     * @throws org.bluelamp.error.BluelampException UNAVAILABLE when the change cannot be made durable
     */
    boolean delete(String id);

    /** As {@link #delete(String)}, saying who removed it ({@code role:name}). */
    default boolean delete(String id, String who) {
        return delete(id);
    }

    /** Registers a listener told when another process changed the conditions; in memory, never. */
    default void onChange(Runnable listener) {}
}
