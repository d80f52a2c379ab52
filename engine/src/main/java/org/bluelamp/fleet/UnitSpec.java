package org.bluelamp.fleet;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.bluelamp.input.Echo;
import org.bluelamp.input.Ids;

/**
 * What a unit is, as registered: the parts that change at most once a shift.
 *
 * @param id the unit's id, unique in the force: the radio's ISSI or any string id ({@link Ids})
 * @param callsign the call sign used on the radio, e.g. {@code "AR21"} ({@link Ids})
 * @param kind what the unit is; decides its routing profile
 * @param capabilities capability codes (checked against the fleet's {@link CapabilityRegistry} at
 *     registration); stored sorted and unmodifiable
 * @param crewSize officers crewing the unit, at least 1
 * @param homeStation the station the unit works from, an id ({@link Ids}), or empty when not known
 *
 * <p>Thread-safety: immutable.
 */
public record UnitSpec(
        String id, String callsign, UnitKind kind, Set<String> capabilities, int crewSize, String homeStation) {

    /** Validates every field by the one id rule ({@link Ids}); messages name the field. */
    public UnitSpec {
        checkId("id", Objects.requireNonNull(id, "id"), id);
        checkId("callsign", Objects.requireNonNull(callsign, "callsign"), id);
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(capabilities, "capabilities");
        TreeSet<String> caps = new TreeSet<>();
        for (String c : capabilities) {
            checkId("capabilities", c, id);
            caps.add(c);
        }
        capabilities = Collections.unmodifiableSet(caps);
        if (crewSize < 1) {
            throw new IllegalArgumentException(
                    "crewSize " + crewSize + " of unit " + Echo.quote(id) + " must be at least 1");
        }
        homeStation = homeStation == null ? "" : homeStation;
        if (!homeStation.isEmpty()) {
            checkId("homeStation", homeStation, id);
        }
    }

    private static void checkId(String field, String value, String unitId) {
        String why = Ids.problem(value);
        if (why != null) {
            throw new IllegalArgumentException(
                    field + " " + Echo.quote(value) + " of unit " + Echo.quote(unitId) + " is not a valid id: " + why);
        }
    }

    /** A single-crewed unit without capabilities or station, e.g. for auto-registered radios. */
    public static UnitSpec minimal(String id, UnitKind kind) {
        return new UnitSpec(id, id, kind, Set.of(), 1, "");
    }
}
