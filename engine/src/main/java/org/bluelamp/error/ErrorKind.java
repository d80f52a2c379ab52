package org.bluelamp.error;

/**
 * What kind of failure a {@link BluelampException} reports. The service maps each kind to one gRPC
 * status code in one place; the command line maps each to an exit code.
 */
public enum ErrorKind {
    /** The caller sent something wrong: a bad coordinate, an unknown grade, an oversized batch. */
    INVALID_ARGUMENT,
    /** The caller named something that does not exist: an unknown unit. */
    NOT_FOUND,
    /** The caller tried to create something that exists already: a unit id registered twice. */
    ALREADY_EXISTS,
    /** The request is well formed but the state forbids it: an illegal status transition. */
    FAILED_PRECONDITION,
    /** The road network cannot answer: no route between two snapped points. */
    NO_ROUTE,
    /** Something outside the caller's control failed: an unreadable map file, a full disk. */
    UNAVAILABLE,
    /** The answer asked for would be too large to send: e.g. a national map's coverage gaps as geometry. */
    RESOURCE_EXHAUSTED
}
