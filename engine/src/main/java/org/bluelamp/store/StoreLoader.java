package org.bluelamp.store;

import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bluelamp.fleet.FleetState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds an engine's state from Redis at start (and a replica's after it fell too far behind):
 * every unit record in registration order, every incident, every road condition record, then the
 * journal's fixes of the last history window (so each unit gets its breadcrumb track back) and
 * each unit's newest journaled fix. Returns the stream positions it read up to, from which
 * {@link StoreFollower} goes on: changes committed meanwhile are applied again by version, which
 * changes nothing.
 *
 * <p>Thread-safety: blocking; call it on the thread that is the fleet's fix writer at the time
 * (at start: before the intake thread exists), never on an event loop.
 */
public final class StoreLoader {
    private static final Logger LOG = LoggerFactory.getLogger(StoreLoader.class);
    private static final int PIPELINE = 1_000;
    private static final int JOURNAL_PAGE = 200;

    /**
     * What a load found.
     *
     * @param units unit records applied
     * @param incidents incident records applied
     * @param conditions road condition records read (live, expired and removed ones)
     * @param journalEntries journal entries replayed
     * @param journalFixes fixes replayed from them
     * @param latestFixes newest fixes read from {@code bl:{F}:latest}
     * @param unknownUnitFixes fixes of units without a record (skipped)
     * @param changesCursor the change stream's last entry when the load began
     * @param fixesCursor the journal's last entry when the load began
     * @param millis how long it took
     */
    public record Report(
            int units,
            int incidents,
            int conditions,
            long journalEntries,
            long journalFixes,
            int latestFixes,
            long unknownUnitFixes,
            String changesCursor,
            String fixesCursor,
            long millis) {}

    private StoreLoader() {}

    /** Loads everything (see the class comment). */
    public static Report load(RedisLink link, DurableFleet durable) {
        long t0 = System.nanoTime();
        Keys k = link.keys();
        var redis = link.async();
        String changesCursor = lastId(link, k.changes());
        String fixesCursor = lastId(link, k.fixes());
        int units = loadRecords(link, durable, k.units(), true);
        int incidents = loadRecords(link, durable, k.incidents(), false);
        int conditions = loadConditions(link, durable);
        FleetState fleet = durable.fleet();
        FixReplay replay = new FixReplay(fleet);
        long journalEntries = 0;
        long since = System.currentTimeMillis() - fleet.options().history().maxAgeMillis();
        if (!"0-0".equals(fixesCursor)) {
            Range.Boundary<String> start = Range.Boundary.including(Long.toString(Math.max(0, since)));
            while (true) {
                List<StreamMessage<String, String>> page = redis.xrange(
                                k.fixes(),
                                Range.from(start, Range.Boundary.including(fixesCursor)),
                                Limit.from(JOURNAL_PAGE))
                        .toCompletableFuture()
                        .join();
                for (StreamMessage<String, String> m : page) {
                    String text = m.getBody().get("fixes");
                    if (text != null) {
                        JournalFormat.read(text, replay);
                    }
                    journalEntries++;
                }
                if (page.size() < JOURNAL_PAGE) {
                    break;
                }
                start = Range.Boundary.excluding(page.get(page.size() - 1).getId());
            }
        }
        long journalFixes = replay.applied + replay.unknown;
        Map<String, String> latest =
                redis.hgetall(k.latest()).toCompletableFuture().join();
        for (Map.Entry<String, String> e : latest.entrySet()) {
            JournalFormat.readLatest(e.getKey(), e.getValue(), replay);
        }
        link.succeeded();
        Report r = new Report(
                units,
                incidents,
                conditions,
                journalEntries,
                journalFixes,
                latest.size(),
                replay.unknown,
                changesCursor,
                fixesCursor,
                (System.nanoTime() - t0) / 1_000_000);
        LOG.info(
                "state loaded from Redis in {} ms: {} units, {} incidents, {} road condition records, {} journaled "
                        + "fixes in {} entries, {} latest positions",
                r.millis(),
                units,
                incidents,
                conditions,
                journalFixes,
                journalEntries,
                latest.size());
        return r;
    }

