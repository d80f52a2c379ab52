package org.bluelamp.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;

/**
 * The store in Redis: commits through {@link CommitScript}, records read with {@code HGETALL},
 * the audit trail in the stream {@code bl:{F}:audit} ({@code XADD MINID ~} by the retention,
 * read with {@code XRANGE} by time window).
 *
 * <p>A commit that cannot reach Redis fails at once (the link rejects commands while
 * disconnected) or after the command timeout, as UNAVAILABLE with a message saying which: a
 * refused command was not applied; a timed-out one may have been, and a replica or the next
 * conflict check will bring it into memory.
 *
 * <p>Thread-safety: safe from any thread; one scheduler thread drains the audit backlog.
 */
public final class RedisStore implements StateStore {
    /**
     * How long after its time an audit entry may be written (its stream id) and still be found by
     * a time-window read: the backlog's write round is 50 ms; entries kept through a Redis outage
     * longer than this are found by windows reaching that far.
     */
    static final long AUDIT_WRITE_LAG_MILLIS = 600_000;

    /** Audit entries kept while Redis is away. */
    static final int AUDIT_BACKLOG = 100_000;

    private final RedisLink link;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final ArrayDeque<AuditEntry> auditBacklog = new ArrayDeque<>();
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong auditDropped = new AtomicLong();
    private boolean draining;

    /** A store on an open link. */
    public RedisStore(RedisLink link, InstantSource clock) {
        this.link = link;
        this.clock = clock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bluelamp-audit").daemon(true).factory());
        scheduler.scheduleWithFixedDelay(this::drainAudit, 50, 50, TimeUnit.MILLISECONDS);
    }

    /** The link. */
    public RedisLink link() {
        return link;
    }

    private long auditMinIdMillis() {
        return clock.millis() - link.options().auditRetention().toMillis();
    }

    @Override
    public CompletableFuture<CommitResult> commit(Commit commit) {
        CompletableFuture<CommitResult> out = new CompletableFuture<>();
        CompletableFuture<CommitResult> run;
        try {
            run = CommitScript.run(link, commit, auditMinIdMillis());
        } catch (RuntimeException e) {
            run = CompletableFuture.failedFuture(e);
        }
        run.whenComplete((r, e) -> {
            if (e == null) {
                link.succeeded();
                commits.incrementAndGet();
                out.complete(r);
            } else {
                link.failed(e);
                refused.incrementAndGet();
                out.completeExceptionally(notDurable(e));
            }
        });
        return out;
    }

