package org.bluelamp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bluelamp.conditions.Condition;
import org.bluelamp.conditions.ConditionsGeoJson;
import org.bluelamp.conditions.ConditionsStore;
import org.bluelamp.conditions.CongestionProfile;
import org.bluelamp.conditions.InMemoryConditionsStore;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.dispatch.UrbanAreas;
import org.bluelamp.error.BluelampException;
import org.bluelamp.road.RoadNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * Road conditions for the map commands ({@code recommend}, {@code serve}): closures and slowdowns
 * from a GeoJSON file, and the time-of-day congestion profile (the shipped England profile unless
 * another file or {@code none} is given). Every error names the option and the place in the file.
 *
 * <p>A picocli mixin; one instance per invocation, not thread-safe.
 */
final class ConditionOptions {
    private static final Logger LOG = LoggerFactory.getLogger(ConditionOptions.class);

    @Option(
            names = "--closures",
            paramLabel = "<geojson>",
            description = "Road closures and slowdowns in force: a GeoJSON FeatureCollection (Polygon, Point with "
                    + "radiusMetres, or LineString of two points; properties id, reason, start, end, profiles, kind, "
                    + "speedFactor, roadClasses). See the README.")
    Path closures;

    @Option(
            names = "--congestion",
            paramLabel = "<file|none>",
            description = "Typical traffic by hour of the week (JSON); 'none' for none (default: the shipped England "
                    + "profile, map-data/config/congestion/england.json).")
    String congestion;

    /** The conditions of a network: the profile, and every condition of the file put in force. */
    RoadConditions open(RoadNetwork network, UrbanAreas urban) {
        return open(network, urban, new InMemoryConditionsStore());
    }

    /**
     * As {@link #open(RoadNetwork, UrbanAreas)}, over a store that may already hold conditions (a
     * restart with {@code --redis}): they are restored first, and a condition of the file whose id
     * the store already holds is not added again (the stored one stays; the log says so).
     */
    RoadConditions open(RoadNetwork network, UrbanAreas urban, ConditionsStore store) {
        CongestionProfile profile = congestion == null
                ? CongestionProfile.loadDefault()
                : congestion.equalsIgnoreCase("none")
                        ? CongestionProfile.none()
                        : CongestionProfile.load(Path.of(congestion), "--congestion");
        RoadConditions rc = RoadConditions.create(network, profile, urban.polygons(), store);
        if (!rc.list().isEmpty()) {
            LOG.info("{} road condition(s) restored from the store", rc.list().size());
        }
        for (Condition c : read()) {
            if (rc.find(c.id()).isPresent()) {
                LOG.info("--closures: {} {} is kept from the store, not added again", c.kind(), c.id());
                continue;
            }
            String at = "--closures " + closures + ": " + c.kind() + " " + c.id() + ": ";
            try {
                rc.add(c, canonical -> at + canonical);
            } catch (BluelampException e) {
                throw new BluelampException(e.kind(), "--closures", e.getMessage(), e);
            }
        }
        return rc;
    }

    /** The conditions of the file (none without {@code --closures}). */
    List<Condition> read() {
        if (closures == null) {
            return List.of();
        }
        if (!Files.isRegularFile(closures)) {
            throw BluelampException.invalid(
                    "--closures", "--closures " + closures + " does not exist or is not a file");
        }
        try {
            return ConditionsGeoJson.read(Files.readString(closures), "--closures " + closures, "--closures");
        } catch (IOException e) {
            throw BluelampException.invalid(
                    "--closures", "--closures " + closures + " cannot be read: " + e.getMessage());
        }
    }
}
