package org.bluelamp.coverage;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import org.bluelamp.error.BluelampException;

/**
 * Who is deployed where: the units and the stations they may be based at, and the busy fraction
 * {@code q} of MEXCLP (the probability that a unit is busy when a call comes; Daskin 1983), if
 * the planner gives one. Immutable; checked in the constructor (unique ids, stations known).
 *
 * @param units the units, in the order reported
 * @param stations the stations by id, in the order given
 * @param busyFraction q in [0, 1), or empty for no expected-coverage figures
 */
public record Deployment(List<PlannedUnit> units, Map<String, Station> stations, OptionalDouble busyFraction) {
    public Deployment {
        units = List.copyOf(units);
        stations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stations));
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < units.size(); i++) {
            PlannedUnit u = units.get(i);
            if (!ids.add(u.id())) {
                throw BluelampException.invalid("units[" + i + "].id", "unit id '" + u.id() + "' is listed twice");
            }
            if (!u.station().isEmpty() && !stations.containsKey(u.station())) {
                throw BluelampException.invalid(
                        "units[" + i + "].station",
                        "unit " + u.id() + " is based at station '" + u.station() + "', which is not listed; stations: "
                                + stations.keySet());
            }
        }
        for (Map.Entry<String, Station> e : stations.entrySet()) {
            if (!e.getKey().equals(e.getValue().id())) {
                throw new IllegalArgumentException("station key " + e.getKey() + " is not its id "
                        + e.getValue().id());
            }
        }
        if (busyFraction.isPresent()) {
            checkBusyFraction(busyFraction.getAsDouble(), "busyFraction");
        }
    }

    /** Checks q: at least 0 and below 1 (a unit that is always busy covers nothing). */
    public static double checkBusyFraction(double q, String field) {
        if (!(q >= 0 && q < 1)) {
            throw BluelampException.invalid(field, field + " must be at least 0 and below 1, got " + q);
        }
        return q;
    }

    /** The unit with this id, or -1. */
    public int indexOf(String unitId) {
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).id().equals(unitId)) {
                return i;
            }
        }
        return -1;
    }
}
