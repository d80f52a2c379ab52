package org.bluelamp.store;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's connections to Redis (one server, or a Redis Cluster by its seed nodes), configured
 * for what the engine promises rather than Lettuce's defaults:
 *
 * <ul>
 *   <li><b>REJECT_COMMANDS while disconnected</b>: a command issued while the connection is down
 *       fails at once (Lettuce's default buffers it without bound and sends it on reconnect), so a
 *       change that cannot be made durable is refused, never acknowledged and lost;
 *   <li><b>a bounded request queue</b> ({@link StoreOptions#requestQueueSize()}): a command beyond
 *       it fails at once instead of filling memory;
 *   <li><b>a timeout on every command</b> ({@link StoreOptions#commandTimeout()});
 *   <li><b>replays are harmless</b>: commands in flight when a connection drops are sent again on
 *       reconnect (at least once), so every write of state is a script that checks the records'
 *       versions and a per-change marker ({@link CommitScript}), which a replay finds and leaves
 *       alone; journal entries carry fixes whose replay is a duplicate.
 * </ul>
 *
 * <p>Two connections: one shared, pipelined connection for every command (Lettuce writes commands
 * as they come and matches answers in order, so concurrent callers pipeline by themselves), and
 * one for the followers' blocking stream reads ({@code XREAD BLOCK}), which would otherwise hold
 * up everything behind them.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    /** How long a follower's blocking stream read waits for news (ms); its command timeout comes on top. */
    static final long BLOCKING_READ_MILLIS = 500;

    private final StoreOptions options;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, String> main;
    private final StatefulConnection<String, String> reader;
    private final RedisClusterAsyncCommands<String, String> async;
    private final RedisClusterAsyncCommands<String, String> readerAsync;
    private volatile long degradedSinceMillis;
    private volatile String lastError = "";

    private RedisLink(
            StoreOptions options,
            ClientResources resources,
            AbstractRedisClient client,
            StatefulConnection<String, String> main,
            StatefulConnection<String, String> reader) {
        this.options = options;
        this.resources = resources;
        this.client = client;
        this.main = main;
        this.reader = reader;
        this.async = commands(main);
        this.readerAsync = commands(reader);
    }

    /**
     * Connects (blocking: at start, never on an event loop).
     *
     * @throws BluelampException UNAVAILABLE naming {@code --redis} when Redis cannot be reached
     */
    public static RedisLink connect(StoreOptions options) {
        ClientResources resources = DefaultClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .build();
        AbstractRedisClient client = null;
        try {
            List<RedisURI> uris = options.redisUris();
            SocketOptions socket = SocketOptions.builder()
                    .connectTimeout(Duration.ofSeconds(2))
                    .keepAlive(true)
                    .build();
            long commandMillis = options.commandTimeout().toMillis();
            // a blocking XREAD waits up to BLOCKING_READ_MILLIS by design: its timeout is on top of that
            TimeoutOptions timeouts = TimeoutOptions.builder()
                    .timeoutCommands()
                    .timeoutSource(new TimeoutOptions.TimeoutSource() {
                        @Override
                        public long getTimeout(RedisCommand<?, ?, ?> command) {
                            return command.getType() == CommandType.XREAD
                                    ? commandMillis + BLOCKING_READ_MILLIS
                                    : commandMillis;
                        }
                    })
                    .build();
            StatefulConnection<String, String> main;
            StatefulConnection<String, String> reader;
            if (options.cluster()) {
                RedisClusterClient c = RedisClusterClient.create(resources, uris);
                c.setOptions(ClusterClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .requestQueueSize(options.requestQueueSize())
                        .timeoutOptions(timeouts)
                        .socketOptions(socket)
                        .pingBeforeActivateConnection(true)
                        .topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
                                .enablePeriodicRefresh(Duration.ofSeconds(30))
                                .enableAllAdaptiveRefreshTriggers()
                                .build())
                        .build());
                client = c;
                main = c.connect();
                reader = c.connect();
            } else {
                RedisClient c = RedisClient.create(resources, uris.get(0));
                c.setOptions(ClientOptions.builder()
                        .autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                        .requestQueueSize(options.requestQueueSize())
                        .timeoutOptions(timeouts)
                        .socketOptions(socket)
                        .pingBeforeActivateConnection(true)
                        .build());
                client = c;
                main = c.connect();
                reader = c.connect();
            }
            awaitOpen(main);
            awaitOpen(reader);
            if (main instanceof StatefulRedisClusterConnection<String, String> cm
                    && reader instanceof StatefulRedisClusterConnection<String, String> cr) {
                openEveryMaster(cm);
                openEveryMaster(cr);
            }
            return new RedisLink(options, resources, client, main, reader);
        } catch (RuntimeException e) {
            if (client != null) {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            resources.shutdown(0, 2, TimeUnit.SECONDS);
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "--redis",
                    "cannot reach Redis at " + options.describe() + ": " + rootMessage(e)
                            + " (the state cannot be loaded; start redis-server or correct --redis)",
                    e);
        }
    }

    /** Waits (at most 5 s) until a new connection is open and answers a PING. */
    private static void awaitOpen(StatefulConnection<String, String> c) {
        long end = System.nanoTime() + 5_000_000_000L;
        RuntimeException last = null;
        while (System.nanoTime() < end) {
            try {
                if (c.isOpen()) {
                    commands(c).ping().toCompletableFuture().get(2, TimeUnit.SECONDS);
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                last = new IllegalStateException(rootMessage(e), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting", e);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while connecting", e);
            }
        }
        throw last != null ? last : new IllegalStateException("the connection did not open within 5 s");
    }

    /**
     * Opens the connection to every master of a cluster now. Lettuce opens a node's connection
     * on its first command, and with {@code REJECT_COMMANDS} that first command is refused while
     * the connection is still being made: opened here, the first change of a force is not.
     */
    private static void openEveryMaster(StatefulRedisClusterConnection<String, String> c) {
        for (RedisClusterNode n : c.getPartitions()) {
            if (n.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                try {
                    // by address: routing by slot looks connections up by host and port, not node id
                    c.getConnectionAsync(n.getUri().getHost(), n.getUri().getPort())
                            .get(5, TimeUnit.SECONDS)
                            .async()
                            .ping()
                            .toCompletableFuture()
                            .get(5, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException(
                            "cannot open the connection to cluster node " + n.getUri() + ": " + rootMessage(e), e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while connecting", e);
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static RedisClusterAsyncCommands<String, String> commands(StatefulConnection<String, String> c) {
        if (c instanceof StatefulRedisClusterConnection<String, String> cc) {
            return cc.async();
        }
        return ((StatefulRedisConnection<String, String>) c).async();
    }

    /** The options this link was made with. */
    public StoreOptions options() {
        return options;
    }

    /** The force's keys. */
    public Keys keys() {
        return options.keys();
    }

    /** Commands on the shared, pipelined connection. */
    public RedisClusterAsyncCommands<String, String> async() {
        return async;
    }

    /** Commands on the followers' connection (blocking reads). */
    RedisClusterAsyncCommands<String, String> reader() {
        return readerAsync;
    }

    /**
     * Whether Redis can be reached now: the shared connection is open (Lettuce reconnects by
     * itself when it is not) and the last command on it did not fail for want of Redis.
     */
    public boolean isConnected() {
        return main.isOpen() && degradedSinceMillis == 0;
    }

    /** Since when Redis cannot be reached (ms since the epoch), or 0. */
    public long degradedSinceMillis() {
        return main.isOpen() || degradedSinceMillis != 0
                ? degradedSinceMillis
                : System.currentTimeMillis(); // closed, not yet noticed by a command
    }

    /** The last failure talking to Redis, or empty. */
    public String lastError() {
        return lastError;
    }

    /** Notes that a command reached Redis. */
    void succeeded() {
        if (degradedSinceMillis != 0) {
            LOG.info("Redis at {} answers again", options.describe());
            degradedSinceMillis = 0;
        }
    }

    /** Notes a failed command: a reply error is Redis's answer, anything else means it was not reached. */
    void failed(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        lastError = rootMessage(t);
        if (t instanceof io.lettuce.core.RedisCommandExecutionException) {
            return; // Redis answered (with an error): reachable
        }
        if (degradedSinceMillis == 0) {
            degradedSinceMillis = System.currentTimeMillis();
            LOG.warn(
                    "Redis at {} cannot be reached ({}): changes of state are refused, fixes are kept for the "
                            + "journal until it returns",
                    options.describe(),
                    lastError);
        }
    }

    /**
     * Runs a script by its SHA-1 ({@code EVALSHA}); when the server does not have it (a restarted
     * server, a new master) it is sent whole ({@code EVAL}), which also caches it.
     */
    <T> CompletableFuture<T> eval(Script script, ScriptOutputType type, String[] keys, String... args) {
        CompletableFuture<T> first =
                async.<T>evalsha(script.sha1(), type, keys, args).toCompletableFuture();
        return first.exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            String m = cause.getMessage();
            if (m != null && m.startsWith("NOSCRIPT")) {
                return async.<T>eval(script.text(), type, keys, args).toCompletableFuture();
            }
            return CompletableFuture.failedFuture(cause);
        });
    }

    /**
     * What each master says of {@code appendonly} ({@code CONFIG GET}); the node's address by its
     * answer. Blocking: at start only.
     */
    public Map<String, String> appendOnlyByNode() {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (main instanceof StatefulRedisClusterConnection<String, String> cc) {
            List<RedisClusterNode> nodes = new ArrayList<>();
            for (RedisClusterNode n : cc.getPartitions()) {
                if (n.is(RedisClusterNode.NodeFlag.UPSTREAM)) {
                    nodes.add(n);
                }
            }
            for (RedisClusterNode n : nodes) {
                Map<String, String> v = cc.getConnection(n.getNodeId()).sync().configGet("appendonly");
                out.put(n.getUri().getHost() + ":" + n.getUri().getPort(), v.getOrDefault("appendonly", "?"));
            }
        } else {
            Map<String, String> v =
                    ((StatefulRedisConnection<String, String>) main).sync().configGet("appendonly");
            out.put(options.describe(), v.getOrDefault("appendonly", "?"));
        }
        return out;
    }

    /** Warns once, at start, when a server of the store does not persist (appendonly no). */
    public void warnWithoutPersistence() {
        try {
            appendOnlyByNode().forEach((node, value) -> {
                if (!"yes".equalsIgnoreCase(value)) {
                    LOG.warn(
                            "Redis at {} has appendonly {}: acknowledged changes are lost if that server restarts; "
                                    + "set 'appendonly yes' (see the README, Durable state)",
                            node,
                            value);
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("cannot read Redis's appendonly setting (CONFIG GET refused?): {}", rootMessage(e));
        }
    }

    @Override
    public void close() {
        try {
            main.close();
            reader.close();
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            resources.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }

    /** A Lua script and its SHA-1. */
    record Script(String text, String sha1) {
        static Script of(String text) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
                return new Script(text, HexFormat.of().formatHex(d));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
