package org.bluelamp.store;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where changes of state are made durable: Redis ({@link RedisStore}) or nowhere beyond memory
 * ({@link MemoryStore}, the engine without {@code --redis}). {@link DurableFleet} plans each change
 * against memory, commits it here, and applies it to memory only once the commit is durable.
 *
 * <p>Thread-safety: implementations are safe from any thread and never block the caller.
 */
public interface StateStore extends AutoCloseable {
    /** Commits a change; fails (UNAVAILABLE) when the store cannot be reached in time. */
    CompletableFuture<CommitResult> commit(Commit commit);

    /** The fields of a record as the store holds them now ({@code unit:AR21}), if it exists. */
    CompletableFuture<Optional<Map<String, String>>> readRecord(String recordName);

    /**
     * Appends an audit entry that is not part of a change (a recommendation served), without
     * waiting: entries wait in a bounded backlog while the store is away, and are counted when
     * dropped.
     */
    void appendAudit(AuditEntry entry);

    /** Reads audit entries, oldest first. */
    CompletableFuture<List<AuditEntry>> readAudit(AuditQuery query);

    /** Whether commits reach storage beyond this process's memory. */
    boolean durable();

    /** How the store is, for {@code /health} and metrics. */
    StoreStatus status();

    @Override
    void close();
}
