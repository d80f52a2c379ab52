package org.bluelamp.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this engine a replica of the force's state: follows the change stream
 * ({@code bl:{F}:changes}) and the fix journal ({@code bl:{F}:fixes}) with its own cursors (plain
 * {@code XREAD BLOCK}, so every instance reads every entry) and applies what other instances
 * committed and journaled. Changes are applied by record version ({@link DurableFleet}), so an
 * instance's own changes, already in memory, change nothing; fixes journaled by this instance are
 * skipped, others' go to the fleet on the intake thread (a fix the fleet holds already is a
 * duplicate).
 *
 * <p>A replica that was disconnected goes on from its cursors when Redis returns; one whose cursor
 * fell behind the change stream's trimmed start reloads every record ({@link StoreLoader}).
 * Every second it writes its cursors and how far behind it is to {@code bl:{F}:replicas}.
 *
 * <p>Thread-safety: one thread of its own; the counters are readable from any thread.
 */
public final class StoreFollower implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreFollower.class);
    private static final int COUNT = 500;
    private static final long BLOCK_MILLIS = RedisLink.BLOCKING_READ_MILLIS;

    private final RedisLink link;
    private final DurableFleet durable;
    private final FleetState fleet;
    private final Predicate<Runnable> intake;
    private final Thread thread;
    private final AtomicLong changesApplied = new AtomicLong();
    private final AtomicLong fixesApplied = new AtomicLong();
    private final AtomicLong fixesUnknownUnit = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();
    private volatile String changesCursor;
    private volatile String fixesCursor;
    private volatile long lastReadMillis = System.currentTimeMillis();
    private volatile long behindMillis;
    private volatile long lastEntryLagMillis;
    private volatile boolean closed;
    private long lastReportMillis;

    /**
     * Starts following from the given cursors (a {@link StoreLoader.Report}'s).
     *
     * @param intake queues a task on the fleet's fix writer thread; false when its queue is full
     */
    public StoreFollower(
            RedisLink link,
            DurableFleet durable,
            Predicate<Runnable> intake,
            String changesCursor,
            String fixesCursor) {
        this.link = link;
        this.durable = durable;
        this.fleet = durable.fleet();
        this.intake = intake;
        this.changesCursor = changesCursor;
        this.fixesCursor = fixesCursor;
        this.thread = Thread.ofPlatform().name("bluelamp-follower").daemon(true).unstarted(this::run);
        thread.start();
    }

    private void run() {
        Keys k = link.keys();
        boolean checkGap = false;
        while (!closed) {
            try {
                if (checkGap) {
                    catchUpAfterGap();
                    checkGap = false;
                }
                List<StreamMessage<String, String>> read = link.reader()
                        .xread(
                                XReadArgs.Builder.block(BLOCK_MILLIS).count(COUNT),
                                XReadArgs.StreamOffset.from(k.changes(), changesCursor),
                                XReadArgs.StreamOffset.from(k.fixes(), fixesCursor))
                        .toCompletableFuture()
                        .get(link.options().commandTimeout().toMillis() + BLOCK_MILLIS, TimeUnit.MILLISECONDS);
                long now = System.currentTimeMillis();
                lastReadMillis = now;
                link.succeeded();
                int changes = 0;
                int fixes = 0;
                String lastId = null;
                for (StreamMessage<String, String> m : read) {
                    lastId = m.getId();
                    if (m.getStream().equals(k.changes())) {
                        applyChange(m);
                        changesCursor = m.getId();
                        changes++;
                    } else {
                        applyFixes(m);
                        fixesCursor = m.getId();
                        fixes++;
                    }
                }
                if (lastId != null) {
                    lastEntryLagMillis = Math.max(0, now - idMillis(lastId));
                }
                behindMillis = (changes >= COUNT || fixes >= COUNT) && lastId != null ? lastEntryLagMillis : 0;
                report(now);
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                if (closed) {
                    return;
                }
                link.failed(e);
                behindMillis = System.currentTimeMillis() - lastReadMillis;
                checkGap = true;
                sleep(200);
            }
        }
    }

    private void applyChange(StreamMessage<String, String> m) {
        Map<String, String> body = m.getBody();
        String record = body.get("record");
        if (record == null) {
            return;
        }
        try {
            durable.applyRemote(record, body);
            changesApplied.incrementAndGet();
        } catch (IllegalStateException e) {
            LOG.error("change {} cannot be applied: {}", m.getId(), e.getMessage());
        }
    }

    private void applyFixes(StreamMessage<String, String> m) throws InterruptedException {
        Map<String, String> body = m.getBody();
        if (link.options().instance().equals(body.get("instance"))) {
            return; // journaled by this instance: the fleet has them
        }
        String text = body.get("fixes");
        if (text == null) {
            return;
        }
        FixBlock block = new FixBlock();
        JournalFormat.read(text, block);
        long entryMillis = idMillis(m.getId());
        Runnable task = () -> {
            block.applyTo(fleet, fixesApplied, fixesUnknownUnit);
            lastEntryLagMillis = Math.max(0, System.currentTimeMillis() - entryMillis);
        };
        while (!intake.test(task)) {
            if (closed) {
                return;
            }
            Thread.sleep(5); // the intake is full: wait, never drop a replicated fix
        }
    }

    /** After a failure: reload what the streams no longer hold past our cursors. */
    private void catchUpAfterGap() {
        Keys k = link.keys();
        String first = firstId(k.changes());
        if (first != null && !"0-0".equals(changesCursor) && compare(first, changesCursor) > 0) {
            LOG.warn(
                    "the change stream was trimmed past this replica's cursor {}: reloading every record",
                    changesCursor);
            String last = StoreLoader.lastId(link, k.changes());
            StoreLoader.loadRecords(link, durable, k.units(), true, false);
            StoreLoader.loadRecords(link, durable, k.incidents(), false, false);
            StoreLoader.loadConditions(link, durable);
            changesCursor = last;
            reloads.incrementAndGet();
        }
        String firstFix = firstId(k.fixes());
        if (firstFix != null && !"0-0".equals(fixesCursor) && compare(firstFix, fixesCursor) > 0) {
            String last = StoreLoader.lastId(link, k.fixes());
            Map<String, String> latest =
                    link.async().hgetall(k.latest()).toCompletableFuture().join();
            FixBlock block = new FixBlock();
            latest.forEach((unit, value) -> JournalFormat.readLatest(unit, value, block));
            while (!intake.test(() -> block.applyTo(fleet, fixesApplied, fixesUnknownUnit))) {
                sleep(5);
            }
            fixesCursor = last;
        }
    }

    private String firstId(String stream) {
        List<StreamMessage<String, String>> first = link.async()
                .xrange(stream, Range.create("-", "+"), Limit.from(1))
                .toCompletableFuture()
                .join();
        return first.isEmpty() ? null : first.get(0).getId();
    }

    private void report(long now) {
        if (now - lastReportMillis < 1_000) {
            return;
        }
        lastReportMillis = now;
        String value = "{\"changes\":\"" + changesCursor + "\",\"fixes\":\"" + fixesCursor + "\",\"at\":" + now
                + ",\"behindMillis\":" + behindMillis + "}";
        link.async().hset(link.keys().replicas(), link.options().instance(), value);
    }

    /** The change stream entry this replica has applied up to. */
    public String changesCursor() {
        return changesCursor;
    }

    /** The journal entry this replica has applied up to. */
    public String fixesCursor() {
        return fixesCursor;
    }

    /**
     * How far behind the streams this replica is, ms: 0 when its last read reached their end; the
     * age of the last entry read while it is working through a backlog; the time since its last
     * read while Redis cannot be reached.
     */
    public long behindMillis() {
        return closed ? 0 : link.isConnected() ? behindMillis : System.currentTimeMillis() - lastReadMillis;
    }

    /** Time from an entry's append to its application here, for the last entry applied, ms. */
    public long lastEntryLagMillis() {
        return lastEntryLagMillis;
    }

    public long changesApplied() {
        return changesApplied.get();
    }

    public long fixesApplied() {
        return fixesApplied.get();
    }

    /** Journaled fixes of units this replica does not know (yet). */
    public long fixesOfUnknownUnits() {
        return fixesUnknownUnit.get();
    }

    /** Full reloads after the change stream was trimmed past the cursor. */
    public long reloads() {
        return reloads.get();
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long idMillis(String streamId) {
        int dash = streamId.indexOf('-');
        return Long.parseLong(dash < 0 ? streamId : streamId.substring(0, dash));
    }

    /** Orders stream ids ({@code ms-seq}). */
    static int compare(String a, String b) {
        int c = Long.compare(idMillis(a), idMillis(b));
        if (c != 0) {
            return c;
        }
        return Long.compare(seq(a), seq(b));
    }

    private static long seq(String id) {
        int dash = id.indexOf('-');
        return dash < 0 ? 0 : Long.parseLong(id.substring(dash + 1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Fixes read from one journal entry, applied on the fix writer thread. */
    static final class FixBlock implements JournalFormat.FixReader {
        private final List<String> units = new ArrayList<>();
        private double[] v = new double[64 * 5];
        private long[] t = new long[64];
        private byte[] r = new byte[64];
        private int n;

        @Override
        public void fix(
                String unitId,
                double lat,
                double lon,
                long time,
                double acc,
                double speed,
                double heading,
                FixReason reason) {
            if (n == t.length) {
                t = java.util.Arrays.copyOf(t, n * 2);
                r = java.util.Arrays.copyOf(r, n * 2);
                v = java.util.Arrays.copyOf(v, n * 2 * 5);
            }
            units.add(unitId);
            int b = n * 5;
            v[b] = lat;
            v[b + 1] = lon;
            v[b + 2] = acc;
            v[b + 3] = speed;
            v[b + 4] = heading;
            t[n] = time;
            r[n] = (byte) reason.ordinal();
            n++;
        }

        void applyTo(FleetState fleet, AtomicLong applied, AtomicLong unknown) {
            FixReason[] reasons = FixReason.values();
            for (int i = 0; i < n; i++) {
                int index = fleet.indexOf(units.get(i));
                if (index < 0) {
                    unknown.incrementAndGet();
                    continue;
                }
                int b = i * 5;
                fleet.recordFix(index, v[b], v[b + 1], t[i], v[b + 2], v[b + 3], v[b + 4], reasons[r[i]]);
                applied.incrementAndGet();
            }
        }
    }
}
