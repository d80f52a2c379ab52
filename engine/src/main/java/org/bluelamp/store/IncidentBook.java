package org.bluelamp.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The incidents in memory, the source every read is answered from ({@code GetIncident},
 * {@code ListIncidents}); written only by {@link DurableFleet} once a change is durable, or from
 * the store at start and from other instances' changes.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class IncidentBook {
    private final ConcurrentHashMap<String, IncidentRecord> byId = new ConcurrentHashMap<>();

    /** The incident with this id, if known. */
    public Optional<IncidentRecord> find(String incidentId) {
        return Optional.ofNullable(byId.get(incidentId));
    }

    void put(IncidentRecord r) {
        byId.put(r.id(), r);
    }

    /** Incidents known. */
    public int size() {
        return byId.size();
    }

    /**
     * Incidents opened in [{@code fromMillis}, {@code toMillis}], newest first, at most {@code max}.
     *
     * @param openOnly only those not closed
     */
    public List<IncidentRecord> list(boolean openOnly, long fromMillis, long toMillis, int max) {
        List<IncidentRecord> out = new ArrayList<>();
        for (IncidentRecord r : byId.values()) {
            if ((!openOnly || r.isOpen()) && r.openedAtMillis() >= fromMillis && r.openedAtMillis() <= toMillis) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingLong(IncidentRecord::openedAtMillis)
                .reversed()
                .thenComparing(IncidentRecord::id));
        return out.size() > max ? List.copyOf(out.subList(0, max)) : out;
    }
}
