package org.bluelamp.store;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionFields;
import org.bluelamp.conditions.ConditionsStore;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.input.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Road conditions kept in the state store ({@link StateStore}): with Redis, every closure and
 * slowdown added or removed is committed before the call is acknowledged, through the same
 * versioned, idempotent commit as every other change of state ({@link CommitScript}): the record
 * {@code bl:{F}:condition:<id>} (the condition's exact fields, {@link ConditionFields}, with who
 * added it and when) and the index {@code bl:{F}:conditions}. A removal writes the record again
 * marked {@code removed} (a tombstone with a higher version, so replicas and replays apply it
 * once, and the id may be added again later). At start {@link StoreLoader} reads every record;
 * {@link #load} then gives the conditions still in force or to come, and says in the log which
 * expired ones it leaves out. Records committed by other instances arrive through
 * {@link StoreFollower} ({@link #applyRemote}), and the listener given to {@link #onChange} (the
 * road conditions' reload) is told.
 *
 * <p>Ids stay unique across restarts and replicas: the store knows every record's version, live,
 * expired or removed, and a commit expecting another version than the store holds is refused
 * whole; an id another instance added meanwhile is then ALREADY_EXISTS.
 *
 * <p>Memory never goes back to an older record: a record this instance committed is held only if
 * memory holds no newer one by then (another instance may change the id right after the commit,
 * and the follower apply that change before the committing thread gets back; it applies each
 * change once, so an older record put over it would stay until the id changed again).
 *
 * <p>Thread-safety: safe from any thread. {@link #save} and {@link #delete} block until the store
 * confirms (call them off event loops: the {@code Roads} service runs them on the search pool);
 * listeners are called without any lock of this class held.
 */
public final class DurableConditions implements ConditionsStore {
    private static final Logger LOG = LoggerFactory.getLogger(DurableConditions.class);
    private static final int TRIES = 3;

    /** A record as held: the condition (null once removed) and the record's version. */
    private record Held(Condition condition, long version) {}

    private final StateStore store;
    private final InstantSource clock;
    private final Supplier<String> changeIds;
    /** Every record known, in the order added (a condition added again moves to the end). */
    private final Map<String, Held> byId = new LinkedHashMap<>();

    private final Set<String> expiryLogged = new HashSet<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param store where commits go
     * @param clock the engine clock (what has expired)
     * @param changeIds unique change ids (the durable fleet's)
     */
    DurableConditions(StateStore store, InstantSource clock, Supplier<String> changeIds) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changeIds = Objects.requireNonNull(changeIds, "changeIds");
    }

    @Override
    public List<Condition> load() {
        long now = clock.millis();
        List<Condition> out = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        synchronized (byId) {
            for (Held h : byId.values()) {
                Condition c = h.condition();
                if (c == null) {
                    continue;
                }
                if (c.endEpochMillis() <= now) {
                    if (expiryLogged.add(c.id() + "@" + h.version())) {
                        expired.add(
                                c.kind() + " " + c.id() + " (ended " + Instant.ofEpochMilli(c.endEpochMillis()) + ")");
                    }
                    continue;
                }
                out.add(c);
            }
        }
        if (!expired.isEmpty()) {
            LOG.info("{} stored road condition(s) expired and are left out: {}", expired.size(), expired);
        }
        return out;
    }

    @Override
    public void save(Condition condition) {
        save(condition, "engine:engine");
    }

    @Override
    public void save(Condition condition, String who) {
        String name = Keys.conditionRecord(condition.id());
        for (int tries = TRIES; tries > 0; tries--) {
            long v = version(condition.id());
            long now = clock.millis();
            Map<String, String> fields = new LinkedHashMap<>(ConditionFields.write(condition));
            fields.put("addedBy", who);
            fields.put("addedAt", Long.toString(now));
            fields.put("removed", "0");
            Commit c = Commit.builder(changeIds.get())
                    .record(name, v, fields)
                    .index(Commit.Index.CONDITIONS, now, condition.id())
                    .audit(AuditEntry.condition(true, now, who, condition.id(), condition.kind()))
                    .build();
            if (commit(c)) {
                // Only over an older record: between the commit and here the follower may have
                // applied another instance's newer record of this id (it applies each change once),
                // which putting ours now would replace with an older one, for good.
                putIfNewer(condition.id(), new Held(condition, v + 1));
                return;
            }
            Held found = refresh(name);
            if (found != null && found.condition() != null && found.condition().endEpochMillis() > now) {
                throw new BluelampException(
                        ErrorKind.ALREADY_EXISTS,
                        "id",
                        "id " + Echo.quote(condition.id())
                                + " was just given to another condition on another instance: remove it first or pick"
                                + " another id");
            }
        }
        throw conflictsKeptComing(condition.id());
    }

    @Override
    public boolean delete(String id) {
        return delete(id, "engine:engine");
    }

    @Override
    public boolean delete(String id, String who) {
        String name = Keys.conditionRecord(id);
        for (int tries = TRIES; tries > 0; tries--) {
            Held h;
            synchronized (byId) {
                h = byId.get(id);
            }
            if (h == null || h.condition() == null) {
                return false;
            }
            long now = clock.millis();
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("kind", h.condition().kind());
            fields.put("id", id);
            fields.put("removed", "1");
            fields.put("removedBy", who);
            fields.put("removedAt", Long.toString(now));
            Commit c = Commit.builder(changeIds.get())
                    .record(name, h.version(), fields)
                    .audit(AuditEntry.condition(
                            false, now, who, id, h.condition().kind()))
                    .build();
            if (commit(c)) {
                putIfNewer(id, new Held(null, h.version() + 1)); // only over an older record, as save
                return true;
            }
            refresh(name);
        }
        throw conflictsKeptComing(id);
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Commits; true when durable, false on a version conflict; UNAVAILABLE when the store is away. */
    private boolean commit(Commit c) {
        try {
            return store.commit(c).join().durable();
        } catch (CompletionException e) {
            if (e.getCause() instanceof BluelampException b) {
                throw b;
            }
            throw new BluelampException(
                    ErrorKind.UNAVAILABLE,
                    "",
                    "the state store did not keep the road condition: " + e.getCause() + "; nothing was changed",
                    e);
        }
    }

    /** Reads a record the store holds now and applies it; the record as held afterwards. */
    private Held refresh(String name) {
        Optional<Map<String, String>> found;
        try {
            found = store.readRecord(name).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof BluelampException b ? b : e;
        }
        found.ifPresent(this::applyRemote);
        String id = name.substring("condition:".length());
        synchronized (byId) {
            Held h = byId.get(id);
            if (found.isEmpty() && h != null && h.condition() == null) {
                byId.remove(id); // a removed record trimmed after the audit's retention: the id is free again
                return null;
            }
            return h;
        }
    }

    private BluelampException conflictsKeptComing(String id) {
        return new BluelampException(
                ErrorKind.UNAVAILABLE,
                "id",
                "road condition " + Echo.quote(id) + " kept changing on other instances while this change was made;"
                        + " nothing was changed: retry");
    }

    /**
     * Holds a record this instance committed, unless memory holds a newer one already (another
     * instance's, applied by the follower after the commit): memory never goes back to an older
     * version. A live condition goes to the end (the order added).
     */
    private void putIfNewer(String id, Held committed) {
        synchronized (byId) {
            Held h = byId.get(id);
            if (h != null && h.version() >= committed.version()) {
                return;
            }
            if (committed.condition() != null) {
                byId.remove(id);
            }
            byId.put(id, committed);
        }
    }

    private long version(String id) {
        synchronized (byId) {
            Held h = byId.get(id);
            return h == null ? 0 : h.version();
        }
    }

    /**
     * Applies a condition record read from the store (at start, from another instance, after a
     * conflict) when it is newer than the one held, and tells the listeners. A record that cannot
     * be read is logged and left out.
     */
    public void applyRemote(Map<String, String> fields) {
        String id = fields.get("id");
        long version;
        try {
            version = Long.parseLong(fields.getOrDefault("version", "0"));
        } catch (NumberFormatException e) {
            LOG.error("road condition record {} has no valid version; left out", id);
            return;
        }
        if (id == null) {
            LOG.error("road condition record without an id; left out");
            return;
        }
        Condition c = null;
        if (!"1".equals(fields.get("removed"))) {
            try {
                c = ConditionFields.read(fields);
            } catch (RuntimeException e) {
                LOG.error("road condition record {} cannot be read and is left out: {}", id, e.getMessage());
                return;
            }
        }
        synchronized (byId) {
            Held h = byId.get(id);
            if (h != null && h.version() >= version) {
                return;
            }
            if (c != null) {
                byId.remove(id); // added (again): at the end, in the order added
            }
            byId.put(id, new Held(c, version));
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /**
     * Forgets a removed record's tombstone the store no longer holds ({@link StoreTrimmer} deleted
     * it after the audit's retention), only if still that removed version: the id is free again.
     */
    void forgetRemoved(String id, long version) {
        synchronized (byId) {
            Held h = byId.get(id);
            if (h != null && h.condition() == null && h.version() == version) {
                byId.remove(id);
            }
        }
    }

    /** Records held (live, expired or removed), for tests and health. */
    int recordCount() {
        synchronized (byId) {
            return byId.size();
        }
    }
}
