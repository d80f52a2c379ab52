package org.bluelamp.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One change of durable state, applied whole or not at all: the records it writes (each with the
 * version it expects to find), the index entries it adds and the audit entries it appends. A
 * record's version is 0 before it exists and grows by one with every commit that writes it; a
 * commit whose expected versions are not those found is refused as a conflict (another instance
 * changed the record first) and nothing of it is written.
 *
 * @param changeId unique id of the change (instance and sequence): a commit carrying an id already
 *     committed is a replay and changes nothing
 * @param records the records written, each whole
 * @param indexes sorted-set entries added (e.g. a new unit into {@code bl:{F}:units})
 * @param audit audit entries appended
 *
 * <p>Thread-safety: immutable.
 */
public record Commit(String changeId, List<RecordWrite> records, List<IndexAdd> indexes, List<AuditEntry> audit) {

    public Commit {
        Objects.requireNonNull(changeId, "changeId");
        records = List.copyOf(records);
        indexes = List.copyOf(indexes);
        audit = List.copyOf(audit);
        if (records.isEmpty()) {
            throw new IllegalArgumentException("a commit writes at least one record");
        }
    }

    /**
     * A record written whole.
     *
     * @param name the record's name, e.g. {@code unit:AR21} ({@link Keys#unitRecord})
     * @param expectedVersion the version it must have now (0: it must not exist)
     * @param fields every field of the record
     */
    public record RecordWrite(String name, long expectedVersion, Map<String, String> fields) {
        public RecordWrite {
            Objects.requireNonNull(name, "name");
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
    }

    /**
     * An entry added to an index (a sorted set of the force).
     *
     * @param index which index
     * @param score its score (e.g. registration time, ms)
     * @param member the member (an id)
     */
    public record IndexAdd(Index index, double score, String member) {}

    /** The force's indexes. */
    public enum Index {
        /** Unit ids by registration time. */
        UNITS,
        /** Incident ids by opening time. */
        INCIDENTS,
        /** Road condition ids by the time they were added. */
        CONDITIONS
    }

    /** A commit being built. */
    public static Builder builder(String changeId) {
        return new Builder(changeId);
    }

    /** Builds a {@link Commit}. Not thread-safe. */
    public static final class Builder {
        private final String changeId;
        private final List<RecordWrite> records = new ArrayList<>();
        private final List<IndexAdd> indexes = new ArrayList<>();
        private final List<AuditEntry> audit = new ArrayList<>();

        private Builder(String changeId) {
            this.changeId = changeId;
        }

        public Builder record(String name, long expectedVersion, Map<String, String> fields) {
            records.add(new RecordWrite(name, expectedVersion, fields));
            return this;
        }

        public Builder index(Index index, double score, String member) {
            indexes.add(new IndexAdd(index, score, member));
            return this;
        }

        public Builder audit(AuditEntry entry) {
            audit.add(entry);
            return this;
        }

        public Commit build() {
            return new Commit(changeId, records, indexes, audit);
        }
    }
}
