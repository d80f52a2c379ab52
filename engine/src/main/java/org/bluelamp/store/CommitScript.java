package org.bluelamp.store;

import io.lettuce.core.ScriptOutputType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The one Lua script through which every change of state is written, atomically (a script runs
 * alone on its Redis) and idempotently:
 *
 * <ol>
 *   <li>if the change's marker {@code bl:{F}:done:<change>} exists, the change was committed
 *       before (this is Lettuce replaying a command after a reconnect, or a retry): answer
 *       {@code replayed} and write nothing;
 *   <li>if any record's {@code version} is not the one expected, answer {@code conflict} with
 *       the record's index and version, and write nothing;
 *   <li>otherwise write every record whole (the hash replaced: no field of an earlier version
 *       stays, e.g. the end of a closure added again without one) with its version plus one and
 *       the change id, append
 *       each to the change stream ({@code XADD MAXLEN ~}) for replicas, add the index entries,
 *       append the audit entries ({@code XADD MINID ~}: older entries than the retention go),
 *       set the change's marker for an hour, answer {@code ok}.
 * </ol>
 *
 * <p>Every key it touches carries the force's hash tag ({@link Keys}), so the script runs on one
 * node of a Redis Cluster.
 *
 * <p>Thread-safety: stateless.
 */
final class CommitScript {
    /** How long a change's marker is kept: far longer than any replay or retry. */
    static final long DONE_TTL_MILLIS = 3_600_000;

    static final RedisLink.Script SCRIPT = RedisLink.Script.of("""
            local changeId = ARGV[1]
            local instance = ARGV[2]
            if redis.call('EXISTS', KEYS[3]) == 1 then
              return {'replayed'}
            end
            local n = tonumber(ARGV[6])
            local p = 7
            local recs = {}
            for i = 1, n do
              local nf = tonumber(ARGV[p + 3])
              recs[i] = {KEYS[tonumber(ARGV[p])], tonumber(ARGV[p + 1]), ARGV[p + 2], p + 4, nf}
              p = p + 4 + 2 * nf
            end
            for i = 1, n do
              local found = tonumber(redis.call('HGET', recs[i][1], 'version') or '0')
              if found ~= recs[i][2] then
                return {'conflict', tostring(i - 1), tostring(found)}
              end
            end
            for i = 1, n do
              local r = recs[i]
              local fields = {}
              for j = 0, r[5] - 1 do
                fields[#fields + 1] = ARGV[r[4] + 2 * j]
                fields[#fields + 1] = ARGV[r[4] + 2 * j + 1]
              end
              local v = tostring(r[2] + 1)
              redis.call('DEL', r[1])
              redis.call('HSET', r[1], 'version', v, 'change', changeId, unpack(fields))
              redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[3], '*',
                'record', r[3], 'version', v, 'change', changeId, 'instance', instance, unpack(fields))
            end
            local ni = tonumber(ARGV[p])
            p = p + 1
            for i = 1, ni do
              redis.call('ZADD', KEYS[tonumber(ARGV[p])], ARGV[p + 1], ARGV[p + 2])
              p = p + 3
            end
            local na = tonumber(ARGV[p])
            p = p + 1
            for i = 1, na do
              local nf = tonumber(ARGV[p])
              local fields = {}
              for j = 1, 2 * nf do
                fields[j] = ARGV[p + j]
              end
              redis.call('XADD', KEYS[2], 'MINID', '~', ARGV[4], '*', unpack(fields))
              p = p + 1 + 2 * nf
            end
            redis.call('SET', KEYS[3], '1', 'PX', ARGV[5])
            return {'ok'}
            """);

    private CommitScript() {}

    /**
     * Runs the commit.
     *
     * @param auditMinIdMillis audit entries older than this (ms since the epoch) may be trimmed
     */
    static CompletableFuture<CommitResult> run(RedisLink link, Commit c, long auditMinIdMillis) {
        Keys k = link.keys();
        List<String> keys = new ArrayList<>();
        keys.add(k.changes());
        keys.add(k.audit());
        keys.add(k.done(c.changeId()));
        List<String> args = new ArrayList<>();
        args.add(c.changeId());
        args.add(link.options().instance());
        args.add(Long.toString(link.options().changesMaxEntries()));
        args.add(Long.toString(Math.max(0, auditMinIdMillis)));
        args.add(Long.toString(DONE_TTL_MILLIS));
        args.add(Integer.toString(c.records().size()));
        for (Commit.RecordWrite r : c.records()) {
            keys.add(k.record(r.name()));
            args.add(Integer.toString(keys.size())); // Lua's KEYS are 1-based
            args.add(Long.toString(r.expectedVersion()));
            args.add(r.name());
            args.add(Integer.toString(r.fields().size()));
            for (Map.Entry<String, String> f : r.fields().entrySet()) {
                args.add(f.getKey());
                args.add(f.getValue());
            }
        }
        args.add(Integer.toString(c.indexes().size()));
        for (Commit.IndexAdd i : c.indexes()) {
            keys.add(
                    switch (i.index()) {
                        case UNITS -> k.units();
                        case INCIDENTS -> k.incidents();
                        case CONDITIONS -> k.conditions();
                    });
            args.add(Integer.toString(keys.size()));
            args.add(Double.toString(i.score()));
            args.add(i.member());
        }
        args.add(Integer.toString(c.audit().size()));
        for (AuditEntry a : c.audit()) {
            Map<String, String> f = AuditCodec.fields(a);
            args.add(Integer.toString(f.size()));
            for (Map.Entry<String, String> e : f.entrySet()) {
                args.add(e.getKey());
                args.add(e.getValue());
            }
        }
        CompletableFuture<List<Object>> answer =
                link.eval(SCRIPT, ScriptOutputType.MULTI, keys.toArray(String[]::new), args.toArray(String[]::new));
        return answer.thenApply(CommitScript::result);
    }

    private static CommitResult result(List<Object> answer) {
        String what = String.valueOf(answer.get(0));
        return switch (what) {
            case "ok" -> CommitResult.COMMITTED;
            case "replayed" -> CommitResult.REPLAYED;
            case "conflict" ->
                new CommitResult(
                        CommitResult.Outcome.CONFLICT,
                        Integer.parseInt(String.valueOf(answer.get(1))),
                        Long.parseLong(String.valueOf(answer.get(2))));
            default -> throw new IllegalStateException("unexpected answer of the commit script: " + answer);
        };
    }
}
