package org.bluelamp.store;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.tracking.AcceptedFixSink;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fix journal: every fix the intake accepted, written to the stream {@code bl:{F}:fixes} in
 * batches (one entry per batch, {@link JournalFormat}), trimmed to
 * {@link StoreOptions#journalMaxEntries()} entries ({@code XADD MAXLEN ~}); each unit's newest
 * journaled fix kept in the hash {@code bl:{F}:latest} and the geo set {@code bl:{F}:positions}.
 * One script per batch does all three atomically, and only moves a unit's latest position
 * forward in time (two replicas may journal fixes of one unit in any order).
 *
 * <p>The intake thread hands each accepted fix over ({@link #accepted}: a copy into the current
 * batch's arrays, no allocation, never waiting for Redis). The journal thread closes a batch when
 * it is full or {@link StoreOptions#journalFlushMillis()} old and writes it, with up to
 * {@link #MAX_IN_FLIGHT} batches in flight on the pipelined connection. While Redis is away the
 * batches wait in a backlog bounded by {@link StoreOptions#journalBacklogFixes()}; beyond it the
 * oldest are dropped and counted. They are written, in order, when Redis returns.
 *
 * <p>Fixes are not acknowledged after journaling (the intake acknowledges a fix once it is in the
 * fleet): a SIGKILL can lose the batches not yet written, at most a flush interval's worth while
 * Redis is up. A unit's next fix puts it right.
 *
 * <p>Thread-safety: {@link #accepted} from the intake thread only; the rest from any thread.
 */
public final class FixJournal implements AcceptedFixSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixJournal.class);

    /** Batches written at once. */
    static final int MAX_IN_FLIGHT = 8;

    /** Latitudes a geo set takes (Redis's web-mercator limit). */
    static final double MAX_GEO_LAT = 85.05112878;

    static final RedisLink.Script SCRIPT = RedisLink.Script.of("""
            local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*',
              'instance', ARGV[2], 'n', ARGV[3], 'fixes', ARGV[4])
            local m = tonumber(ARGV[5])
            local p = 6
            for i = 1, m do
              local unit = ARGV[p]
              local t = tonumber(ARGV[p + 1])
              local cur = redis.call('HGET', KEYS[2], unit)
              local newer = true
              if cur then
                local ct = tonumber(string.match(cur, '^(%-?%d+)'))
                if ct and ct >= t then newer = false end
              end
              if newer then
                redis.call('HSET', KEYS[2], unit, ARGV[p + 4])
                local lat = tonumber(ARGV[p + 3])
                if lat <= 85.05112878 and lat >= -85.05112878 then
                  redis.call('GEOADD', KEYS[3], ARGV[p + 2], ARGV[p + 3], unit)
                end
              end
              p = p + 5
            end
            return id
            """);

    private final RedisLink link;
    private final int batchFixes;
    private final long flushNanos;
    private final long maxBacklogFixes;
    private final Object lock = new Object();
    private final ArrayDeque<Batch> backlog = new ArrayDeque<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong inFlightFixes = new AtomicLong();
    private final AtomicLong journaled = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong entries = new AtomicLong();
    private final Thread thread;
    private Batch current;
    private long backlogFixes;
    private long retryAtNanos;
    private volatile boolean closed;

    /** Starts the journal thread. */
    public FixJournal(RedisLink link) {
        this.link = link;
        StoreOptions o = link.options();
        this.batchFixes = o.journalBatchFixes();
        this.flushNanos = o.journalFlushMillis() * 1_000_000L;
        this.maxBacklogFixes = o.journalBacklogFixes();
        this.current = new Batch(batchFixes);
        this.thread = Thread.ofPlatform().name("bluelamp-journal").daemon(true).unstarted(this::run);
        thread.start();
    }

    @Override
    public void accepted(
            int unitIndex,
            String unitId,
            double latDeg,
            double lonDeg,
            long positionTimeEpochMillis,
            double accuracyMetres,
            double speedMetresPerSecond,
            double headingDeg,
            FixReason reason) {
        synchronized (lock) {
            Batch b = current;
            if (b.n == 0) {
                b.startedNanos = System.nanoTime();
            }
            b.add(
                    unitId,
                    latDeg,
                    lonDeg,
                    positionTimeEpochMillis,
                    accuracyMetres,
                    speedMetresPerSecond,
                    headingDeg,
                    reason);
            if (b.n == batchFixes) {
                enqueue();
                lock.notifyAll();
            }
        }
    }

    /** Moves the current batch to the backlog (holding the lock); drops the oldest beyond the bound. */
    private void enqueue() {
        Batch b = current;
        current = new Batch(batchFixes);
        backlog.addLast(b);
        backlogFixes += b.n;
        while (backlogFixes > maxBacklogFixes && backlog.size() > 1) {
            Batch old = backlog.pollFirst();
            backlogFixes -= old.n;
            dropped.addAndGet(old.n);
        }
    }

    private void run() {
        while (!closed) {
            Batch next = null;
            synchronized (lock) {
                long now = System.nanoTime();
                if (current.n > 0 && (now - current.startedNanos >= flushNanos || closed)) {
                    enqueue();
                }
                if (!backlog.isEmpty() && inFlight.get() < MAX_IN_FLIGHT && now >= retryAtNanos) {
                    next = backlog.pollFirst();
                    backlogFixes -= next.n;
                }
                if (next == null) {
                    try {
                        lock.wait(Math.max(1, flushNanos / 2_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                    continue;
                }
            }
            send(next);
        }
    }

    private boolean hasWork() {
        synchronized (lock) {
            return current.n > 0 || !backlog.isEmpty() || inFlight.get() > 0;
        }
    }

    private void send(Batch b) {
        inFlight.incrementAndGet();
        inFlightFixes.addAndGet(b.n);
        CompletableFuture<String> f;
        try {
            f = write(b);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((id, e) -> {
            inFlight.decrementAndGet();
            if (e == null) {
                inFlightFixes.addAndGet(-b.n);
                link.succeeded();
                journaled.addAndGet(b.n);
                entries.incrementAndGet();
            } else {
                link.failed(e);
                synchronized (lock) {
                    backlog.addFirst(b); // again, first, when Redis answers
                    backlogFixes += b.n;
                    inFlightFixes.addAndGet(-b.n); // under the lock: pendingCount never misses them
                    retryAtNanos = System.nanoTime() + 200_000_000L;
                    lock.notifyAll();
                }
            }
        });
    }

    private CompletableFuture<String> write(Batch b) {
        StringBuilder text = new StringBuilder(b.n * 64);
        Map<String, Integer> newest = new HashMap<>();
        for (int i = 0; i < b.n; i++) {
            JournalFormat.appendLine(
                    text, b.units[i], b.lat[i], b.lon[i], b.time[i], b.acc[i], b.speed[i], b.heading[i], b.reason[i]);
            Integer j = newest.get(b.units[i]);
            if (j == null || b.time[j] < b.time[i]) {
                newest.put(b.units[i], i);
            }
        }
        String[] args = new String[5 + 5 * newest.size()];
        args[0] = Long.toString(link.options().journalMaxEntries());
        args[1] = link.options().instance();
        args[2] = Integer.toString(b.n);
        args[3] = text.toString();
        args[4] = Integer.toString(newest.size());
        int p = 5;
        for (int i : newest.values()) {
            args[p++] = b.units[i];
            args[p++] = Long.toString(b.time[i]);
            args[p++] = Double.toString(b.lon[i]);
            args[p++] = Double.toString(b.lat[i]);
            args[p++] = JournalFormat.latestValue(
                    b.lat[i], b.lon[i], b.time[i], b.acc[i], b.speed[i], b.heading[i], b.reason[i]);
        }
        Keys k = link.keys();
        return link.eval(SCRIPT, ScriptOutputType.VALUE, new String[] {k.fixes(), k.latest(), k.positions()}, args);
    }

    /** Fixes written to the journal. */
    public long journaledCount() {
        return journaled.get();
    }

    /** Fixes dropped because the backlog was full while Redis was away. */
    public long droppedCount() {
        return dropped.get();
    }

    /** Fixes accepted and not yet written: the current batch, the backlog and batches on their way to Redis. */
    public long pendingCount() {
        synchronized (lock) {
            return current.n + backlogFixes + inFlightFixes.get();
        }
    }

    /** Waits until everything accepted so far is written (tests, shutdown); false if not in time. */
    public boolean flush(long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < end) {
            synchronized (lock) {
                if (current.n > 0) {
                    current.startedNanos = 0; // due now
                    lock.notifyAll();
                }
            }
            if (!hasWork()) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    /** Writes what is pending (at most 5 s), then stops. */
    @Override
    public void close() {
        try {
            if (!flush(5_000)) {
                LOG.warn("{} fixes were not journaled before shutdown (Redis away?)", pendingCount());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        synchronized (lock) {
            lock.notifyAll();
        }
        try {
            thread.join(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A batch of fixes in primitive arrays. */
    private static final class Batch {
        final String[] units;
        final double[] lat;
        final double[] lon;
        final long[] time;
        final double[] acc;
        final double[] speed;
        final double[] heading;
        final FixReason[] reason;
        int n;
        long startedNanos;

        Batch(int capacity) {
            units = new String[capacity];
            lat = new double[capacity];
            lon = new double[capacity];
            time = new long[capacity];
            acc = new double[capacity];
            speed = new double[capacity];
            heading = new double[capacity];
            reason = new FixReason[capacity];
        }

        void add(String u, double la, double lo, long t, double a, double s, double h, FixReason r) {
            units[n] = u;
            lat[n] = la;
            lon[n] = lo;
            time[n] = t;
            acc[n] = a;
            speed[n] = s;
            heading[n] = h;
            reason[n] = r;
            n++;
        }
    }
}
