package org.bluelamp.store;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * How the engine keeps its state in Redis ({@code serve --redis ...}). Bad values are refused at
 * once, naming the option.
 *
 * @param uris the Redis server ({@code redis://[:password@]host:port[/database]}, or
 *     {@code rediss://} for TLS), or several seed nodes of a Redis Cluster
 * @param cluster whether {@code uris} are the seed nodes of a Redis Cluster (always true with more
 *     than one)
 * @param keys the force whose keys this engine reads and writes ({@link Keys})
 * @param instance this engine's name among the replicas of the force: its stream positions are
 *     kept under it in {@code bl:{F}:replicas}
 * @param commandTimeout how long a command may take before the change it carries is refused as
 *     not durable (100 ms to 60 s)
 * @param requestQueueSize commands Lettuce may hold queued per connection (1,000 to 1,000,000);
 *     beyond it a command fails at once instead of filling memory
 * @param journalBatchFixes most fixes in one journal entry (1 to 10,000)
 * @param journalFlushMillis longest time an accepted fix waits before its batch is written (1 to
 *     1,000 ms)
 * @param journalMaxEntries the fix journal's length, in batches, trimmed approximately (XADD
 *     MAXLEN ~), 100 to 100,000,000
 * @param journalBacklogFixes fixes kept in memory while Redis is away, to be journaled when it
 *     returns; beyond it the oldest are dropped and counted (1,000 to 100,000,000)
 * @param changesMaxEntries the change stream's length (XADD MAXLEN ~); a replica further behind
 *     than this reloads every record instead (1,000 to 100,000,000)
 * @param auditRetention how long audit entries are kept (XADD MINID ~), 1 hour to 100 years
 *
 * <p>Thread-safety: immutable.
 */
public record StoreOptions(
        List<String> uris,
        boolean cluster,
        Keys keys,
        String instance,
        Duration commandTimeout,
        int requestQueueSize,
        int journalBatchFixes,
        int journalFlushMillis,
        long journalMaxEntries,
        long journalBacklogFixes,
        long changesMaxEntries,
        Duration auditRetention) {

    public StoreOptions {
        uris = List.copyOf(Objects.requireNonNull(uris, "uris"));
        if (uris.isEmpty()) {
            throw BluelampException.invalid("--redis", "--redis needs at least one redis://host:port");
        }
        for (String u : uris) {
            parse(u);
        }
        cluster = cluster || uris.size() > 1;
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(instance, "instance");
        if (!instance.matches("[A-Za-z0-9_.:-]{1,64}")) {
            throw BluelampException.invalid(
                    "--instance",
                    "--instance " + Echo.quote(instance) + " is not a name: 1 to 64 letters, digits, '_', '.', ':' "
                            + "or '-'");
        }
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.toMillis() < 100 || commandTimeout.toMillis() > 60_000) {
            throw BluelampException.invalid(
                    "--redis-timeout-millis",
                    "--redis-timeout-millis must be between 100 and 60000, got " + commandTimeout.toMillis());
        }
        check("--redis-queue", requestQueueSize, 1_000, 1_000_000);
        check("--journal-batch", journalBatchFixes, 1, 10_000);
        check("--journal-flush-millis", journalFlushMillis, 1, 1_000);
        check("--journal-max-entries", journalMaxEntries, 100, 100_000_000);
        check("--journal-backlog", journalBacklogFixes, 1_000, 100_000_000);
        check("--changes-max-entries", changesMaxEntries, 1_000, 100_000_000);
        Objects.requireNonNull(auditRetention, "auditRetention");
        if (auditRetention.compareTo(Duration.ofHours(1)) < 0 || auditRetention.toDays() > 36_500) {
            throw BluelampException.invalid(
                    "--audit-retention-days", "--audit-retention-days must be between 1/24 and 36500 days");
        }
    }

    /**
     * The defaults for a Redis at {@code uris} and a force: 2 s command timeout, 10,000 queued
     * commands, journal batches of at most 512 fixes flushed every 10 ms, 100,000 journal entries,
     * 1,000,000 fixes of backlog, 1,000,000 change entries, audit kept 400 days.
     */
    public static StoreOptions defaults(List<String> uris, String force, String instance) {
        return new StoreOptions(
                uris,
                false,
                new Keys(force),
                instance,
                Duration.ofSeconds(2),
                10_000,
                512,
                10,
                100_000,
                1_000_000,
                1_000_000,
                Duration.ofDays(400));
    }

    /** These options with another journal batching (tests and benchmarks). */
    public StoreOptions withJournal(int batchFixes, int flushMillis, long maxEntries, long backlogFixes) {
        return new StoreOptions(
                uris,
                cluster,
                keys,
                instance,
                commandTimeout,
                requestQueueSize,
                batchFixes,
                flushMillis,
                maxEntries,
                backlogFixes,
                changesMaxEntries,
                auditRetention);
    }

    /** These options with another command timeout and audit retention. */
    public StoreOptions withLimits(Duration timeout, Duration retention) {
        return new StoreOptions(
                uris,
                cluster,
                keys,
                instance,
                timeout,
                requestQueueSize,
                journalBatchFixes,
                journalFlushMillis,
                journalMaxEntries,
                journalBacklogFixes,
                changesMaxEntries,
                retention);
    }

    /** These options naming a Redis Cluster (with one seed node or more). */
    public StoreOptions asCluster() {
        return new StoreOptions(
                uris,
                true,
                keys,
                instance,
                commandTimeout,
                requestQueueSize,
                journalBatchFixes,
                journalFlushMillis,
                journalMaxEntries,
                journalBacklogFixes,
                changesMaxEntries,
                auditRetention);
    }

    /**
     * The Lettuce URIs. Their timeout bounds a connection's handshake (10 s, or the command timeout
     * if longer: a loaded machine can take a while to set up the first one); commands have their
     * own, {@link #commandTimeout()}.
     */
    List<RedisURI> redisUris() {
        Duration handshake =
                commandTimeout.compareTo(Duration.ofSeconds(10)) > 0 ? commandTimeout : Duration.ofSeconds(10);
        return uris.stream()
                .map(u -> {
                    RedisURI r = parse(u);
                    r.setTimeout(handshake);
                    return r;
                })
                .toList();
    }

    /** Where the store is, for logs and health: the URIs without passwords. */
    public String describe() {
        return String.join(",", uris.stream().map(u -> parse(u).toString()).toList())
                + (cluster ? " (cluster)" : "")
                + ", force " + keys.force();
    }

    private static RedisURI parse(String uri) {
        if (uri == null || !(uri.startsWith("redis://") || uri.startsWith("rediss://"))) {
            throw BluelampException.invalid(
                    "--redis",
                    "--redis " + Echo.quote(uri) + " is not a Redis URI: give redis://host:port (rediss:// for TLS; "
                            + "redis://:password@host:port/2 for a password and database 2)");
        }
        try {
            RedisURI r = RedisURI.create(uri);
            if (r.getHost() == null || r.getHost().isEmpty()) {
                throw new IllegalArgumentException("no host");
            }
            return r;
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid(
                    "--redis", "--redis " + Echo.quote(uri) + " is not a Redis URI: " + e.getMessage());
        }
    }

    private static void check(String option, long v, long min, long max) {
        if (v < min || v > max) {
            throw BluelampException.invalid(option, option + " must be between " + min + " and " + max + ", got " + v);
        }
    }
}
