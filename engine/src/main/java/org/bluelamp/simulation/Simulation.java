package org.bluelamp.simulation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.bluelamp.dispatch.Dispatcher;
import org.bluelamp.dispatch.GradePolicy;
import org.bluelamp.dispatch.PolicyBook;
import org.bluelamp.error.BluelampException;
import org.bluelamp.fleet.FixReason;
import org.bluelamp.fleet.FleetOptions;
import org.bluelamp.fleet.FleetState;
import org.bluelamp.fleet.UnitSpec;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.TravelProfile;

/**
 * One run of the discrete-event simulation: a scenario's days, one dispatch policy, one seed.
 *
 * <p>The world: units on shifts start at their stations, patrol (or wait at their station), take
 * refreshment breaks at their station, and are sent to incidents; a unit sent moves after its
 * status's mobilisation delay along the route the engine's own search gives from where it truly
 * is, at its profile's speed, walks the incident's access leg, stays on scene for the incident's
 * time, and is free again. What the control room sees is what a real one sees: each unit's radio
 * reports its position every so often with GPS error (some reports lost, some late) into the
 * engine's {@link FleetState}; statuses change as the unit reports them; the policy decides from
 * that alone (for the engine's policies, {@link Dispatcher#recommend} on the last reported fixes).
 * An incident nobody may be sent to waits in a queue (grade first, then age) until a unit is free.
 *
 * <p>Events come in time order from an {@link EventQueue}; equal times in the order scheduled. The
 * run is deterministic: the same world, policy and seed give the same result.
 *
 * <p>Not thread-safe: a run is one thread's work. Runs of the same world may go on in parallel.
 */
public final class Simulation {
    /**
     * Run options.
     *
     * @param audit keep every assignment and check that no unit jumps when it gets new orders
     * @param progress told the share of the run's simulated time done, about every simulated hour
     *     (on the run's thread); null for none
     * @param bucketUse how the run's dispatcher ranks ({@link Dispatcher#setBucketUse}): the same
     *     answers either way, only the speed differs
     */
    public record Options(boolean audit, java.util.function.DoubleConsumer progress, Dispatcher.BucketUse bucketUse) {
        public Options {
            java.util.Objects.requireNonNull(bucketUse, "bucketUse");
        }

        /** No audit trail, no progress (the fast way). */
        public static Options defaults() {
            return new Options(false, null);
        }

        /** With or without the audit trail, no progress. */
        public Options(boolean audit) {
            this(audit, null);
        }

        /** The dispatcher's own choice of ranking ({@link Dispatcher.BucketUse#AUTO}). */
        public Options(boolean audit, java.util.function.DoubleConsumer progress) {
            this(audit, progress, Dispatcher.BucketUse.AUTO);
        }
    }

    // event types
    private static final int CALL_READY = 1;
    private static final int ARRIVE_SCENE = 2;
    private static final int CLEAR_SCENE = 3;
    private static final int ARRIVE_STATION = 4;
    private static final int BREAK_END = 5;
    private static final int BREAK_DUE = 6;
    private static final int SHIFT_START = 7;
    private static final int SHIFT_END = 8;
    private static final int REPORT = 9;
    private static final int LATE_FIX = 10;
    private static final int WARM_UP_END = 11;

    // what a unit is doing (finer than its status)
    private static final byte OFF = 0;
    private static final byte PATROL = 1;
    private static final byte WAITING = 2;
    private static final byte TO_STATION = 3;
    private static final byte BREAK = 4;
    private static final byte STANDBY = 5;
    private static final byte EN_ROUTE = 6;
    private static final byte AT_SCENE = 7;

    // an incident's state
    private static final byte NOT_READY = 0;
    private static final byte WAITING_FOR_UNIT = 1;
    private static final byte ASSIGNED = 2;
    private static final byte ATTENDED = 3;
    private static final byte DONE = 4;

    /** A break is not started in the last hour of a shift. */
    private static final long BREAK_CUTOFF_MILLIS = 3_600_000L;
    /** The break window opens this long after the shift starts (Police Regulations: hours 3 to 6)... */
    private static final long BREAK_WINDOW_START_MILLIS = 3 * 3_600_000L;
    /** ... and breaks fall due uniformly over this long. */
    private static final long BREAK_WINDOW_MILLIS = 2 * 3_600_000L;
    /** Two standard deviations per axis... the 95% radius of a circular normal error. */
    private static final double ACCURACY_PER_SIGMA = 2.4477;

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private final SimulationWorld world;
    private final Scenario scenario;
    private final DispatchPolicy policy;
    private final long seed;
    private final int days;
    private final Options options;
    private final PolicyBook policies;

