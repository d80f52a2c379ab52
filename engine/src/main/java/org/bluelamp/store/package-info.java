/**
 * Durable state: the fleet's registrations, statuses and assignments, the incidents and the audit
 * trail in Redis (Lettuce), the fix journal, restart recovery and replicas that share one Redis.
 *
 * <p>In data-flow order this package comes after {@code fleet}, {@code tracking} and
 * {@code dispatch}, whose state it makes durable, and before {@code api}, which calls it. Memory
 * stays the source of truth for speed: every query is answered from the {@code FleetState} and
 * the {@link org.bluelamp.store.IncidentBook}; Redis is the source of truth for durability. A
 * change of state (registration, update, status, assignment, closure) is planned against memory,
 * written to Redis by one atomic script that checks each record's version ({@link CommitScript}),
 * and only then applied to memory and acknowledged ({@link DurableFleet}). Fixes are journaled in
 * batches behind the intake ({@link FixJournal}); other instances follow both streams
 * ({@link StoreFollower}); a restarted engine rebuilds from the records and the journal
 * ({@link StoreLoader}). Without Redis, {@link MemoryStore} takes the same commits in memory only.
 *
 * <p>Key layout: {@link Keys} (and the README's "Durable state" section).
 */
package org.bluelamp.store;
