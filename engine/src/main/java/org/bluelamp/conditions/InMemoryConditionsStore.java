package org.bluelamp.conditions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Conditions kept in this process only: lost when it stops, not seen by other replicas. The
 * default store. Thread-safe (synchronized).
 */
public final class InMemoryConditionsStore implements ConditionsStore {
    private final Map<String, Condition> byId = new LinkedHashMap<>();

    @Override
    public synchronized List<Condition> load() {
        return new ArrayList<>(byId.values());
    }

    @Override
    public synchronized void save(Condition condition) {
        byId.put(condition.id(), condition);
    }

    @Override
    public synchronized boolean delete(String id) {
        return byId.remove(id) != null;
    }
}
