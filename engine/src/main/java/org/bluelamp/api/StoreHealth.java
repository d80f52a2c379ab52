package org.bluelamp.api;

import org.bluelamp.proto.v1.Health;
import org.bluelamp.store.DurableFleet;
import org.bluelamp.store.FixJournal;
import org.bluelamp.store.StoreFollower;
import org.bluelamp.store.StoreStatus;

/**
 * What {@code /health} says of the state store, its fix journal and replication, as the contract's
 * {@link Health.Store}.
 *
 * <p>Thread-safety: stateless; reads the store's figures as they are at the call.
 */
final class StoreHealth {
    private StoreHealth() {}

    static Health.Store of(DurableFleet durable) {
        StoreStatus st = durable.store().status();
        Health.Store.Builder h = Health.Store.newBuilder()
                .setDurable(st.durable())
                .setConnected(st.connected())
                .setWhere(st.where())
                .setCommits(st.commits())
                .setCommitsRefused(st.commitsRefused())
                .setConflicts(durable.conflictCount())
                .setIncidents(durable.incidents().size())
                .setAuditBacklog(st.auditBacklog())
                .setAuditDropped(st.auditDropped());
        if (st.degradedSinceMillis() != 0) {
            h.setDegradedSinceEpochMillis(st.degradedSinceMillis());
        }
        if (!st.lastError().isEmpty()) {
            h.setLastError(st.lastError());
        }
        FixJournal j = durable.journal();
        if (j != null) {
            h.setJournal(Health.Store.Journal.newBuilder()
                    .setJournaled(j.journaledCount())
                    .setPending(j.pendingCount())
                    .setDropped(j.droppedCount()));
        }
        StoreFollower f = durable.follower();
        if (f != null) {
            h.setReplication(Health.Store.Replication.newBuilder()
                    .setBehindMillis(f.behindMillis())
                    .setLastEntryLagMillis(f.lastEntryLagMillis())
                    .setChangesCursor(String.valueOf(f.changesCursor()))
                    .setFixesCursor(String.valueOf(f.fixesCursor()))
                    .setChangesApplied(f.changesApplied())
                    .setFixesApplied(f.fixesApplied())
                    .setFixesOfUnknownUnits(f.fixesOfUnknownUnits())
                    .setReloads(f.reloads()));
        }
        return h.build();
    }
}