    /** Why a change was not made durable, as UNAVAILABLE with what the caller should do. */
    private BluelampException notDurable(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (t instanceof RedisCommandTimeoutException) {
            return new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "",
                    "the state store (Redis) did not confirm this change within "
                            + link.options().commandTimeout().toMillis()
                            + " ms: it may or may not have been made; read the current state before retrying",
                    t);
        }
        return new BluelampException(
                ErrorKind.UNAVAILABLE,
                "",
                "the state store (Redis) cannot be reached (" + RedisLink.rootMessage(t)
                        + "): the change was not made and nothing was acknowledged; retry when /health shows the "
                        + "store connected",
                t);
    }

    @Override
    public CompletableFuture<Optional<Map<String, String>>> readRecord(String recordName) {
        return link.async()
                .hgetall(link.keys().record(recordName))
                .toCompletableFuture()
                .handle((m, e) -> {
                    if (e != null) {
                        link.failed(e);
                        throw new CompletionException(notDurable(e));
                    }
                    link.succeeded();
                    return m == null || m.isEmpty() ? Optional.<Map<String, String>>empty() : Optional.of(m);
                });
    }

    @Override
    public void appendAudit(AuditEntry entry) {
        synchronized (auditBacklog) {
            if (auditBacklog.size() >= AUDIT_BACKLOG) {
                auditBacklog.removeFirst();
                auditDropped.incrementAndGet();
            }
            auditBacklog.addLast(entry);
        }
    }

    /** Writes waiting audit entries, pipelined, in order; on failure keeps them for the next round. */
    private void drainAudit() {
        List<AuditEntry> batch = new ArrayList<>();
        synchronized (auditBacklog) {
            if (draining) {
                return;
            }
            for (int i = 0; i < 1000 && !auditBacklog.isEmpty(); i++) {
                batch.add(auditBacklog.pollFirst());
            }
            if (batch.isEmpty()) {
                return;
            }
            draining = true;
        }
        XAddArgs args = new XAddArgs()
                .minId(Long.toString(Math.max(0, auditMinIdMillis())))
                .approximateTrimming();
        List<CompletableFuture<String>> sent = new ArrayList<>(batch.size());
        for (AuditEntry a : batch) {
            sent.add(link.async()
                    .xadd(link.keys().audit(), args, AuditCodec.fields(a))
                    .toCompletableFuture());
        }
        List<AuditEntry> failed = new ArrayList<>();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).join();
                link.succeeded();
            } catch (RuntimeException e) {
                link.failed(e);
                failed.add(batch.get(i));
            }
        }
        synchronized (auditBacklog) {
            for (int i = failed.size() - 1; i >= 0; i--) {
                if (auditBacklog.size() >= AUDIT_BACKLOG) {
                    auditDropped.incrementAndGet();
                } else {
                    auditBacklog.addFirst(failed.get(i));
                }
            }
            draining = false;
        }
    }

    /** Waits until the audit backlog is written (tests); false if it was not within the time. */
    public boolean flushAudit(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            synchronized (auditBacklog) {
                if (auditBacklog.isEmpty() && !draining) {
                    return true;
                }
            }
            Thread.sleep(10);
        }
        return false;
    }

    @Override
    public CompletableFuture<List<AuditEntry>> readAudit(AuditQuery q) {
        List<AuditEntry> out = new ArrayList<>();
        return page(q, Range.Boundary.including(Long.toString(q.fromMillis())), out)
                // in the order things happened: a recommendation's entry waits in the backlog for
                // the next pipelined write, so an assignment committed meanwhile is written before
                // it; entries of one millisecond keep the order they were written in (a stable sort)
                .thenApply(list -> {
                    list.sort(java.util.Comparator.comparingLong(AuditEntry::atMillis));
                    return list;
                })
                .whenComplete((r, e) -> {
                    if (e != null) {
                        link.failed(e);
                    } else {
                        link.succeeded();
                    }
                });
    }

    private CompletableFuture<List<AuditEntry>> page(AuditQuery q, Range.Boundary<String> start, List<AuditEntry> out) {
        // an entry's stream id is when it was written, which can be a write round (or, after an
        // outage, the backlog's wait) after its time: read that far past the window, keep by time
        long end = q.toMillis() > Long.MAX_VALUE - AUDIT_WRITE_LAG_MILLIS
                ? Long.MAX_VALUE
                : q.toMillis() + AUDIT_WRITE_LAG_MILLIS;
        Range<String> range = Range.from(start, Range.Boundary.including(Long.toString(end)));
        return link.async()
                .xrange(link.keys().audit(), range, Limit.from(1000))
                .toCompletableFuture()
                .thenCompose(page -> {
                    for (StreamMessage<String, String> m : page) {
                        AuditEntry e = AuditCodec.parse(m.getId(), m.getBody());
                        if (e.atMillis() >= q.fromMillis() && e.atMillis() <= q.toMillis() && q.matches(e)) {
                            out.add(e);
                            if (out.size() >= q.max()) {
                                return CompletableFuture.completedFuture(out);
                            }
                        }
                    }
                    if (page.size() < 1000) {
                        return CompletableFuture.completedFuture(out);
                    }
                    return page(
                            q,
                            Range.Boundary.excluding(page.get(page.size() - 1).getId()),
                            out);
                });
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public StoreStatus status() {
        long backlog;
        synchronized (auditBacklog) {
            backlog = auditBacklog.size();
        }
        boolean up = link.isConnected();
        return new StoreStatus(
                true,
                up,
                link.options().describe(),
                up ? 0 : link.degradedSinceMillis(),
                link.lastError(),
                commits.get(),
                refused.get(),
                backlog,
                auditDropped.get());
    }

    @Override
    public void close() {
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        drainAudit();
    }
}
