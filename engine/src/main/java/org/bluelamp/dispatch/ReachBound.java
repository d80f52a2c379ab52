package org.bluelamp.dispatch;

import org.bluelamp.geo.GeoDistance;

/**
 * The proven ceiling of nearest-first examination: how soon a unit that has not been examined
 * yet could possibly arrive, given that it is at least a certain straight-line distance from the
 * incident. Units are fetched from the fleet's grid nearest-first; once the searches have
 * confirmed every unit below this ceiling, nothing further away can change the answer.
 *
 * <p>For a unit not yet examined, at equirectangular distance at least {@code E} from the
 * incident (the distance the grid ranks by), its road time in milliseconds is at least
 *
 * <pre>
 * ceiling = floor(((E - rho(E) E) - (snapLimit + incidentSnap) (1 + rho(snapLimit)) - slack) / v * 1000)
 * </pre>
 *
 * <ul>
 *   <li>{@code E - rho(E) E} bounds its great-circle distance from below:
 *       {@link GeoDistance#equirectangularRelativeErrorBound} at the largest latitude of the road
 *       graphs (a unit that can be ranked is on them). This lower bound grows with {@code E} for
 *       every distance up to the graphs' extent (checked when the bound is made; otherwise the
 *       ceiling is 0 and every unit is examined), so the unit nearest to the incident gives the
 *       smallest.
 *   <li>{@code snapLimit + incidentSnap}: the straight lines from the unit and from the incident to
 *       the roads they snap to (a unit further than the limit from its road is not ranked), each
 *       measured on the plane, hence the factor.
 *   <li>{@code v} and {@code slack}: the largest top speed and speed slack of the graphs
 *       ({@link org.bluelamp.road.TravelTimeGraph#speedSlackMetres} states why no route between
 *       the snapped points is faster).
 * </ul>
 *
 * <p>Every other part of a unit's ranking time (mobilisation, off-road leg, staleness penalty) is
 * zero or more, so the ceiling bounds its ranking time too. Immutable and thread-safe.
 */
final class ReachBound {
    private final double maxSnapMetres;
    private final double maxMetresPerSecond;
    private final double speedSlackMetres;
    private final double maxAbsLatDeg;
    private final boolean usable;

    /**
     * @param maxSnapMetres the largest distance from a unit to the road it is placed on
     * @param maxMetresPerSecond the largest top speed of the graphs
     * @param speedSlackMetres the largest speed slack of the graphs
     * @param maxAbsLatDeg the largest absolute latitude of the graphs
     * @param extentMetres the largest straight-line distance between two points of the graphs
     */
    ReachBound(
            double maxSnapMetres,
            double maxMetresPerSecond,
            double speedSlackMetres,
            double maxAbsLatDeg,
            double extentMetres) {
        this.maxSnapMetres = maxSnapMetres;
        this.maxMetresPerSecond = maxMetresPerSecond;
        this.speedSlackMetres = speedSlackMetres;
        this.maxAbsLatDeg = maxAbsLatDeg;
        // E (1 - c E^2) grows with E while 3 c E^2 < 1, and rho(E) - 1e-9 = c E^2
        this.usable = maxMetresPerSecond > 0
                && 3 * GeoDistance.equirectangularRelativeErrorBound(extentMetres, maxAbsLatDeg) < 1;
    }

    /**
     * The ceiling in milliseconds (0 or more, below {@code Integer.MAX_VALUE}) for units at least
     * {@code straightMetres} from the incident in equirectangular distance.
     *
     * @param incidentSnapMetres the largest distance from the incident to the roads it is placed on
     */
    int ceilingMillis(double straightMetres, double incidentSnapMetres) {
        if (!usable) {
            return 0;
        }
        double greatCircle =
                straightMetres * (1 - GeoDistance.equirectangularRelativeErrorBound(straightMetres, maxAbsLatDeg));
        double snaps = (maxSnapMetres + incidentSnapMetres)
                * (1 + GeoDistance.equirectangularRelativeErrorBound(maxSnapMetres, maxAbsLatDeg));
        double millis = Math.floor((greatCircle - snaps - speedSlackMetres) / maxMetresPerSecond * 1000);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE - 1, millis));
    }

    /**
     * The ceiling for units of one profile at least {@code straightMetres} from the incident, given
     * how far that profile's search has gone: its frontier (every node it has not settled is at
     * least {@code frontierMillis} from the incident) and its cover (every point of an edge at a
     * settled node, and of the incident's edge, lies within {@code coverMetres} of the incident's
     * snapped point: {@link org.bluelamp.road.ManyToOneSearch#coverMetres}). A unit whose snapped
     * point is outside the cover reaches the incident through a node not settled within the cover,
     * so its road time is at least
     *
     * <pre>
     * frontier + max(0, floor(((E - rho(E) E) - snaps - cover - slack) / v * 1000))
     * </pre>
     *
     * (the snapped point is at least {@code (E - rho(E) E) - snaps} from the incident's, the same
     * terms as {@link #ceilingMillis(double, double)}; the leg to that node takes at least its
     * straight line less the slack at {@code v}, and never less than nothing). Where the snapped
     * point may lie inside the cover, or the search has settled every node it can reach, this is the
     * plain ceiling; it is never below it.
     */
    int ceilingMillis(double straightMetres, double incidentSnapMetres, int frontierMillis, double coverMetres) {
        int plain = ceilingMillis(straightMetres, incidentSnapMetres);
        if (!usable || frontierMillis == Integer.MAX_VALUE) {
            return plain;
        }
        double greatCircle =
                straightMetres * (1 - GeoDistance.equirectangularRelativeErrorBound(straightMetres, maxAbsLatDeg));
        double snaps = (maxSnapMetres + incidentSnapMetres)
                * (1 + GeoDistance.equirectangularRelativeErrorBound(maxSnapMetres, maxAbsLatDeg));
        double beyond = greatCircle - snaps - coverMetres;
        if (!(beyond > 0)) {
            return plain;
        }
        double leg = Math.max(0, Math.floor((beyond - speedSlackMetres) / maxMetresPerSecond * 1000));
        long ceiling = frontierMillis + (long) Math.min(Integer.MAX_VALUE, leg);
        return (int) Math.max(plain, Math.min(Integer.MAX_VALUE - 1, ceiling));
    }
}
