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
    private static final int JOURNAL_PAGE = 100;

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
        int units = loadRecords(link, durable, k.units(), true, true);
        int incidents = loadRecords(link, durable, k.incidents(), false, true);
        int conditions = loadConditions(link, durable);
        long recordsNanos = System.nanoTime() - t0;
        FleetState fleet = durable.fleet();
        // every unit is registered now: the replay finds them by id in place
        FixReplay replay = new FixReplay(fleet);
        CompletableFuture<Map<String, String>> latestRead =
                redis.hgetall(k.latest()).toCompletableFuture();
        long journalEntries = 0;
        long since = System.currentTimeMillis() - fleet.options().history().maxAgeMillis();
        if (!"0-0".equals(fixesCursor)) {
            Range.Boundary<String> end = Range.Boundary.including(fixesCursor);
            CompletableFuture<List<StreamMessage<String, String>>> next =
                    journalPage(link, Range.Boundary.including(Long.toString(Math.max(0, since))), end);
            while (next != null) {
                List<StreamMessage<String, String>> page = next.join();
                // the next page is read and decoded on the I/O thread while this one is replayed
                next = page.size() < JOURNAL_PAGE
                        ? null
                        : journalPage(
                                link,
                                Range.Boundary.excluding(
                                        page.get(page.size() - 1).getId()),
                                end);
                for (StreamMessage<String, String> m : page) {
                    String text = m.getBody().get("fixes");
                    if (text != null) {
                        JournalFormat.read(text, replay.units, replay);
                    }
                    journalEntries++;
                }
            }
        }
        long journalFixes = replay.applied + replay.unknown;
        long journalNanos = System.nanoTime() - t0 - recordsNanos;
        Map<String, String> latest = latestRead.join();
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
                "state loaded from Redis in {} ms (records {} ms, journal {} ms): {} units, {} incidents, {} road "
                        + "condition records, {} journaled fixes in {} entries, {} latest positions",
                r.millis(),
                recordsNanos / 1_000_000,
                journalNanos / 1_000_000,
                units,
                incidents,
                conditions,
                journalFixes,
                journalEntries,
                latest.size());
        return r;
    }

    private static CompletableFuture<List<StreamMessage<String, String>>> journalPage(
            RedisLink link, Range.Boundary<String> from, Range.Boundary<String> to) {
        return link.async()
                .xrange(link.keys().fixes(), Range.from(from, to), Limit.from(JOURNAL_PAGE))
                .toCompletableFuture();
    }

    /** The id of a stream's last entry, or {@code 0-0} when it is empty or missing. */
    static String lastId(RedisLink link, String stream) {
        List<StreamMessage<String, String>> last = link.async()
                .xrevrange(stream, Range.create("-", "+"), Limit.from(1))
                .toCompletableFuture()
                .join();
        return last.isEmpty() ? "0-0" : last.get(0).getId();
    }

    /**
     * Reads every record an index names and applies it (pipelined, the next batch read while one
     * is applied); returns how many. {@code atStart}: applied directly
     * ({@link DurableFleet#restoreUnit}), for a state rebuilt before anything else writes;
     * otherwise each under its record's key, after any change of it in flight.
     */
    static int loadRecords(RedisLink link, DurableFleet durable, String index, boolean units, boolean atStart) {
        List<String> ids =
                link.async().zrange(index, 0, -1).toCompletableFuture().join();
        int n = 0;
        List<CompletableFuture<Map<String, String>>> next = readRecords(link, ids, 0, units);
        for (int from = 0; from < ids.size(); from += PIPELINE) {
            List<CompletableFuture<Map<String, String>>> reads = next;
            next = from + PIPELINE < ids.size() ? readRecords(link, ids, from + PIPELINE, units) : List.of();
            for (CompletableFuture<Map<String, String>> f : reads) {
                Map<String, String> fields = f.join();
                if (fields.isEmpty()) {
                    continue;
                }
                if (units) {
                    UnitRecord rec = UnitRecord.parse(fields);
                    if (atStart) {
                        durable.restoreUnit(rec);
                    } else {
                        durable.applyRemoteUnit(rec).join();
                    }
                } else {
                    IncidentRecord rec = IncidentRecord.parse(fields);
                    if (atStart) {
                        durable.restoreIncident(rec);
                    } else {
                        durable.applyRemoteIncident(rec).join();
                    }
                }
                n++;
            }
        }
        return n;
    }

    /** Sends the reads of the records named by {@code ids[from, from + PIPELINE)} (pipelined). */
    private static List<CompletableFuture<Map<String, String>>> readRecords(
            RedisLink link, List<String> ids, int from, boolean units) {
        Keys k = link.keys();
        List<String> chunk = ids.subList(Math.min(from, ids.size()), Math.min(ids.size(), from + PIPELINE));
        List<CompletableFuture<Map<String, String>>> reads = new ArrayList<>(chunk.size());
        for (String id : chunk) {
            String name = units ? Keys.unitRecord(id) : Keys.incidentRecord(id);
            reads.add(link.async().hgetall(k.record(name)).toCompletableFuture());
        }
        return reads;
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

    /**
     * Applies journaled fixes to the fleet (on its fix writer thread): by index, the unit found in
     * place in the journal's text ({@link UnitIdLookup}), or by id for the latest positions.
     */
    static final class FixReplay implements JournalFormat.FixReader, JournalFormat.IndexedFixReader {
        private final FleetState fleet;
        final UnitIdLookup units;
        long applied;
        long unknown;

        FixReplay(FleetState fleet) {
            this.fleet = fleet;
            this.units = new UnitIdLookup(fleet);
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
            fix(fleet.indexOf(unitId), lat, lon, time, acc, speed, heading, reason);
        }

        @Override
        public void fix(
                int index,
                double lat,
                double lon,
                long time,
                double acc,
                double speed,
                double heading,
                org.bluelamp.fleet.FixReason reason) {
            if (index < 0) {
                unknown++;
                return;
            }
            fleet.recordFix(index, lat, lon, time, acc, speed, heading, reason);
            applied++;
        }
    }
}
