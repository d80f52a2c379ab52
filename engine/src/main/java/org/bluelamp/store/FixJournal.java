package org.bluelamp.store;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.XAddArgs;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
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
 * batches (one entry per batch, {@link JournalFormat}; a plain pipelined {@code XADD MAXLEN ~}
 * trimmed to {@link StoreOptions#journalMaxEntries()} entries); each unit's newest journaled fix
 * kept in the hash {@code bl:{F}:latest} and the geo set {@code bl:{F}:positions}, written at most
 * every {@link #LATEST_EVERY_MILLIS} ms with each unit's newest fix since the last write (one
 * script per write, which only moves a unit's latest position forward in time: two replicas may
 * journal fixes of one unit in any order).
 *
 * <p>Why: the journal used to update the hash and geo set for every fix inside the batch's script
 * (an HGET, HSET and GEOADD per fix, interpreted one by one in Redis's Lua), which held Redis at a
 * few thousand fixes/s on a loaded 2-core machine while intake accepted 49,000/s. Now the per-fix
 * cost in Redis is a share of one XADD, and the latest positions cost one update per unit per
 * interval, whatever the fix rate ({@code JournalRateProbe} measures it).
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
 * Redis is up, and the latest positions of the last interval (the journal has them; a restart
 * replays it). A unit's next fix puts it right.
 *
 * <p>Thread-safety: {@link #accepted} from the intake thread only; the rest from any thread. A
 * batch is counted in one place at every moment, so that {@link #flush} and {@link #pendingCount}
 * never miss it: taken from the backlog and counted in flight under one lock; once written,
 * counted as journaled (its units' latest fixes noted) before it leaves the in-flight counts; once
 * failed, back in the backlog before it leaves them ({@code FixJournalFlushTest}).
 */
public final class FixJournal implements AcceptedFixSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FixJournal.class);

    /** Batches written at once. */
    static final int MAX_IN_FLIGHT = 8;

    /** Latitudes a geo set takes (Redis's web-mercator limit). */
    static final double MAX_GEO_LAT = 85.05112878;

    /** Most often the latest positions are written: each unit's newest fix once per interval. */
    static final long LATEST_EVERY_MILLIS = 1_000;

    /**
     * Moves units' latest positions forward: {@code ARGV[1]} units, then five values each (unit,
     * time, lon, lat, latest value); one HMGET, HSET and GEOADD per 500 units, not one per fix.
     */
    static final RedisLink.Script LATEST_SCRIPT = RedisLink.Script.of("""
            local m = tonumber(ARGV[1])
            local first = 0
            while first < m do
              local last = math.min(m, first + 500)
              local names = {}
              for i = first, last - 1 do names[#names + 1] = ARGV[2 + 5 * i] end
              local cur = redis.call('HMGET', KEYS[1], unpack(names))
              local h = {}
              local g = {}
              for i = first, last - 1 do
                local p = 2 + 5 * i
                local c = cur[i - first + 1]
                local newer = true
                if c then
                  local ct = tonumber(string.match(c, '^(%-?%d+)'))
                  if ct and ct >= tonumber(ARGV[p + 1]) then newer = false end
                end
                if newer then
                  h[#h + 1] = ARGV[p]
                  h[#h + 1] = ARGV[p + 4]
                  local lat = tonumber(ARGV[p + 3])
                  if lat <= 85.05112878 and lat >= -85.05112878 then
                    g[#g + 1] = ARGV[p + 2]
                    g[#g + 1] = ARGV[p + 3]
                    g[#g + 1] = ARGV[p]
                  end
                end
              end
              if #h > 0 then redis.call('HSET', KEYS[1], unpack(h)) end
              if #g > 0 then redis.call('GEOADD', KEYS[2], unpack(g)) end
              first = last
            end
            return m
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
    private volatile long retryAtNanos;
    private volatile boolean closed;
    private volatile boolean flushRequested;
    private final Object latestLock = new Object();
    private final Map<String, LatestFix> latest = new HashMap<>();
    private boolean latestInFlight;
    private long latestDueNanos;

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
            writeLatest(flushRequested);
            Batch next = null;
            synchronized (lock) {
                long now = System.nanoTime();
                if (current.n > 0 && (now - current.startedNanos >= flushNanos || closed)) {
                    enqueue();
                }
                if (!backlog.isEmpty() && inFlight.get() < MAX_IN_FLIGHT && now >= retryAtNanos) {
                    next = backlog.pollFirst();
                    backlogFixes -= next.n;
                    // counted in flight under the lock that takes it from the backlog: counted
                    // after, a flush (or pendingCount) looking in between saw it nowhere
                    inFlight.incrementAndGet();
                    inFlightFixes.addAndGet(next.n);
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
            if (current.n > 0 || !backlog.isEmpty() || inFlight.get() > 0) {
                return true;
            }
        }
        return latestPending();
    }

    /** Writes a batch already counted in flight ({@link #run}); it leaves the count last. */
    private void send(Batch b) {
        CompletableFuture<String> f;
        try {
            f = write(b);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((id, e) -> {
            if (e == null) {
                link.succeeded();
                // Counted as journaled, and its units' latest fixes noted, before it leaves the
                // in-flight counts: a flush (hasWork) or pendingCount in between would otherwise
                // see it neither in flight nor written, nor its latest positions waiting.
                noteLatest(b);
                journaled.addAndGet(b.n);
                entries.incrementAndGet();
                inFlightFixes.addAndGet(-b.n);
                inFlight.decrementAndGet();
            } else {
                link.failed(e);
                synchronized (lock) {
                    backlog.addFirst(b); // again, first, when Redis answers
                    backlogFixes += b.n;
                    inFlightFixes.addAndGet(-b.n); // under the lock: pendingCount never misses them
                    inFlight.decrementAndGet(); // back in the backlog first: hasWork never misses it
                    retryAtNanos = System.nanoTime() + 200_000_000L;
                    lock.notifyAll();
                }
            }
        });
    }

    private CompletableFuture<String> write(Batch b) {
        StringBuilder text = new StringBuilder(b.n * 64);
        for (int i = 0; i < b.n; i++) {
            JournalFormat.appendLine(
                    text, b.units[i], b.lat[i], b.lon[i], b.time[i], b.acc[i], b.speed[i], b.heading[i], b.reason[i]);
        }
        Map<String, String> body = new LinkedHashMap<>(4);
        body.put("instance", link.options().instance());
        body.put("n", Integer.toString(b.n));
        body.put("fixes", text.toString());
        XAddArgs trim =
                XAddArgs.Builder.maxlen(link.options().journalMaxEntries()).approximateTrimming();
        return link.async().xadd(link.keys().fixes(), trim, body).toCompletableFuture();
    }

    /** Keeps each unit's newest fix of a written batch until the next latest-position write (journal thread). */
    private void noteLatest(Batch b) {
        synchronized (latestLock) {
            for (int i = 0; i < b.n; i++) {
                LatestFix cur = latest.get(b.units[i]);
                if (cur == null || cur.time < b.time[i]) {
                    latest.put(
                            b.units[i],
                            new LatestFix(
                                    b.units[i],
                                    b.lat[i],
                                    b.lon[i],
                                    b.time[i],
                                    b.acc[i],
                                    b.speed[i],
                                    b.heading[i],
                                    b.reason[i]));
                }
            }
        }
    }

    /** Writes the units' newest fixes noted since the last write, when due and none is on its way. */
    private void writeLatest(boolean now) {
        long t = System.nanoTime();
        List<LatestFix> due;
        synchronized (latestLock) {
            if (latestInFlight || latest.isEmpty() || (!now && t < latestDueNanos) || t < retryAtNanos) {
                return;
            }
            due = new ArrayList<>(latest.values());
            latest.clear();
            latestInFlight = true;
            latestDueNanos = t + LATEST_EVERY_MILLIS * 1_000_000L;
        }
        String[] args = new String[1 + 5 * due.size()];
        args[0] = Integer.toString(due.size());
        int p = 1;
        for (LatestFix f : due) {
            args[p++] = f.unit;
            args[p++] = Long.toString(f.time);
            args[p++] = Double.toString(f.lon);
            args[p++] = Double.toString(f.lat);
            args[p++] = JournalFormat.latestValue(f.lat, f.lon, f.time, f.acc, f.speed, f.heading, f.reason);
        }
        Keys k = link.keys();
        CompletableFuture<Object> f;
        try {
            f = link.eval(LATEST_SCRIPT, ScriptOutputType.INTEGER, new String[] {k.latest(), k.positions()}, args);
        } catch (RuntimeException e) {
            f = CompletableFuture.failedFuture(e);
        }
        f.whenComplete((r, e) -> {
            synchronized (latestLock) {
                if (e != null) {
                    for (LatestFix x : due) { // again when Redis answers, unless a newer fix came meanwhile
                        LatestFix cur = latest.get(x.unit);
                        if (cur == null || cur.time < x.time) {
                            latest.put(x.unit, x);
                        }
                    }
                }
                latestInFlight = false;
            }
            if (e != null) {
                link.failed(e);
            }
            synchronized (lock) {
                lock.notifyAll();
            }
        });
    }

    /** Whether latest positions wait to be written or are on their way. */
    private boolean latestPending() {
        synchronized (latestLock) {
            return latestInFlight || !latest.isEmpty();
        }
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
                }
                flushRequested = true;
                lock.notifyAll();
            }
            if (!hasWork()) {
                flushRequested = false;
                return true;
            }
            Thread.sleep(5);
        }
        flushRequested = false;
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

    /** A unit's newest journaled fix, waiting for the next latest-position write. */
    private record LatestFix(
            String unit,
            double lat,
            double lon,
            long time,
            double acc,
            double speed,
            double heading,
            FixReason reason) {}

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
