package org.bluelamp.store;

/**
 * How the store is: for {@code /health} and metrics.
 *
 * @param durable whether changes reach storage beyond memory (false without {@code --redis})
 * @param connected whether the store can be reached now (always true in memory)
 * @param where where it is ({@code redis://host:port, force F}, or {@code memory})
 * @param degradedSinceMillis since when it cannot be reached (ms since the epoch), or 0
 * @param lastError the last failure talking to it, or empty
 * @param commits changes committed
 * @param commitsRefused changes refused because the store could not be reached in time
 * @param auditBacklog audit entries waiting for the store
 * @param auditDropped audit entries dropped because the backlog was full
 *
 * <p>Thread-safety: immutable.
 */
public record StoreStatus(
        boolean durable,
        boolean connected,
        String where,
        long degradedSinceMillis,
        String lastError,
        long commits,
        long commitsRefused,
        long auditBacklog,
        long auditDropped) {}
