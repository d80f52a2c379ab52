package org.bluelamp.store;

import java.util.regex.Pattern;
import org.bluelamp.error.BluelampException;
import org.bluelamp.input.Echo;

/**
 * Where a force's state lives in Redis. Every key starts with {@code bl:{<force>}:}: the braces
 * are a Redis Cluster hash tag, so all of a force's keys hash to one slot, live on one node of a
 * cluster, and the multi-key scripts that make a change atomic may touch any of them. A force is
 * the unit of sharding: a national deployment runs each force's engines against the force's own
 * keys, spread over the cluster's masters by slot.
 *
 * <table>
 *   <caption>Keys of force F</caption>
 *   <tr><th>key</th><th>type</th><th>what</th></tr>
 *   <tr><td>{@code bl:{F}:unit:<id>}</td><td>hash</td><td>a unit: description, status, grade,
 *       status time, assigned incident, {@code version}, last {@code change} id</td></tr>
 *   <tr><td>{@code bl:{F}:units}</td><td>sorted set</td><td>unit ids by registration time</td></tr>
 *   <tr><td>{@code bl:{F}:incident:<id>}</td><td>hash</td><td>an incident: location, grade, type,
 *       opened and closed times, units assigned (JSON), {@code version}</td></tr>
 *   <tr><td>{@code bl:{F}:incidents}</td><td>sorted set</td><td>incident ids by opening time</td></tr>
 *   <tr><td>{@code bl:{F}:condition:<id>}</td><td>hash</td><td>a road closure or slowdown: its
 *       fields ({@code org.bluelamp.conditions.ConditionFields}: kind, reason, window, profiles,
 *       area as WKB and GeoJSON, circle, road or road classes, speed factor), who added it and
 *       when ({@code addedBy}, {@code addedAt}), {@code removed} ({@code 1} once removed, with
 *       {@code removedBy}, {@code removedAt}), {@code version}</td></tr>
 *   <tr><td>{@code bl:{F}:conditions}</td><td>sorted set</td><td>condition ids by the time they
 *       were (last) added</td></tr>
 *   <tr><td>{@code bl:{F}:changes}</td><td>stream</td><td>every committed record, whole, in
 *       commit order: what replicas follow</td></tr>
 *   <tr><td>{@code bl:{F}:fixes}</td><td>stream</td><td>the fix journal: one entry per batch,
 *       {@code fixes} = one line per fix, tab-separated</td></tr>
 *   <tr><td>{@code bl:{F}:latest}</td><td>hash</td><td>unit id to its newest journaled fix</td></tr>
 *   <tr><td>{@code bl:{F}:positions}</td><td>geo set</td><td>unit id at its newest position</td></tr>
 *   <tr><td>{@code bl:{F}:audit}</td><td>stream</td><td>the audit trail</td></tr>
 *   <tr><td>{@code bl:{F}:replicas}</td><td>hash</td><td>each instance's stream positions</td></tr>
 *   <tr><td>{@code bl:{F}:done:<change>}</td><td>string</td><td>marks a committed change for an
 *       hour, so that a command replayed after a reconnect is not applied twice</td></tr>
 * </table>
 *
 * <p>Thread-safety: immutable.
 */
public final class Keys {
    private static final Pattern FORCE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private final String force;
    private final String prefix;

    /**
     * The keys of one force.
     *
     * @param force the force's code: 1 to 32 letters, digits, '_' or '-'
     * @throws BluelampException INVALID_ARGUMENT naming {@code --force} otherwise
     */
    public Keys(String force) {
        if (force == null || !FORCE.matcher(force).matches()) {
            throw BluelampException.invalid(
                    "--force",
                    "--force " + Echo.quote(force) + " is not a force code: give 1 to 32 letters, digits, '_' or '-'"
                            + " (e.g. the force's initials)");
        }
        this.force = force;
        this.prefix = "bl:{" + force + "}:";
    }

    /** The force's code. */
    public String force() {
        return force;
    }

    /** The prefix of every key of this force, {@code bl:{F}:}. */
    public String prefix() {
        return prefix;
    }

    /** The key of a record by its name ({@code unit:AR21}, {@code incident:INC-1}). */
    public String record(String recordName) {
        return prefix + recordName;
    }

    /** The record name of a unit. */
    public static String unitRecord(String unitId) {
        return "unit:" + unitId;
    }

    /** The record name of an incident. */
    public static String incidentRecord(String incidentId) {
        return "incident:" + incidentId;
    }

    /** The record name of a road condition (closure or slowdown). */
    public static String conditionRecord(String conditionId) {
        return "condition:" + conditionId;
    }

    public String conditions() {
        return prefix + "conditions";
    }

    public String units() {
        return prefix + "units";
    }

    public String incidents() {
        return prefix + "incidents";
    }

    public String changes() {
        return prefix + "changes";
    }

    public String fixes() {
        return prefix + "fixes";
    }

    public String latest() {
        return prefix + "latest";
    }

    public String positions() {
        return prefix + "positions";
    }

    public String audit() {
        return prefix + "audit";
    }

    public String replicas() {
        return prefix + "replicas";
    }

    /** The marker of a committed change. */
    public String done(String changeId) {
        return prefix + "done:" + changeId;
    }
}
