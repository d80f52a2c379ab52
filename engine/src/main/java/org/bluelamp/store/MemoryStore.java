package org.bluelamp.store;

import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store of an engine without Redis: every commit succeeds at once and nothing outlives the
 * process; the audit trail is kept in memory, the newest {@link #capacity} entries.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class MemoryStore implements StateStore {
    private final InstantSource clock;
    private final int capacity;
    private final ArrayDeque<AuditEntry> audit = new ArrayDeque<>();
    private final AtomicLong commits = new AtomicLong();
    private long lastMillis;
    private long seq;

    /** A memory store keeping the newest {@code auditCapacity} audit entries. */
    public MemoryStore(InstantSource clock, int auditCapacity) {
        this.clock = clock;
        this.capacity = auditCapacity;
    }

    @Override
    public CompletableFuture<CommitResult> commit(Commit commit) {
        commits.incrementAndGet();
        for (AuditEntry e : commit.audit()) {
            appendAudit(e);
        }
        return CompletableFuture.completedFuture(CommitResult.COMMITTED);
    }

    @Override
    public CompletableFuture<Optional<Map<String, String>>> readRecord(String recordName) {
        return CompletableFuture.completedFuture(Optional.empty());
    }

    @Override
    public synchronized void appendAudit(AuditEntry entry) {
        long ms = Math.max(lastMillis, clock.millis());
        seq = ms == lastMillis ? seq + 1 : 0;
        lastMillis = ms;
        audit.addLast(entry.withId(ms + "-" + seq));
        while (audit.size() > capacity) {
            audit.removeFirst();
        }
    }

    @Override
    public synchronized CompletableFuture<List<AuditEntry>> readAudit(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>();
        for (AuditEntry e : audit) {
            if (e.atMillis() >= q.fromMillis() && e.atMillis() <= q.toMillis() && q.matches(e)) {
                out.add(e);
                if (out.size() >= q.max()) {
                    break;
                }
            }
        }
        return CompletableFuture.completedFuture(out);
    }

    @Override
    public boolean durable() {
        return false;
    }

    @Override
    public synchronized StoreStatus status() {
        return new StoreStatus(false, true, "memory", 0, "", commits.get(), 0, 0, 0);
    }

    @Override
    public void close() {}
}
