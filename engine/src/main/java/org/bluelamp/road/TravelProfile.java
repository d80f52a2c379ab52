package org.bluelamp.road;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The ways a unit can travel, each a GraphHopper profile whose search weight is travel time in
 * seconds (distance influence 0, priority 0 or 1), so that prepared (CH) searches rank by time.
 * The custom models ship in {@code map-data/config/profiles/<name>.json}; see map-data/README.md
 * for the model behind {@link #CAR_EMERGENCY}. Node-based: turn costs are not modelled.
 */
public enum TravelProfile {
    /** Normal driving at GraphHopper's average car speeds on roads a car may use. */
    CAR("car"),
    /**
     * Blue-light response driving: the same legal access as {@link #CAR}, faster on main roads
     * (speed-limit exemption, traffic giving way), capped at 140 km/h.
     */
    CAR_EMERGENCY("car_emergency"),
    /** An officer on foot, on ways pedestrians may use. */
    FOOT("foot"),
    /** Cycle patrol, on ways bicycles may use in the direction of travel. */
    BIKE("bike");

    private final String profileName;

    TravelProfile(String profileName) {
        this.profileName = profileName;
    }

    /** The GraphHopper profile name, also the name used on the command line and in the API. */
    public String profileName() {
        return profileName;
    }

    /** Finds a profile by its name, case-insensitively. */
    public static Optional<TravelProfile> find(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (TravelProfile p : values()) {
            if (p.profileName.equals(wanted)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The custom model JSON text shipped for this profile. */
    public String customModelJson() {
        String resource = "/map-data/config/profiles/" + profileName + ".json";
        try (InputStream in = TravelProfile.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("custom model " + resource + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return profileName;
    }
}
