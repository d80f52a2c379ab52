package org.bluelamp.fleet;

import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a unit is, as registered: the parts that change at most once a shift.
 *
 * @param id the unit's id, unique in the force: the radio's ISSI or any string id (1 to 64
 *     characters, no surrounding blanks)
 * @param callsign the call sign used on the radio, e.g. {@code "AR21"}
 * @param kind what the unit is; decides its routing profile
 * @param capabilities capability codes (checked against the fleet's {@link CapabilityRegistry} at
 *     registration); stored sorted and unmodifiable
 * @param crewSize officers crewing the unit, at least 1
 * @param homeStation the station the unit works from (may be empty when not known)
 *
 * <p>Thread-safety: immutable.
 */
public record UnitSpec(
        String id, String callsign, UnitKind kind, Set<String> capabilities, int crewSize, String homeStation) {

    /** Validates every field; messages name the field. */
    public UnitSpec {
        Objects.requireNonNull(id, "id");
        if (id.isEmpty() || id.length() > 64 || !id.strip().equals(id)) {
            throw new IllegalArgumentException(
                    "id '" + id + "' is not valid: give 1 to 64 characters without surrounding blanks");
        }
        Objects.requireNonNull(callsign, "callsign");
        if (callsign.isBlank()) {
            throw new IllegalArgumentException("callsign is blank for unit '" + id + "'");
        }
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(capabilities, "capabilities");
        TreeSet<String> caps = new TreeSet<>();
        for (String c : capabilities) {
            if (c == null || c.isBlank()) {
                throw new IllegalArgumentException("capabilities of unit '" + id + "' contain a blank code");
            }
            caps.add(c);
        }
        capabilities = Collections.unmodifiableSet(caps);
        if (crewSize < 1) {
            throw new IllegalArgumentException("crewSize " + crewSize + " of unit '" + id + "' must be at least 1");
        }
        homeStation = homeStation == null ? "" : homeStation;
    }

    /** A single-crewed unit without capabilities or station, e.g. for auto-registered radios. */
    public static UnitSpec minimal(String id, UnitKind kind) {
        return new UnitSpec(id, id, kind, Set.of(), 1, "");
    }
}
