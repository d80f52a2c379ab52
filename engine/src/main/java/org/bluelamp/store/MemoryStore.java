package org.bluelamp.store;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The store of an engine without Redis: every commit succeeds at once and nothing outlives the
 * process; the audit trail is kept in memory, the newest entries: at most the capacity given, and
 * at most {@link #AUDIT_BYTES_PER_ENTRY} bytes an entry on average (a recommendation of five
 * candidates encodes to about 300), encoded in one arena ({@link AuditLog}) so that a busy trail
 * costs the garbage collector nothing.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class MemoryStore implements StateStore {
    private final InstantSource clock;
    /** The encoded bytes allowed an entry on average, when the trail is full. */
    public static final int AUDIT_BYTES_PER_ENTRY = 512;

    private final AuditLog audit;
    private final AtomicLong commits = new AtomicLong();
    private long lastMillis;
    private long seq;

    /**
     * A memory store keeping the newest {@code auditCapacity} audit entries (fewer when they are
     * larger than {@link #AUDIT_BYTES_PER_ENTRY} bytes on average).
     */
    public MemoryStore(InstantSource clock, int auditCapacity) {
        this.clock = clock;
        this.audit = new AuditLog(auditCapacity, (int)
                Math.min(Integer.MAX_VALUE - 8, Math.max(1L << 20, (long) auditCapacity * AUDIT_BYTES_PER_ENTRY)));
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
        audit.append(entry, ms, seq);
    }

    @Override
    public CompletableFuture<List<AuditEntry>> readAudit(AuditQuery q) {
        AuditLog.Window window;
        synchronized (this) { // only the copy: appends (every recommendation) wait for nothing longer
            window = audit.window(q.fromMillis(), q.toMillis());
        }
        return CompletableFuture.completedFuture(window.read(q));
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
