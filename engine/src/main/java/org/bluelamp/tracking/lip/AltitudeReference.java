package org.bluelamp.tracking.lip;

/**
 * The "location altitude type" bit that precedes the 11-bit altitude value:
 * 0 = altitude above the WGS84 ellipsoid, 1 = a user-defined altitude reference.
 */
public enum AltitudeReference {
    WGS84_ELLIPSOID,
    USER_DEFINED
}