    // run state (set up in run())
    private SimClock clock;
    private EventQueue events;
    private FleetState fleet;
    private Dispatcher dispatcher;
    private PolicyContext context;
    private RouteFinder routes;
    private Incidents incidents;
    private final double[] point = new double[2];
    private final org.bluelamp.fleet.UnitReading auditReading = new org.bluelamp.fleet.UnitReading();

    // per unit
    private int unitCount;
    private String[] unitId;
    private byte[] state;
    private int[] task;
    private int[] token;
    private Motion[] motion;
    private SplittableRandom[] rnd;
    private TravelProfile[] patrolProfile;
    private PatrolWalk[] walker;
    private double[] centreLat;
    private double[] centreLon;
    private boolean[] breakPending;
    private boolean[] breakTaken;
    private boolean[] toStationForBreak;
    private int[] shiftDay;
    private long[] shiftEnd;
    private long[] dutySince;
    private long[] busySince;
    private long dutyTotal;
    private long busyTotal;

    // per incident
    private byte[] incidentState;
    private int[] incidentUnit;
    private long[] assignMillis;
    private long[] arrivalMillis;
    private boolean[] queued;
    private int[] requeued;
    private EdgePlacement[][] incidentPlacement;
    private int[] queue = new int[64];
    private int queueSize;
    private boolean queueChanged;

    // counts
    private long diversions;
    private long leftSceneEarly;
    private long breaksTaken;
    private long breaksInterrupted;
    private long breaksMissed;
    private long fixesSent;
    private long fixesLost;
    private long fixesLate;
    private long decisions;
    private long moveUps;
    private long eventCount;
    private long decideNanos;
    private long routeNanos;
    private long reportNanos;
    private final List<RunResult.Assignment> assignments = new ArrayList<>();

    /**
     * A run of {@code days} days of the world's scenario under {@code policy} with {@code seed}.
     *
     * @param days 1 to 14
     */
    public Simulation(SimulationWorld world, DispatchPolicy policy, long seed, int days, Options options) {
        if (days < 1 || days > 14) {
            throw BluelampException.invalid("days", "days must be from 1 to 14, got " + days);
        }
        this.world = world;
        this.scenario = world.scenario();
        this.policy = policy;
        this.seed = seed;
        this.days = days;
        this.options = options;
        this.policies = world.policies();
    }

    /** Runs the simulation to its end and returns what happened. */
    public RunResult run() {
        long t0 = System.nanoTime();
        long cpu0 = THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
        long counted = scenario.startEpochMillis();
        long start = counted - scenario.warmUpMillis();
        long callsEnd = counted + days * 86_400_000L;
        long end = callsEnd + Math.round(scenario.drainHours() * 3_600_000L);
        clock = new SimClock(start - 86_400_000L);
        events = new EventQueue(start - 86_400_000L);
        if (end > events.horizonMillis()) {
            throw BluelampException.invalid(
                    "days", "days: the simulation may span at most 23 days with its warm-up and drain");
        }
        fleet = new FleetState(fleetOptions(world, scenario.unitCount()));
        dispatcher = world.dispatcher(fleet, clock);
        dispatcher.setBucketUse(options.bucketUse());
        context = new PolicyContext(dispatcher, clock);
        routes = new RouteFinder(world.graphs(), world::landmarks);
        incidents = world.incidents(days, seed);
        setUpUnits(start);
        setUpIncidents();
        if (counted > start) {
            events.schedule(counted, WARM_UP_END, -1, -1, 0); // first of the events at that time
        }
        scheduleShifts(start, end);
        for (int i = 0; i < incidents.count; i++) {
            events.schedule(incidents.readyMillis[i], CALL_READY, -1, i, 0);
        }
        long setup = System.nanoTime() - t0;
        clock.advanceTo(start);
        long nextProgress = start;
        while (!events.isEmpty() && events.peekMillis() <= end) {
            long at = events.peekMillis();
            if (options.progress() != null && at >= nextProgress) {
                options.progress().accept((double) (at - start) / (end - start));
                nextProgress = at + 3_600_000L;
            }
            int slot = events.poll();
            clock.advanceTo(at);
            eventCount++;
            handle(slot);
            events.release(slot);
        }
        clock.advanceTo(end);
        for (int u = 0; u < unitCount; u++) {
            if (state[u] != OFF) {
                dutyTotal += end - dutySince[u];
            }
            if (busySince[u] >= 0) {
                busyTotal += end - busySince[u];
            }
        }
        long total = System.nanoTime() - t0;
        long cpu = cpu0 >= 0 ? THREADS.getCurrentThreadCpuTime() - cpu0 : -1;
        int first = incidents.firstCounted;
        int n = incidents.count;
        List<RunResult.Assignment> countedAssignments = new ArrayList<>();
        for (RunResult.Assignment a : assignments) {
            if (a.incident() >= first) {
                countedAssignments.add(a.withIncident(a.incident() - first));
            }
        }
        return new RunResult(
                policy.name(),
                seed,
                days,
                incidents.counted(),
                Arrays.copyOfRange(assignMillis, first, n),
                Arrays.copyOfRange(arrivalMillis, first, n),
                Arrays.copyOfRange(queued, first, n),
                Arrays.copyOfRange(requeued, first, n),
                new RunResult.Counts(
                        diversions,
                        leftSceneEarly,
                        breaksTaken,
                        breaksInterrupted,
                        breaksMissed,
                        fixesSent,
                        fixesLost,
                        fixesLate,
                        decisions,
                        routes.routes(),
                        moveUps,
                        eventCount),
                busyTotal,
                dutyTotal,
                List.copyOf(countedAssignments),
                new RunResult.Timing(total, cpu, setup, decideNanos, routeNanos, reportNanos));
    }

