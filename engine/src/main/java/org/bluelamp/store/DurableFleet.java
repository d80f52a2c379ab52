package org.bluelamp.store;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.bluelamp.dispatch.Candidate;
import org.bluelamp.dispatch.IncidentRequest;
import org.bluelamp.dispatch.Recommendation;
import org.bluelamp.error.BluelampException;
import org.bluelamp.error.ErrorKind;
import org.bluelamp.fleet.DuplicateUnitException;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.StatusChange;
import org.bluelamp.fleet.Unit;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.input.Echo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every change of the fleet's durable state, made durable before it is applied to memory and
 * acknowledged: registrations, updates, status changes, assignments and incident closures; and
 * the incidents and assignments they produce.
 *
 * <h2>A change</h2>
 *
 * <ol>
 *   <li>holds the keys of the records it writes ({@link KeyedSequencer}): nothing else changes
 *       them until it is applied;
 *   <li>plans against memory with the fleet's own rules (a status transition the table forbids
 *       fails here, before anything is written);
 *   <li>commits the records whole, with the versions it expects, and its audit entries
 *       ({@link StateStore#commit}): atomically and idempotently;
 *   <li>on success applies the planned result to memory and completes; on a version conflict
 *       (another instance changed a record first) reads the record, applies it, and plans again
 *       (at most three times); when the store cannot be reached, fails UNAVAILABLE with nothing
 *       applied.
 * </ol>
 *
 * <p>A closure holds the keys of every unit the incident lists, not only of those memory has
 * assigned to it, and reads from the store the records of the listed units memory does not have
 * assigned there: another instance may have assigned one just before and this one not followed
 * it yet. When the incident, read again after a conflict, lists a unit the closure does not hold,
 * it goes again with it. (It closed with the units it had planned: a unit another instance had
 * just assigned stayed deployed to the closed incident for good.)
 *
 * <p>Road closures and slowdowns are changes of state too: {@link #conditions} commits them
 * through the same store, with change ids of this instance.
 *
 * <p>Changes made by other instances, and the state at start, come in through
 * {@link #applyRemoteUnit}, {@link #applyRemoteIncident} and {@link #applyRemote} (which also
 * takes condition records), under the same keys, applied only when
 * newer than what memory holds (by record version), so replaying them changes nothing. At start,
 * before anything else can write, {@link StoreLoader} applies the records it reads directly
 * (same rule, no sequencer).
 *
 * <p>Thread-safety: safe from any thread; never blocks (every method returns a future). A change's
 * continuation runs on the store's I/O thread or the caller's.
 */
public final class DurableFleet {
    private static final Logger LOG = LoggerFactory.getLogger(DurableFleet.class);
    private static final int TRIES = 3;
    private static final int RECENT_INCIDENTS = 10_000;

    private final FleetState fleet;
    private final StateStore store;
    private final InstantSource clock;
    private final String changePrefix;
    private final KeyedSequencer sequencer = new KeyedSequencer();
    private final IncidentBook incidents = new IncidentBook();
    private final ConcurrentHashMap<String, Long> versions = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> assignments = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> registeredAt = new ConcurrentHashMap<>();
    private final Map<String, IncidentRequest> recentRequests = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, IncidentRequest> eldest) {
            return size() > RECENT_INCIDENTS;
        }
    };
    private final AtomicLong changeSeq = new AtomicLong();
    private final LongAdder conflicts = new LongAdder();
    private final LongAdder remoteApplied = new LongAdder();
    private final DurableConditions conditions;
    private volatile FixJournal journal;
    private volatile StoreFollower follower;

    /**
     * @param fleet the fleet whose changes are made durable
     * @param store where they are made durable
     * @param clock the engine clock
     * @param instance this engine's name (part of every change id)
     */
    public DurableFleet(FleetState fleet, StateStore store, InstantSource clock, String instance) {
        this.fleet = Objects.requireNonNull(fleet, "fleet");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.changePrefix = instance + ":" + Long.toString(System.currentTimeMillis(), 36) + ":";
        this.conditions = new DurableConditions(store, clock, this::changeId);
    }

    /** An engine without Redis: changes are applied in memory at once; the audit trail in memory. */
    public static DurableFleet inMemory(FleetState fleet, InstantSource clock) {
        return new DurableFleet(fleet, new MemoryStore(clock, 100_000), clock, "memory");
    }

    public FleetState fleet() {
        return fleet;
    }

    public StateStore store() {
        return store;
    }

    /**
     * The road conditions kept in this store (durable with Redis): the
     * {@link org.bluelamp.conditions.ConditionsStore} of the engine's road conditions.
     */
    public DurableConditions conditions() {
        return conditions;
    }

    /** The incidents. */
    public IncidentBook incidents() {
        return incidents;
    }

    /** The incident a unit is assigned to, or null. */
    public String assignedIncident(String unitId) {
        return assignments.get(unitId);
    }

    /** Version conflicts met (another instance changed a record first). */
    public long conflictCount() {
        return conflicts.sum();
    }

    /** Records applied from the store (at start and from other instances). */
    public long remoteAppliedCount() {
        return remoteApplied.sum();
    }

    /** Attaches the journal and the follower whose state {@link #health} reports (either may be null). */
    public void attach(FixJournal fixJournal, StoreFollower storeFollower) {
        this.journal = fixJournal;
        this.follower = storeFollower;
    }

    /** The journal, if any. */
    public FixJournal journal() {
        return journal;
    }

    /** The follower, if any. */
    public StoreFollower follower() {
        return follower;
    }

    /**
     * Whether the engine is degraded: its store cannot be reached, so changes of state are refused
     * (recommendations and fixes go on from memory).
     */
    public boolean degraded() {
        return !store.status().connected();
    }

    private String changeId() {
        return changePrefix + changeSeq.incrementAndGet();
    }

    // ------------------------------------------------------------------ changes

    /**
     * Registers a unit.
     *
     * @return the unit registered
     * @throws DuplicateUnitException (in the future) when the id is taken here or in the store
     */
    public CompletableFuture<Unit> register(UnitSpec spec, StatusChange status, AuditEntry.Actor who) {
        String name = Keys.unitRecord(spec.id());
        return sequencer.run(
                List.of(name),
                () -> attempt(TRIES, () -> {
                    if (fleet.findUnit(spec.id()).isPresent()) {
                        throw new DuplicateUnitException(spec.id());
                    }
                    fleet.options().capabilities().maskOf(spec.capabilities()); // unknown capability: before writing
                    long now = clock.millis();
                    UnitRecord rec = new UnitRecord(spec, status, "", now, 1);
                    Commit c = Commit.builder(changeId())
                            .record(name, 0, rec.fields())
                            .index(Commit.Index.UNITS, now, spec.id())
                            .audit(entry(AuditEntry.Kind.REGISTRATION, who, "", spec.id(), "", status, now))
                            .build();
                    return new Plan<>(c, () -> {
                        Unit u = fleet.register(spec, status);
                        registeredAt.put(spec.id(), now);
                        versions.put(name, 1L);
                        return u;
                    });
                }));
    }

    /** Replaces a unit's description; its status, position and history stay. */
    public CompletableFuture<Unit> update(UnitSpec spec, AuditEntry.Actor who) {
        String name = Keys.unitRecord(spec.id());
        return sequencer.run(
                List.of(name),
                () -> attempt(TRIES, () -> {
                    fleet.getUnit(spec.id());
                    fleet.options().capabilities().maskOf(spec.capabilities());
                    StatusChange status = fleet.getStatus(spec.id());
                    long v = version(name);
                    long now = clock.millis();
                    UnitRecord rec =
                            new UnitRecord(spec, status, assignedOrEmpty(spec.id()), registered(spec.id()), v + 1);
                    Commit c = Commit.builder(changeId())
                            .record(name, v, rec.fields())
                            .audit(entry(
                                    AuditEntry.Kind.UPDATE, who, assignedOrEmpty(spec.id()), spec.id(), "", null, now))
                            .build();
                    return new Plan<>(c, () -> {
                        Unit u = fleet.updateSpec(spec);
                        versions.put(name, v + 1);
                        return u;
                    });
                }));
    }

    /**
     * Changes a unit's status by the fleet's rules ({@link FleetState#setStatus}). A unit leaving
     * deployed statuses is released from its incident.
     *
     * @return the status afterwards (the current one, unwritten, when nothing changes)
     */
    public CompletableFuture<StatusChange> setStatus(
            String unitId, UnitStatus status, String grade, long timeEpochMillis, AuditEntry.Actor who) {
        String name = Keys.unitRecord(unitId);
        return sequencer.run(
                List.of(name),
                () -> attempt(TRIES, () -> {
                    StatusChange current = fleet.getStatus(unitId);
                    StatusChange next = plan(unitId, status, grade, timeEpochMillis);
                    if (next == current) {
                        return Plan.unchanged(() -> current);
                    }
                    String incident = next.status().isDeployed() ? assignedOrEmpty(unitId) : "";
                    long v = version(name);
                    UnitRecord rec =
                            new UnitRecord(fleet.getUnit(unitId).spec(), next, incident, registered(unitId), v + 1);
                    Commit c = Commit.builder(changeId())
                            .record(name, v, rec.fields())
                            .audit(entry(
                                    AuditEntry.Kind.STATUS,
                                    who,
                                    incident,
                                    unitId,
                                    current.status(),
                                    next,
                                    clock.millis()))
                            .build();
                    return new Plan<>(c, () -> {
                        fleet.restoreStatus(unitId, next);
                        assign(unitId, incident);
                        versions.put(name, v + 1);
                        return next;
                    });
                }));
    }

    /**
     * An assignment: a unit sent to an incident.
     *
     * @param incidentId the incident
     * @param unitId the unit
     * @param change the unit's new status (deployed) with the incident's grade
     * @param location where the incident is, or null (then the last recommendation for the
     *     incident's id gives it, if any)
     * @param incidentType its type, or empty
     */
    public record Assignment(
            String incidentId, String unitId, StatusChange change, GeoPoint location, String incidentType) {}

    /**
     * Assigns a unit: its status changes as the assignment says, and the incident is opened (its
     * first assignment) or updated (grade, units).
     *
     * @return the incident afterwards
     */
    public CompletableFuture<IncidentRecord> assign(Assignment a, AuditEntry.Actor who) {
        String unitName = Keys.unitRecord(a.unitId());
        String incidentName = Keys.incidentRecord(a.incidentId());
        return sequencer.run(
                List.of(unitName, incidentName),
                () -> attempt(TRIES, () -> {
                    StatusChange current = fleet.getStatus(a.unitId());
                    StatusChange change = a.change();
                    StatusChange next =
                            plan(a.unitId(), change.status(), change.committedGrade(), change.timeEpochMillis());
                    IncidentRecord inc = incidents.find(a.incidentId()).orElse(null);
                    if (inc != null && !inc.isOpen()) {
                        throw new BluelampException(
                                ErrorKind.FAILED_PRECONDITION,
                                "incident_id",
                                "incident " + Echo.quote(a.incidentId()) + " was closed at " + inc.closedAtMillis()
                                        + ": give a new incident id");
                    }
                    long now = clock.millis();
                    long uv = version(unitName);
                    long iv = version(incidentName);
                    GeoPoint at = a.location();
                    String type = a.incidentType();
                    IncidentRequest seen = recent(a.incidentId());
                    if (at == null && seen != null) {
                        at = seen.location();
                    }
                    if ((type == null || type.isEmpty()) && seen != null) {
                        type = seen.incidentType();
                    }
                    double lat = at == null ? Double.NaN : at.latDeg();
                    double lon = at == null ? Double.NaN : at.lonDeg();
                    String grade = next.committedGrade() == null ? "" : next.committedGrade();
                    IncidentRecord.Assigned assigned = new IncidentRecord.Assigned(
                            a.unitId(), now, next.status().name());
                    IncidentRecord nextInc = inc == null
                            ? new IncidentRecord(
                                    a.incidentId(), lat, lon, grade, type, now, 0, List.of(assigned), iv + 1)
                            : inc.withAssignment(assigned, grade, lat, lon, type, iv + 1);
                    UnitRecord rec = new UnitRecord(
                            fleet.getUnit(a.unitId()).spec(), next, a.incidentId(), registered(a.unitId()), uv + 1);
                    Commit.Builder c = Commit.builder(changeId())
                            .record(unitName, uv, rec.fields())
                            .record(incidentName, iv, nextInc.fields())
                            .audit(entry(
                                    AuditEntry.Kind.ASSIGNMENT,
                                    who,
                                    a.incidentId(),
                                    a.unitId(),
                                    current.status(),
                                    next,
                                    now));
                    if (inc == null) {
                        c.index(Commit.Index.INCIDENTS, now, a.incidentId());
                    }
                    return new Plan<>(c.build(), () -> {
                        fleet.restoreStatus(a.unitId(), next);
                        assign(a.unitId(), a.incidentId());
                        incidents.put(nextInc);
                        versions.put(unitName, uv + 1);
                        versions.put(incidentName, iv + 1);
                        return nextInc;
                    });
                }));
    }

    /**
     * A closed incident and the units its closure released.
     *
     * @param incident the incident, closed
     * @param releasedUnitIds the units that were still assigned to it and are now AVAILABLE
     */
    public record Closure(IncidentRecord incident, List<String> releasedUnitIds) {}

    /**
     * Closes an incident: every unit still assigned to it becomes AVAILABLE. Closing a closed
     * incident changes nothing and answers it as it is (a retried closure is harmless).
     *
     * @throws BluelampException (in the future) NOT_FOUND for an unknown incident
     */
    public CompletableFuture<Closure> close(String incidentId, AuditEntry.Actor who) {
        return close(incidentId, who, TRIES);
    }

    private CompletableFuture<Closure> close(String incidentId, AuditEntry.Actor who, int tries) {
        // Every unit the incident lists is held and, unless memory has it assigned here, read from
        // the store first: another instance may have assigned it and this one not followed yet.
        List<String> assigned = unitsAssignedTo(incidentId);
        List<String> held = union(assigned, listedUnits(incidentId));
        List<String> keys = new ArrayList<>();
        keys.add(Keys.incidentRecord(incidentId));
        held.forEach(u -> keys.add(Keys.unitRecord(u)));
        CompletableFuture<Optional<Closure>> done = sequencer.run(keys, () -> {
            List<String> unsure = new ArrayList<>(held);
            unsure.removeAll(assigned);
            return refreshUnits(unsure).thenCompose(v -> {
                if (!held.containsAll(unitsAssignedTo(incidentId))) {
                    return CompletableFuture.completedFuture(Optional.<Closure>empty()); // assigned meanwhile: again
                }
                return attempt(TRIES, () -> closePlan(incidentId, held, who))
                        .thenApply(Optional::of)
                        .exceptionally(e -> {
                            Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                            if (t == UNITS_UNKNOWN) {
                                return Optional.empty(); // the incident lists units not held: again
                            }
                            throw e instanceof RuntimeException r ? r : new CompletionException(t);
                        });
            });
        });
        return done.thenCompose(r -> {
            if (r.isPresent()) {
                return CompletableFuture.completedFuture(r.get());
            }
            if (tries <= 1) {
                return CompletableFuture.failedFuture(new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "incident_id",
                        "incident " + Echo.quote(incidentId)
                                + " kept getting new units while closing; retry the closure"));
            }
            return close(incidentId, who, tries - 1);
        });
    }

    /**
     * Thrown (never out of this class) by a closure's plan when the incident, read again after a
     * conflict (another instance changed it), lists a unit the closure does not hold: it may be
     * assigned there without this instance knowing yet, and closing without it would leave it
     * deployed to a closed incident for good. The closure goes again with it.
     */
    private static final RuntimeException UNITS_UNKNOWN = new RuntimeException("units unknown", null, false, false) {};

    /** Reads the records of these units from the store and applies them (their keys held). */
    private CompletableFuture<Void> refreshUnits(List<String> units) {
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (String u : units) {
            String name = Keys.unitRecord(u);
            all = all.thenCompose(v -> store.readRecord(name))
                    .thenAccept(found -> found.ifPresent(f -> applyUnit(UnitRecord.parse(f))));
        }
        return all;
    }

    private Plan<Closure> closePlan(String incidentId, List<String> held, AuditEntry.Actor who) {
        IncidentRecord inc = incidents
                .find(incidentId)
                .orElseThrow(() -> new BluelampException(
                        ErrorKind.NOT_FOUND,
                        "incident_id",
                        "incident " + Echo.quote(incidentId)
                                + " is not known: an incident is opened by its first assignment"));
        if (!inc.isOpen()) {
            return Plan.unchanged(() -> new Closure(inc, List.of()));
        }
        if (!held.containsAll(listedUnits(incidentId))) {
            throw UNITS_UNKNOWN;
        }
        List<String> units = new ArrayList<>();
        for (String u : held) {
            if (incidentId.equals(assignments.get(u))) {
                units.add(u);
            }
        }
        long now = clock.millis();
        String incidentName = inc.name();
        long iv = version(incidentName);
        IncidentRecord closed = new IncidentRecord(
                inc.id(),
                inc.latDeg(),
                inc.lonDeg(),
                inc.grade(),
                inc.incidentType(),
                inc.openedAtMillis(),
                now,
                inc.units(),
                iv + 1);
        Commit.Builder c = Commit.builder(changeId()).record(incidentName, iv, closed.fields());
        List<Runnable> applies = new ArrayList<>();
        for (String u : units) {
            StatusChange current = fleet.getStatus(u);
            String unitName = Keys.unitRecord(u);
            long uv = version(unitName);
            StatusChange next = current.status().isDeployed()
                    ? fleet.planStatus(u, UnitStatus.AVAILABLE, null, Math.max(now, current.timeEpochMillis()))
                    : current;
            UnitRecord rec = new UnitRecord(fleet.getUnit(u).spec(), next, "", registered(u), uv + 1);
            c.record(unitName, uv, rec.fields());
            c.audit(entry(AuditEntry.Kind.STATUS, who, incidentId, u, current.status(), next, now));
            applies.add(() -> {
                fleet.restoreStatus(u, next);
                assign(u, "");
                versions.put(unitName, uv + 1);
            });
        }
        c.audit(new AuditEntry(
                "",
                AuditEntry.Kind.CLOSURE,
                now,
                who.role(),
                who.name(),
                incidentId,
                units,
                "",
                "",
                inc.grade(),
                inc.incidentType(),
                inc.latDeg(),
                inc.lonDeg(),
                List.of(),
                "",
                ""));
        return new Plan<>(c.build(), () -> {
            applies.forEach(Runnable::run);
            incidents.put(closed);
            versions.put(incidentName, iv + 1);
            return new Closure(closed, units);
        });
    }

    /**
     * Records a recommendation served in the audit trail (without waiting for the store), and
     * remembers its incident's location and type for the assignment that may follow.
     */
    public void recommendationServed(IncidentRequest request, Recommendation answer, AuditEntry.Actor who) {
        if (!request.incidentId().isEmpty()) {
            synchronized (recentRequests) {
                recentRequests.put(request.incidentId(), request);
            }
        }
        List<String> ids = new ArrayList<>();
        List<AuditEntry.Offer> offers = new ArrayList<>();
        for (Candidate c : answer.candidates()) {
            ids.add(c.unitId());
            offers.add(new AuditEntry.Offer(c.unitId(), c.etaSeconds(), c.meetsTarget()));
        }
        store.appendAudit(new AuditEntry(
                "",
                AuditEntry.Kind.RECOMMENDATION,
                clock.millis(),
                who.role(),
                who.name(),
                request.incidentId(),
                ids,
                "",
                "",
                request.grade(),
                request.incidentType(),
                request.location().latDeg(),
                request.location().lonDeg(),
                offers,
                "",
                ""));
    }

    private IncidentRequest recent(String incidentId) {
        synchronized (recentRequests) {
            return recentRequests.get(incidentId);
        }
    }

    // ------------------------------------------------------------------ from the store

    /**
     * Applies a unit record read from the store (at start, or committed by another instance) when
     * it is newer than memory's. Runs under the record's key.
     */
    public CompletableFuture<Void> applyRemoteUnit(UnitRecord rec) {
        return sequencer.run(List.of(rec.name()), () -> {
            applyUnit(rec);
            return CompletableFuture.completedFuture(null);
        });
    }

    /** As {@link #applyRemoteUnit}, for an incident. */
    public CompletableFuture<Void> applyRemoteIncident(IncidentRecord rec) {
        return sequencer.run(List.of(rec.name()), () -> {
            applyIncident(rec);
            return CompletableFuture.completedFuture(null);
        });
    }

    /**
     * Applies a unit record read at start, directly, without the per-key sequencer (as
     * {@link #applyRemoteUnit}: only when newer than memory's). Only for a state being rebuilt
     * before anything else can change it (before the service accepts calls and before the
     * follower runs): it does not wait for changes in flight.
     */
    void restoreUnit(UnitRecord rec) {
        applyUnit(rec);
    }

    /** As {@link #restoreUnit}, for an incident. */
    void restoreIncident(IncidentRecord rec) {
        applyIncident(rec);
    }

    /** Applies a record from the store by its fields; unknown kinds of record are ignored. */
    public CompletableFuture<Void> applyRemote(String recordName, Map<String, String> fields) {
        if (recordName.startsWith("unit:")) {
            return applyRemoteUnit(UnitRecord.parse(fields));
        }
        if (recordName.startsWith("incident:")) {
            return applyRemoteIncident(IncidentRecord.parse(fields));
        }
        if (recordName.startsWith("condition:")) {
            conditions.applyRemote(fields);
        }
        return CompletableFuture.completedFuture(null);
    }

    private void applyUnit(UnitRecord rec) {
        String name = rec.name();
        if (rec.version() <= version(name)) {
            return;
        }
        try {
            Optional<Unit> u = fleet.findUnit(rec.id());
            if (u.isEmpty()) {
                fleet.register(rec.spec(), rec.status());
            } else {
                if (!u.get().spec().equals(rec.spec())) {
                    fleet.updateSpec(rec.spec());
                }
                fleet.restoreStatus(rec.id(), rec.status());
            }
        } catch (IllegalArgumentException e) {
            LOG.error("unit record {} from the store cannot be applied: {}", rec.id(), e.getMessage());
            return;
        }
        assign(rec.id(), rec.status().status().isDeployed() ? rec.incidentId() : "");
        registeredAt.put(rec.id(), rec.registeredAtMillis());
        versions.put(name, rec.version());
        remoteApplied.increment();
    }

    private void applyIncident(IncidentRecord rec) {
        if (rec.version() <= version(rec.name())) {
            return;
        }
        incidents.put(rec);
        versions.put(rec.name(), rec.version());
        remoteApplied.increment();
    }

    /** The version memory holds of a record (0 when none). */
    long version(String recordName) {
        return versions.getOrDefault(recordName, 0L);
    }

    /** Waits for nothing; how many keys have changes running or waiting (tests). */
    int busyKeys() {
        return sequencer.busyKeys();
    }

    // ------------------------------------------------------------------ the loop of a change

    /** A planned change: what to commit (null: nothing to write) and how to apply it once durable. */
    private record Plan<T>(Commit commit, Supplier<T> apply) {
        static <T> Plan<T> unchanged(Supplier<T> result) {
            return new Plan<>(null, result);
        }
    }

    private <T> CompletableFuture<T> attempt(int triesLeft, Supplier<Plan<T>> planner) {
        Plan<T> plan;
        try {
            plan = planner.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (plan.commit() == null) {
            return CompletableFuture.completedFuture(plan.apply().get());
        }
        return store.commit(plan.commit()).thenCompose(r -> {
            if (r.durable()) {
                return CompletableFuture.completedFuture(plan.apply().get());
            }
            conflicts.increment();
            String stale = plan.commit().records().get(r.conflictIndex()).name();
            if (triesLeft <= 1) {
                return CompletableFuture.failedFuture(new BluelampException(
                        ErrorKind.UNAVAILABLE,
                        "",
                        "record " + Echo.quote(stale) + " kept changing on other instances while this change was "
                                + "made; nothing was changed: retry"));
            }
            return store.readRecord(stale).thenCompose(found -> {
                found.ifPresent(f -> {
                    if (stale.startsWith("unit:")) {
                        applyUnit(UnitRecord.parse(f));
                    } else {
                        applyIncident(IncidentRecord.parse(f));
                    }
                });
                return attempt(triesLeft - 1, planner);
            });
        });
    }

    /** The planned status; a grade that does not suit the status is the request's committed_grade. */
    private StatusChange plan(String unitId, UnitStatus status, String grade, long time) {
        try {
            return fleet.planStatus(unitId, status, grade, time);
        } catch (IllegalArgumentException e) {
            throw BluelampException.invalid("committed_grade", "committed_grade: " + e.getMessage());
        }
    }

    private void assign(String unitId, String incidentId) {
        if (incidentId == null || incidentId.isEmpty()) {
            assignments.remove(unitId);
        } else {
            assignments.put(unitId, incidentId);
        }
    }

    private String assignedOrEmpty(String unitId) {
        return assignments.getOrDefault(unitId, "");
    }

    private long registered(String unitId) {
        return registeredAt.getOrDefault(unitId, 0L);
    }

    private List<String> unitsAssignedTo(String incidentId) {
        List<String> out = new ArrayList<>();
        assignments.forEach((u, i) -> {
            if (i.equals(incidentId)) {
                out.add(u);
            }
        });
        out.sort(null);
        return out;
    }

    /** The units an incident's record lists (every one ever assigned to it), sorted; none when unknown. */
    private List<String> listedUnits(String incidentId) {
        return incidents
                .find(incidentId)
                .map(inc -> inc.units().stream()
                        .map(IncidentRecord.Assigned::unitId)
                        .distinct()
                        .sorted()
                        .toList())
                .orElse(List.of());
    }

    private static List<String> union(List<String> a, List<String> b) {
        TreeSet<String> out = new TreeSet<>(a);
        out.addAll(b);
        return new ArrayList<>(out);
    }

    private static AuditEntry entry(
            AuditEntry.Kind kind,
            AuditEntry.Actor who,
            String incidentId,
            String unitId,
            Object from,
            StatusChange to,
            long at) {
        return new AuditEntry(
                "",
                kind,
                at,
                who.role(),
                who.name(),
                incidentId,
                List.of(unitId),
                from == null ? "" : from.toString(),
                to == null ? "" : to.status().name(),
                to == null || to.committedGrade() == null ? "" : to.committedGrade(),
                "",
                Double.NaN,
                Double.NaN,
                List.of(),
                "",
                "");
    }
}
