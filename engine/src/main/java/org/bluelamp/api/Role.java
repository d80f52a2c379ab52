package org.bluelamp.api;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller may do, decided by its bearer token (see {@link AccessPolicy}).
 *
 * <ul>
 *   <li>{@link #GATEWAY}: stream fixes and submit LIP reports, nothing else;
 *   <li>{@link #CONSOLE}: read the fleet, watch it, ask for recommendations, set statuses, assign;
 *       add, remove and list road closures and slowdowns;
 *   <li>{@link #PLANNER}: list road conditions; evaluate coverage and its what-ifs, place units
 *       ({@code dispatch.v1.Planning});
 *   <li>{@link #METRICS}: read {@code /metrics} and the detailed {@code /health} (a scraper's
 *       token), no call;
 *   <li>{@link #ADMIN}: register and update units, and everything the other roles may do.
 * </ul>
 *
 * <p>Thread-safety: immutable.
 */
public enum Role {
    /** A radio gateway. */
    GATEWAY,
    /** A dispatcher's console. */
    CONSOLE,
    /** A resource planner. */
    PLANNER,
    /** A metrics scraper. */
    METRICS,
    /** An administrator. */
    ADMIN;

    /** The lower-case name used in the auth file, e.g. {@code console}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role with this code, case-insensitively. */
    public static Optional<Role> find(String code) {
        for (Role r : values()) {
            if (r.code().equalsIgnoreCase(code == null ? "" : code.trim())) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** Whether a caller in this role may make a call that requires {@code required}. */
    public boolean mayActAs(Role required) {
        return this == required || this == ADMIN;
    }
}