    /** The id of a stream's last entry, or {@code 0-0} when it is empty or missing. */
    static String lastId(RedisLink link, String stream) {
        List<StreamMessage<String, String>> last = link.async()
                .xrevrange(stream, Range.create("-", "+"), Limit.from(1))
                .toCompletableFuture()
                .join();
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    /** Reads every record an index names and applies it (pipelined); returns how many. */
    static int loadRecords(RedisLink link, DurableFleet durable, String index, boolean units) {
        Keys k = link.keys();
        List<String> ids =
                link.async().zrange(index, 0, -1).toCompletableFuture().join();
        int n = 0;
        for (int from = 0; from < ids.size(); from += PIPELINE) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + PIPELINE));
            List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>(chunk.size());
            for (String id : chunk) {
                String name = units ? Keys.unitRecord(id) : Keys.incidentRecord(id);
                reads.add(link.async().hgetall(k.record(name)).toCompletableFuture());
            }
            for (CompletableFuture<Map<String, String>> f : reads) {
                Map<String, String> fields = f.join();
                if (fields.isEmpty()) {
                    continue;
                }
                if (units) {
                    durable.applyRemoteUnit(UnitRecord.parse(fields)).join();
                } else {
                    durable.applyRemoteIncident(IncidentRecord.parse(fields)).join();
                }
                n++;
            }
        }
        return n;
    }

    /**
     * Deletes a removed road condition's record and index entry, only if it is still that removed
     * record (same {@code version}): another instance may have added the id again meanwhile.
     */
    static final RedisLink.Script TRIM_SCRIPT = RedisLink.Script.of("""
            if redis.call('HGET', KEYS[1], 'removed') == '1'
                and redis.call('HGET', KEYS[1], 'version') == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('ZREM', KEYS[2], ARGV[2])
              return 1
            end
            return 0
            """);

    /**
     * Reads every road condition record the index names, in the order they were added, into the
     * durable fleet's conditions (pipelined); returns how many. Records of conditions removed
     * longer ago than the audit's retention ({@link StoreOptions#auditRetention()}) are deleted
     * instead (their audit entries are gone too); the rest, removed ones included, are applied.
     */
    static int loadConditions(RedisLink link, DurableFleet durable) {
        Keys k = link.keys();
        long trimBefore =
                System.currentTimeMillis() - link.options().auditRetention().toMillis();
        List<String> ids =
                link.async().zrange(k.conditions(), 0, -1).toCompletableFuture().join();
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>(ids.size());
        for (String id : ids) {
            reads.add(link.async().hgetall(k.record(Keys.conditionRecord(id))).toCompletableFuture());
        }
        int n = 0;
        List<CompletableFuture<Long>> trims = new ArrayList<>();
        for (int i = 0; i < reads.size(); i++) {
            Map<String, String> fields = reads.get(i).join();
            if (fields.isEmpty()) {
                continue;
            }
            if (removedBefore(fields, trimBefore)) {
                String id = ids.get(i);
                trims.add(link.eval(
                        TRIM_SCRIPT,
                        io.lettuce.core.ScriptOutputType.INTEGER,
                        new String[] {k.record(Keys.conditionRecord(id)), k.conditions()},
                        fields.getOrDefault("version", ""),
                        id));
                continue;
            }
            durable.conditions().applyRemote(fields);
            n++;
        }
        long trimmed = 0;
        for (CompletableFuture<Long> t : trims) {
            trimmed += t.join();
        }
        if (trimmed > 0) {
            LOG.info("{} road condition record(s) removed before the audit's retention were deleted", trimmed);
        }
        return n;
    }

    /** Whether a condition record is a removal older than the time given. */
    static boolean removedBefore(Map<String, String> fields, long beforeMillis) {
        if (!"1".equals(fields.get("removed"))) {
            return false;
        }
        try {
            return Long.parseLong(fields.getOrDefault("removedAt", "")) < beforeMillis;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Applies journaled fixes to the fleet (on its fix writer thread). */
    static final class FixReplay implements JournalFormat.FixReader {
        private final FleetState fleet;
        long applied;
        long unknown;

        FixReplay(FleetState fleet) {
            this.fleet = fleet;
        }

        @Override
        public void fix(
                String unitId,
                double lat,
                double lon,
                long time,
                double acc,
                double speed,
                double heading,
                org.bluelamp.fleet.FixReason reason) {
            int index = fleet.indexOf(unitId);
            if (index < 0) {
                unknown++;
                return;
            }
            fleet.recordFix(index, lat, lon, time, acc, speed, heading, reason);
            applied++;
        }
    }
}