    // ------------------------------------------------------------------ set-up

    /**
     * The fleet's spatial index sized to the scenario (it changes how fast the fleet is searched,
     * never what is found): buckets about four times the units, cells about the spacing of units
     * spread evenly over the map (500 m to 5 km), square at the map's middle latitude. The defaults
     * (65,536 buckets) suit a national fleet; a county's few dozen units would have every search
     * that finds too few eligible units scan all of them.
     */
    static FleetOptions fleetOptions(SimulationWorld world, int units) {
        var b = world.network().bounds();
        double height = (b.maxLatDeg() - b.minLatDeg()) * 111_194.93;
        double width = (b.maxLonDeg() - b.minLonDeg())
                * 111_194.93
                * Math.cos(Math.toRadians((b.minLatDeg() + b.maxLatDeg()) / 2));
        double spacing = Math.sqrt(Math.max(1, height * width) / Math.max(1, units));
        int buckets = Integer.highestOneBit(Math.max(64, 4 * units) - 1) << 1;
        FleetOptions d = FleetOptions.defaults();
        return new FleetOptions(
                d.capabilities(),
                d.history(),
                d.staleness(),
                Math.max(500, Math.min(5000, spacing)),
                Math.min(1 << 24, buckets),
                (b.minLatDeg() + b.maxLatDeg()) / 2);
    }

