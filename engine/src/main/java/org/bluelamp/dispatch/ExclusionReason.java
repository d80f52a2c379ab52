package org.bluelamp.dispatch;

/** Why a unit of the fleet was left out of a recommendation. */
public enum ExclusionReason {
    /** Its status makes it ineligible for this grade (e.g. off duty, or busy on equal or higher-grade work). */
    WRONG_STATUS,
    /** It lacks a capability the request or response plan needs. */
    MISSING_CAPABILITY,
    /** Its radio has never reported a position. */
    NO_POSITION,
    /** Its last position is older than the grade policy accepts. */
    STALE_BEYOND_LIMIT,
    /** Its position is too far from any road its kind may use, or outside the map. */
    OFF_ROAD_NETWORK,
    /** The road network has no route from it to the incident. */
    NO_ROAD_ROUTE,
    /** It is eligible and has a route, but others were faster and the request's list was full. */
    NOT_AMONG_FASTEST,
    /**
     * Not examined: it has never reported a position, or it is so far away in a straight line
     * that it could not reach the incident before the listed units even at the road network's top
     * speed.
     */
    NOT_EXAMINED;

    /** The lower-case name used in JSON and gRPC answers, e.g. {@code wrong_status}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
