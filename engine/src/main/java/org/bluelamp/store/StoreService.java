package org.bluelamp.store;

import java.time.InstantSource;
import java.util.function.Predicate;
import org.bluelamp.fleet.FleetState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable state of one engine, from start to shutdown: connects to Redis, warns when it does
 * not persist, rebuilds the fleet and the incidents from it, journals fixes, follows the other
 * instances, and trims what the audit's retention no longer keeps every minute
 * ({@link StoreTrimmer}); or, without Redis, keeps everything in memory and says so once.
 *
 * <p>Order at start: {@link #open} (blocking, before the service serves; the calling thread is the
 * fleet's fix writer meanwhile), then {@link #follow} once the intake thread exists.
 *
 * <p>Thread-safety: {@link #open}, {@link #follow} and {@link #close} from one thread; the parts
 * are thread-safe.
 */
public final class StoreService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoreService.class);

    private final DurableFleet durable;
    private final RedisLink link;
    private final FixJournal journal;
    private final StoreLoader.Report loaded;
    private final StoreTrimmer trimmer;
    private StoreFollower follower;

    private StoreService(
            DurableFleet durable, RedisLink link, FixJournal journal, StoreLoader.Report loaded, StoreTrimmer trimmer) {
        this.durable = durable;
        this.link = link;
        this.journal = journal;
        this.loaded = loaded;
        this.trimmer = trimmer;
    }

    /** An engine without Redis: says once that its state is in memory only. */
    public static StoreService inMemory(FleetState fleet, InstantSource clock) {
        LOG.warn("no --redis: registrations, statuses, assignments, incidents, road conditions and the audit trail "
                + "are kept in memory only and are lost when the engine stops");
        return new StoreService(DurableFleet.inMemory(fleet, clock), null, null, null, null);
    }

    /**
     * Connects, checks persistence, loads the state into {@code fleet} (which must be empty) and
     * starts the journal. Blocking.
     *
     * @throws org.bluelamp.error.BluelampException UNAVAILABLE naming --redis when Redis cannot be reached
     */
    public static StoreService open(StoreOptions options, FleetState fleet, InstantSource clock) {
        RedisLink link = RedisLink.connect(options);
        try {
            link.warnWithoutPersistence();
            RedisStore store = new RedisStore(link, clock);
            DurableFleet durable = new DurableFleet(fleet, store, clock, options.instance());
            StoreLoader.Report loaded = StoreLoader.load(link, durable);
            FixJournal journal = new FixJournal(link);
            durable.attach(journal, null);
            StoreTrimmer trimmer = StoreTrimmer.start(link, durable, clock);
            LOG.info("state is durable in Redis at {} as instance {}", options.describe(), options.instance());
            return new StoreService(durable, link, journal, loaded, trimmer);
        } catch (RuntimeException e) {
            link.close();
            throw new org.bluelamp.error.BluelampException(
                    org.bluelamp.error.ErrorKind.UNAVAILABLE,
                    "--redis",
                    "cannot load the state from Redis at " + options.describe() + ": " + RedisLink.rootMessage(e),
                    e);
        }
    }

    /** The durable fleet (every change of state goes through it). */
    public DurableFleet durable() {
        return durable;
    }

    /**
     * Where the engine's road conditions are kept: in Redis with it (committed before a change is
     * acknowledged, restored at start, shared by replicas), in memory without.
     */
    public org.bluelamp.conditions.ConditionsStore conditions() {
        return durable.conditions();
    }

    /** The journal every accepted fix goes to, or null without Redis. */
    public FixJournal journal() {
        return journal;
    }

    /** What the load at start found, or null without Redis. */
    public StoreLoader.Report loaded() {
        return loaded;
    }

    /** Whether the state is durable in Redis. */
    public boolean isDurable() {
        return link != null;
    }

    /**
     * Starts following the other instances' changes and fixes (with Redis; nothing without).
     *
     * @param intake queues a task on the fleet's fix writer thread; false when its queue is full
     */
    public void follow(Predicate<Runnable> intake) {
        if (link == null || follower != null) {
            return;
        }
        follower = new StoreFollower(link, durable, intake, loaded.changesCursor(), loaded.fixesCursor());
        durable.attach(journal, follower);
    }

    /** Stops following, writes what the journal and the audit backlog hold (a few seconds at most), closes. */
    @Override
    public void close() {
        if (trimmer != null) {
            trimmer.close();
        }
        if (follower != null) {
            follower.close();
        }
        if (journal != null) {
            journal.close();
        }
        durable.store().close();
        if (link != null) {
            link.close();
        }
    }
}
