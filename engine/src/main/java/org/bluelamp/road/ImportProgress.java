package org.bluelamp.road;

/**
 * Receives the progress of {@link RoadNetwork#open(java.nio.file.Path, RoadNetworkOptions,
 * ImportProgress)}: each phase as it starts or advances, then {@link #finished()} once. Called on
 * the thread that opens the network; an implementation must return quickly (it runs between the
 * import's steps).
 */
@FunctionalInterface
public interface ImportProgress {
    /** Reports nothing. */
    ImportProgress NONE = (phase, detail, fraction) -> {};

    /**
     * A phase started or advanced.
     *
     * @param phase the phase
     * @param detail more about it (e.g. {@code "car_emergency (2 of 4)"}), or ""
     * @param fraction how much of the phase is done, 0 to 1, or NaN when not known
     */
    void update(ImportPhase phase, String detail, double fraction);

    /** Opening finished, successfully or not; no update follows. */
    default void finished() {}
}
