package org.bluelamp.fleet;

/**
 * Told of every fix that became its unit's newest position, right after the fleet took it: the
 * seam through which the dispatcher places a unit on the road graphs once per fix instead of once
 * per query that examines it ({@code org.bluelamp.dispatch.IntakePlacement}).
 *
 * <p>Thread-safety: called on the fleet's single fix-writer thread only (see {@link FleetState});
 * an implementation must not block and must not throw (whatever it does, the fix is already in
 * the fleet).
 */
@FunctionalInterface
public interface PositionListener {
    /**
     * A unit's newest position changed.
     *
     * @param unitIndex the unit's dense index
     * @param latDeg the new latitude, degrees
     * @param lonDeg the new longitude, degrees
     */
    void moved(int unitIndex, double latDeg, double lonDeg);
}
