package org.bluelamp.road;

/**
 * The phases of opening a road network, in the order they run, for progress reports
 * ({@link ImportProgress}). An unchanged extract only has {@link #CHECKSUM} and {@link #LOADING};
 * a new one goes through all of them.
 */
public enum ImportPhase {
    /** Hashing the extract (SHA-256) to find its graph cache; fraction known. */
    CHECKSUM("checking the extract"),
    /** Reading the OpenStreetMap data into a road graph (two passes over the file). */
    READING("reading OpenStreetMap data"),
    /** Finding and removing road islands not connected to the main network, per profile. */
    SUBNETWORKS("removing unconnected road islands"),
    /** Building the spatial index used for snapping. */
    INDEX("building the spatial index"),
    /** Preparing each travel profile's contraction hierarchy; fraction known (profiles done). */
    PROFILES("preparing travel profiles"),
    /** Writing the graph cache to disk. */
    WRITING("writing the graph cache"),
    /** Loading the graph cache into memory. */
    LOADING("loading the graph cache");

    private final String description;

    ImportPhase(String description) {
        this.description = description;
    }

    /** What the phase does, in a few words, for people. */
    public String description() {
        return description;
    }
}
