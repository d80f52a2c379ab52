package org.bluelamp.store;

/**
 * What became of a {@link Commit}.
 *
 * @param outcome committed, a replay of a change already committed, or a conflict
 * @param conflictIndex with a conflict, the index in {@link Commit#records()} of the first record
 *     whose version was not the one expected; -1 otherwise
 * @param foundVersion with a conflict, the version found
 *
 * <p>Thread-safety: immutable.
 */
public record CommitResult(Outcome outcome, int conflictIndex, long foundVersion) {
    /** What became of a commit. */
    public enum Outcome {
        /** Written whole. */
        COMMITTED,
        /** Its change id was already committed (a replay after a reconnect): nothing written again. */
        REPLAYED,
        /** A record had another version than expected: nothing written. */
        CONFLICT
    }

    static final CommitResult COMMITTED = new CommitResult(Outcome.COMMITTED, -1, -1);
    static final CommitResult REPLAYED = new CommitResult(Outcome.REPLAYED, -1, -1);

    /** Whether the change is durable (committed now or before). */
    public boolean durable() {
        return outcome != Outcome.CONFLICT;
    }
}