    private void setUpUnits(long start) {
        List<SimulationWorld.UnitPlan> plans = world.units();
        unitCount = plans.size();
        unitId = new String[unitCount];
        state = new byte[unitCount];
        task = new int[unitCount];
        token = new int[unitCount];
        motion = new Motion[unitCount];
        rnd = new SplittableRandom[unitCount];
        patrolProfile = new TravelProfile[unitCount];
        walker = new PatrolWalk[unitCount];
        centreLat = new double[unitCount];
        centreLon = new double[unitCount];
        breakPending = new boolean[unitCount];
        breakTaken = new boolean[unitCount];
        toStationForBreak = new boolean[unitCount];
        shiftDay = new int[unitCount];
        shiftEnd = new long[unitCount];
        dutySince = new long[unitCount];
        busySince = new long[unitCount];
        Arrays.fill(task, -1);
        Arrays.fill(busySince, -1);
        SplittableRandom root = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L);
        java.util.Map<TravelProfile, PatrolWalk> walkers = new java.util.EnumMap<>(TravelProfile.class);
        for (int u = 0; u < unitCount; u++) {
            SimulationWorld.UnitPlan p = plans.get(u);
            UnitSpec spec = new UnitSpec(
                    p.id(),
                    p.id(),
                    p.kind(),
                    Set.copyOf(p.capabilities()),
                    1,
                    scenario.stations().get(p.station()).id());
            int index = fleet.register(spec, UnitStatus.OFF_DUTY, start - 86_400_000L)
                    .unitIndex();
            if (index != u) {
                throw new IllegalStateException("unit " + p.id() + " registered as " + index + ", expected " + u);
            }
            unitId[u] = p.id();
            motion[u] = new Motion();
            rnd[u] = root.split();
            TravelProfile profile = SimulationWorld.patrolProfile(p.kind());
            patrolProfile[u] = profile;
            walker[u] = walkers.computeIfAbsent(
                    profile,
                    q -> new PatrolWalk(
                            world.walk(q), world.shapes(), scenario.patrol().speedFactor()));
            GeoPoint station = world.stationPlacement(profile, p.station()).snapped();
            centreLat[u] = station.latDeg();
            centreLon[u] = station.lonDeg();
            EdgePlacement home = world.stationPlacement(profile, p.station());
            motion[u].restartFrom(home.edgeId(), home.toBaseMetres(), start - 86_400_000L);
        }
    }

    private void setUpIncidents() {
        int n = incidents.count;
        incidentState = new byte[n];
        incidentUnit = new int[n];
        assignMillis = new long[n];
        arrivalMillis = new long[n];
        queued = new boolean[n];
        requeued = new int[n];
        incidentPlacement = new EdgePlacement[TravelProfile.values().length][n];
        Arrays.fill(incidentUnit, -1);
        Arrays.fill(assignMillis, -1);
        Arrays.fill(arrivalMillis, -1);
    }

    /** Every shift of every unit that overlaps the run (from {@code start}, its warm-up's), and its break. */
    private void scheduleShifts(long start, long end) {
        long origin = scenario.startEpochMillis();
        int firstDay = (int) Math.floorDiv(start - origin, 86_400_000L) - 1;
        int lastDay = (int) ((end - origin) / 86_400_000L) + 1;
        for (int u = 0; u < unitCount; u++) {
            Scenario.Shift shift = scenario.shifts().get(world.units().get(u).shift());
            for (int d = firstDay; d <= lastDay; d++) {
                long s = shiftStart(shift, d);
                long e = s + shift.durationMinutes() * 60_000L;
                if (e <= start || s > end) {
                    continue;
                }
                long begin = Math.max(s, start);
                events.schedule(begin, SHIFT_START, u, d, 0);
                if (shift.refreshmentMinutes() > 0) {
                    long due = s + BREAK_WINDOW_START_MILLIS + (long) (rnd[u].nextDouble() * BREAK_WINDOW_MILLIS);
                    events.schedule(Math.max(due, begin), BREAK_DUE, u, d, 0);
                }
                if (e <= end) {
                    events.schedule(e, SHIFT_END, u, d, 0);
                }
            }
        }
    }

    private long shiftStart(Scenario.Shift shift, int day) {
        return scenario.startEpochMillis() + day * 86_400_000L + shift.startMinuteOfDay() * 60_000L;
    }

    // ------------------------------------------------------------------ events

    private void handle(int slot) {
        int u = events.unit(slot);
        int i = events.incident(slot);
        int tok = events.token(slot);
        switch (events.type(slot)) {
            case CALL_READY -> callReady(i);
            case ARRIVE_SCENE -> {
                if (tok == token[u]) {
                    arriveAtScene(u);
                }
            }
            case CLEAR_SCENE -> {
                if (tok == token[u]) {
                    clearScene(u);
                }
            }
            case ARRIVE_STATION -> {
                if (tok == token[u]) {
                    arriveAtStation(u);
                }
            }
            case BREAK_END -> {
                if (tok == token[u]) {
                    endBreak(u);
                }
            }
            case BREAK_DUE -> breakDue(u, i);
            case SHIFT_START -> startShift(u, i);
            case SHIFT_END -> endShift(u, i);
            case REPORT -> report(u);
            case LATE_FIX -> recordFix(u, events.latDeg(slot), events.lonDeg(slot), events.fixMillis(slot));
            case WARM_UP_END -> startCounting();
            default -> throw new IllegalStateException("unknown event type " + events.type(slot));
        }
    }

    /**
     * The warm-up is over: what the run reports of the fleet (time on duty and busy, diversions,
     * breaks, position reports, move-ups) counts from now. The effort counts (decisions, routes,
     * events) and the timing stay the whole run's.
     */
    private void startCounting() {
        long now = clock.millis();
        diversions = 0;
        leftSceneEarly = 0;
        breaksTaken = 0;
        breaksInterrupted = 0;
        breaksMissed = 0;
        fixesSent = 0;
        fixesLost = 0;
        fixesLate = 0;
        moveUps = 0;
        dutyTotal = 0;
        busyTotal = 0;
        for (int u = 0; u < unitCount; u++) {
            if (state[u] != OFF) {
                dutySince[u] = now;
            }
            if (busySince[u] >= 0) {
                busySince[u] = now;
            }
        }
    }

    private void callReady(int i) {
        incidentState[i] = WAITING_FOR_UNIT;
        if (!tryDispatch(i)) {
            queued[i] = true;
            enqueue(i);
        }
        moveUpsIfAny();
    }

    private void arriveAtScene(int u) {
        int i = task[u];
        state[u] = AT_SCENE;
        setStatus(u, UnitStatus.AT_SCENE, null);
        statusFix(u);
        if (arrivalMillis[i] < 0) {
            arrivalMillis[i] = clock.millis();
        }
        incidentState[i] = ATTENDED;
        events.schedule(clock.millis() + incidents.onSceneMillis[i], CLEAR_SCENE, u, i, token[u]);
    }

    private void clearScene(int u) {
        int i = task[u];
        incidentState[i] = DONE;
        incidentUnit[i] = -1;
        task[u] = -1;
        busyTotal += clock.millis() - busySince[u];
        busySince[u] = -1;
        token[u]++;
        becomeFree(u);
    }

    private void arriveAtStation(int u) {
        if (toStationForBreak[u]) {
            startBreak(u);
        } else {
            state[u] = WAITING;
            setStatus(u, UnitStatus.AT_STATION, null);
            statusFix(u);
            dispatchQueue();
        }
    }

    private void startBreak(int u) {
        state[u] = BREAK;
        breakPending[u] = false;
        breakTaken[u] = true;
        breaksTaken++;
        setStatus(u, UnitStatus.REFRESHMENT, null);
        statusFix(u);
        Scenario.Shift shift = scenario.shifts().get(world.units().get(u).shift());
        events.schedule(clock.millis() + shift.refreshmentMinutes() * 60_000L, BREAK_END, u, -1, token[u]);
    }

    private void endBreak(int u) {
        token[u]++;
        setStatus(u, UnitStatus.AVAILABLE, null);
        if (clock.millis() >= shiftEnd[u]) {
            goOffDuty(u);
            return;
        }
        idle(u);
        statusFix(u);
        dispatchQueue();
        moveUpsIfAny();
    }

    private void breakDue(int u, int day) {
        if (state[u] == OFF || shiftDay[u] != day || breakTaken[u]) {
            return;
        }
        breakPending[u] = true;
        if (isFree(u) && state[u] != BREAK && !(state[u] == TO_STATION && toStationForBreak[u])) {
            goToBreakOrIdle(u);
        }
    }

    private void startShift(int u, int day) {
        Scenario.Shift shift = scenario.shifts().get(world.units().get(u).shift());
        long end = shiftStart(shift, day) + shift.durationMinutes() * 60_000L;
        if (state[u] != OFF) {
            shiftEnd[u] = end; // back-to-back shifts: stay on
            shiftDay[u] = day;
            breakTaken[u] = false;
            return;
        }
        shiftDay[u] = day;
        shiftEnd[u] = end;
        dutySince[u] = clock.millis();
        breakPending[u] = false;
        breakTaken[u] = false;
        token[u]++;
        EdgePlacement home =
                world.stationPlacement(patrolProfile[u], world.units().get(u).station());
        motion[u].restartFrom(home.edgeId(), home.toBaseMetres(), clock.millis());
        setStatus(u, UnitStatus.AT_STATION, null);
        state[u] = WAITING;
        if (policy.idleMode() == DispatchPolicy.IdleMode.PATROL) {
            setStatus(u, UnitStatus.AVAILABLE, null);
            startPatrol(u);
        }
        statusFix(u);
        double interval = scenario.reporting().intervalSeconds();
        if (interval > 0) {
            long phase = (long) (rnd[u].nextDouble() * interval * 1000);
            events.schedule(clock.millis() + phase, REPORT, u, -1, 0);
        }
        dispatchQueue();
        moveUpsIfAny();
    }

    private void endShift(int u, int day) {
        if (state[u] == OFF || shiftDay[u] != day) {
            return;
        }
        if (breakPending[u] && !breakTaken[u]) {
            breaksMissed++;
            breakPending[u] = false;
        }
        if (isFree(u)) {
            goOffDuty(u);
        } // a busy unit goes off duty when it is free
    }

    private void goOffDuty(int u) {
        if (breakPending[u] && !breakTaken[u]) {
            breaksMissed++;
        }
        breakPending[u] = false;
        locate(u);
        motion[u].restartFrom(motion[u].edge(), motion[u].metres(), clock.millis());
        token[u]++;
        UnitStatus now = fleet.getStatus(unitId[u]).status();
        if (now == UnitStatus.EN_ROUTE || now == UnitStatus.AT_SCENE || now == UnitStatus.COMMITTED) {
            setStatus(u, UnitStatus.AVAILABLE, null);
        }
        setStatus(u, UnitStatus.OFF_DUTY, null);
        state[u] = OFF;
        dutyTotal += clock.millis() - dutySince[u];
    }

    // ------------------------------------------------------------------ free units

    private boolean isFree(int u) {
        byte s = state[u];
        return s == PATROL || s == WAITING || s == TO_STATION || s == BREAK || s == STANDBY;
    }

    /** A unit just cleared: off duty, to its break, or idle; then the queue may take it. */
    private void becomeFree(int u) {
        setStatus(u, UnitStatus.AVAILABLE, null);
        if (clock.millis() >= shiftEnd[u]) {
            goOffDuty(u);
            dispatchQueue();
            return;
        }
        state[u] = WAITING; // until the plan below (a patrol, a drive to the station, a break)
        goToBreakOrIdle(u);
        statusFix(u);
        dispatchQueue();
        moveUpsIfAny();
    }

    private void goToBreakOrIdle(int u) {
        if (breakPending[u] && !breakTaken[u] && clock.millis() < shiftEnd[u] - BREAK_CUTOFF_MILLIS) {
            driveToStation(u, true);
        } else {
            idle(u);
        }
    }

    /** What a free unit does by the policy: patrol, or go back to its station and wait. */
    private void idle(int u) {
        if (policy.idleMode() == DispatchPolicy.IdleMode.PATROL) {
            startPatrol(u);
        } else {
            driveToStation(u, false);
        }
    }

    private void startPatrol(int u) {
        locate(u);
        token[u]++;
        state[u] = PATROL;
        int edge = motion[u].edge();
        double metres = motion[u].metres();
        walker[u].begin(motion[u], edge, metres, clock.millis(), rnd[u], centreLat[u], centreLon[u], radius(u));
    }

    private double radius(int u) {
        return world.units().get(u).patrolRadiusMetres();
    }

    private void driveToStation(int u, boolean forBreak) {
        locate(u);
        token[u]++;
        toStationForBreak[u] = forBreak;
        EdgePlacement home =
                world.stationPlacement(patrolProfile[u], world.units().get(u).station());
        EdgePlacement here = placeUnit(u, patrolProfile[u]);
        if (here.edgeId() == home.edgeId() && Math.abs(here.toBaseMetres() - home.toBaseMetres()) < 1) {
            state[u] = TO_STATION;
            arriveAtStation(u);
            return;
        }
        replan(u, here);
        long t = System.nanoTime();
        long road = routes.drive(patrolProfile[u], here, home, clock.millis(), motion[u]);
        routeNanos += System.nanoTime() - t;
        if (road < 0) {
            throw new IllegalStateException("unit " + unitId[u] + " has no road back to its station");
        }
        state[u] = TO_STATION;
        events.schedule(clock.millis() + road, ARRIVE_STATION, u, -1, token[u]);
    }

    // ------------------------------------------------------------------ dispatch

    private boolean tryDispatch(int i) {
        refreshIfInstant();
        long t = System.nanoTime();
        int gradeIndex = incidents.grade[i];
        String grade = scenario.demand().grades().get(gradeIndex).grade();
        int u = policy.choose(new DispatchPolicy.IncidentCall("INC-" + (i + 1), incidents.location(i), grade), context);
        decideNanos += System.nanoTime() - t;
        decisions++;
        if (u < 0) {
            return false;
        }
        assign(u, i);
        return true;
    }

    private void assign(int u, int i) {
        if (incidentUnit[i] >= 0 || incidentState[i] != WAITING_FOR_UNIT) {
            throw new IllegalStateException("incident " + i + " is already being attended by unit " + incidentUnit[i]);
        }
        if (state[u] == OFF) {
            throw new IllegalStateException("the policy sent unit " + unitId[u] + ", which is off duty");
        }
        long now = clock.millis();
        UnitStatus status = fleet.getStatus(unitId[u]).status();
        boolean diverted = task[u] >= 0;
        if (diverted) {
            int previous = task[u];
            diversions++;
            if (incidentUnit[previous] != u) {
                throw new IllegalStateException("unit " + unitId[u] + " and incident " + previous + " disagree");
            }
            incidentUnit[previous] = -1;
            if (state[u] == EN_ROUTE) {
                incidentState[previous] = WAITING_FOR_UNIT;
                requeued[previous]++;
                enqueue(previous);
            } else {
                incidentState[previous] = DONE;
                leftSceneEarly++;
            }
        } else {
            busySince[u] = now;
        }
        if (state[u] == BREAK) {
            breaksInterrupted++;
        }
        GradePolicy grade = policies.getGrade(
                scenario.demand().grades().get(incidents.grade[i]).grade());
        TravelProfile profile = Dispatcher.profileFor(world.units().get(u).kind(), grade);
        long mobilisation = policies.mobilisationMillis(status);
        locate(u);
        EdgePlacement from = placeUnit(u, profile);
        double sentFromLat = point[0];
        double sentFromLon = point[1];
        double sentFixError = options.audit() ? fixError(u) : Double.NaN;
        EdgePlacement to = incidentPlacement(i, profile);
        replan(u, from);
        long t = System.nanoTime();
        long road = routes.drive(profile, from, to, now + mobilisation, motion[u]);
        routeNanos += System.nanoTime() - t;
        if (road < 0) {
            throw new IllegalStateException("unit " + unitId[u] + " has no " + profile + " road to incident " + i);
        }
        long access = Math.round(to.snapDistanceMetres()
                / policies.offRoadMetresPerSecond(world.units().get(u).kind())
                * 1000);
        token[u]++;
        state[u] = EN_ROUTE;
        task[u] = i;
        incidentUnit[i] = u;
        incidentState[i] = ASSIGNED;
        if (assignMillis[i] < 0) {
            assignMillis[i] = now;
        }
        setStatus(u, UnitStatus.EN_ROUTE, grade.code());
        statusFix(u);
        events.schedule(now + mobilisation + road + access, ARRIVE_SCENE, u, i, token[u]);
        if (options.audit()) {
            assignments.add(new RunResult.Assignment(
                    i, u, now, mobilisation, road, access, diverted, sentFromLat, sentFromLon, sentFixError));
        }
    }

    private void enqueue(int i) {
        for (int k = 0; k < queueSize; k++) {
            if (queue[k] == i) {
                return;
            }
        }
        if (queueSize == queue.length) {
            queue = Arrays.copyOf(queue, queueSize * 2);
        }
        // keep the queue in order: grade priority first, then the time it became ready
        int priority = priority(i);
        int k = queueSize;
        while (k > 0
                && (priority(queue[k - 1]) > priority
                        || (priority(queue[k - 1]) == priority
                                && incidents.readyMillis[queue[k - 1]] > incidents.readyMillis[i]))) {
            queue[k] = queue[k - 1];
            k--;
        }
        queue[k] = i;
        queueSize++;
        queueChanged = true;
    }

    private int priority(int i) {
        return policies.getGrade(
                        scenario.demand().grades().get(incidents.grade[i]).grade())
                .priority();
    }

    /**
     * Sends units to queued incidents, most urgent first, while any can be sent. Once no unit may go
     * to an incident of some grade, none may go to another of the same grade this pass (the same
     * units are eligible), so the pass moves on to the next grade. Another pass follows only when
     * this one queued an incident anew (a unit diverted from it); an incident put back because no
     * unit may go does not count, or every pass with a queue would repeat the same refused
     * decisions up to the limit (New York: 35,600 decisions for 2,000 incidents).
     */
    private void dispatchQueue() {
        int rounds = 0;
        do {
            queueChanged = false;
            int[] snapshot = Arrays.copyOf(queue, queueSize);
            int failedPriority = Integer.MIN_VALUE;
            for (int i : snapshot) {
                if (incidentState[i] != WAITING_FOR_UNIT || !inQueue(i)) {
                    continue;
                }
                int p = priority(i);
                if (p == failedPriority) {
                    continue;
                }
                remove(i);
                if (!tryDispatch(i)) {
                    boolean changed = queueChanged;
                    enqueue(i);
                    queueChanged = changed; // back where it was: not a change that calls for another pass
                    failedPriority = p;
                }
            }
        } while (queueChanged && ++rounds < 100);
    }

    private boolean inQueue(int i) {
        for (int k = 0; k < queueSize; k++) {
            if (queue[k] == i) {
                return true;
            }
        }
        return false;
    }

    private void remove(int i) {
        for (int k = 0; k < queueSize; k++) {
            if (queue[k] == i) {
                System.arraycopy(queue, k + 1, queue, k, queueSize - k - 1);
                queueSize--;
                return;
            }
        }
    }

    private void moveUpsIfAny() {
        List<DispatchPolicy.MoveUp> moves = policy.moveUps(context);
        for (DispatchPolicy.MoveUp move : moves) {
            int u = move.unitIndex();
            if (state[u] != PATROL && state[u] != WAITING && state[u] != STANDBY) {
                continue;
            }
            EdgePlacement target = world.network().place(patrolProfile[u], "standby", move.standby());
            locate(u);
            EdgePlacement here = placeUnit(u, patrolProfile[u]);
            token[u]++;
            replan(u, here);
            long t = System.nanoTime();
            long road = routes.drive(patrolProfile[u], here, target, clock.millis(), motion[u]);
            routeNanos += System.nanoTime() - t;
            if (road < 0) {
                continue;
            }
            if (state[u] == WAITING) {
                setStatus(u, UnitStatus.AVAILABLE, null);
            }
            state[u] = STANDBY;
            moveUps++;
        }
    }

    // ------------------------------------------------------------------ positions and reports

    /** Finds where unit {@code u} truly is now (extending its patrol as far as now). */
    private void locate(int u) {
        long t = System.nanoTime();
        if (state[u] == PATROL) {
            walker[u].extend(motion[u], clock.millis(), rnd[u], centreLat[u], centreLon[u], radius(u));
        }
        motion[u].locate(clock.millis());
        reportNanos += System.nanoTime() - t;
    }

    /** The true position found by the last {@link #locate}, as a point on the ground (into {@link #point}). */
    private void truePoint(int u) {
        int edge = motion[u].edge();
        double length = world.graphs().get(TravelProfile.CAR).edgeDistanceMetres(edge);
        world.shapes().pointAt(edge, length > 0 ? motion[u].metres() / length : 0, point);
    }

    /**
     * The unit's true position placed on a profile's graph the way the engine places a fix there,
     * so that the road time of its route is the engine's for a fix at that point.
     */
    private EdgePlacement placeUnit(int u, TravelProfile profile) {
        truePoint(u);
        GeoPoint p = new GeoPoint(point[0], point[1]);
        try {
            return world.network().place(profile, "position", p);
        } catch (BluelampException e) {
            throw new IllegalStateException("unit " + unitId[u] + " at " + p + " is off the " + profile + " roads", e);
        }
    }

    /** Starts a new plan for a unit where it is now (checked against where it was, when auditing). */
    private void replan(int u, EdgePlacement from) {
        if (options.audit()) {
            truePoint(u);
            double gap = GeoPoint.haversineMetres(
                    point[0], point[1], from.snapped().latDeg(), from.snapped().lonDeg());
            if (gap > 1.0) {
                throw new IllegalStateException("unit " + unitId[u] + " would jump " + gap + " m at " + clock.millis());
            }
        }
        motion[u].restartFrom(from.edgeId(), from.toBaseMetres(), clock.millis());
    }

    /** How far the fleet's latest fix of the unit is from where it truly is ({@link #point}). */
    private double fixError(int u) {
        fleet.readUnit(u, auditReading);
        return auditReading.hasFix()
                ? GeoPoint.haversineMetres(auditReading.latDeg(), auditReading.lonDeg(), point[0], point[1])
                : Double.POSITIVE_INFINITY;
    }

    private EdgePlacement incidentPlacement(int i, TravelProfile profile) {
        EdgePlacement[] byIncident = incidentPlacement[profile.ordinal()];
        if (byIncident[i] == null) {
            byIncident[i] = world.network().place(profile, "incident", incidents.location(i));
        }
        return byIncident[i];
    }

    private void report(int u) {
        if (state[u] == OFF) {
            return;
        }
        Scenario.Reporting r = scenario.reporting();
        long now = clock.millis();
        events.schedule(now + Math.round(r.intervalSeconds() * 1000), REPORT, u, -1, 0);
        fixesSent++;
        double draw = rnd[u].nextDouble();
        if (draw < r.lostShare()) {
            fixesLost++;
            return;
        }
        locate(u);
        long t = System.nanoTime();
        truePoint(u);
        double lat = point[0] + noiseLatDeg(u);
        double lon = point[1] + noiseLonDeg(u, point[0]);
        if (draw < r.lostShare() + r.lateShare()) {
            fixesLate++;
            long delay = Math.round(
                    (r.lateMinSeconds() + rnd[u].nextDouble() * (r.lateMaxSeconds() - r.lateMinSeconds())) * 1000);
            int slot = events.schedule(now + delay, LATE_FIX, u, -1, 0);
            events.setFix(slot, lat, lon, now);
        } else {
            recordFix(u, lat, lon, now);
        }
        reportNanos += System.nanoTime() - t;
    }

    /** A position report sent with a status change (TETRA sends one with each status message). */
    private void statusFix(int u) {
        locate(u);
        truePoint(u);
        fixesSent++;
        recordFix(u, point[0] + noiseLatDeg(u), point[1] + noiseLonDeg(u, point[0]), clock.millis());
    }

    /** With instant reporting, the control room learns every unit's true position before it decides. */
    private void refreshIfInstant() {
        if (scenario.reporting().intervalSeconds() > 0) {
            return;
        }
        for (int u = 0; u < unitCount; u++) {
            if (state[u] != OFF) {
                locate(u);
                truePoint(u);
                recordFix(u, point[0] + noiseLatDeg(u), point[1] + noiseLonDeg(u, point[0]), clock.millis());
            }
        }
    }

    private double noiseLatDeg(int u) {
        double sigma = scenario.reporting().gpsErrorMetres();
        return sigma == 0 ? 0 : rnd[u].nextGaussian() * sigma / 111_194.93;
    }

    private double noiseLonDeg(int u, double latDeg) {
        double sigma = scenario.reporting().gpsErrorMetres();
        return sigma == 0 ? 0 : rnd[u].nextGaussian() * sigma / (111_194.93 * Math.cos(Math.toRadians(latDeg)));
    }

    private void recordFix(int u, double lat, double lon, long positionMillis) {
        double accuracy = scenario.reporting().gpsErrorMetres() * ACCURACY_PER_SIGMA;
        fleet.recordFix(u, lat, lon, positionMillis, accuracy, Double.NaN, Double.NaN, FixReason.PERIODIC);
    }

    private void setStatus(int u, UnitStatus status, String grade) {
        fleet.setStatus(unitId[u], status, grade, clock.millis());
    }
}
