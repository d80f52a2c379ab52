package org.bluelamp.dispatch;

import java.util.List;
import java.util.Objects;
import org.bluelamp.fleet.UnitKind;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.TravelProfile;

/**
 * One recommended unit with everything the ranking knows about it. Immutable.
 *
 * @param rank 1 for the first recommended unit
 * @param unitId the unit's id
 * @param callsign the unit's call sign
 * @param kind what the unit is
 * @param profile the travel profile its time was computed with
 * @param status its status now
 * @param divertedFromGrade the grade of the task it would be diverted from, or "" if none
 * @param etaSeconds estimated time of arrival from now: mobilisation + off-road leg + road time +
 *     access leg
 * @param roadSeconds road travel time from its snapped position to the incident (the part
 *     GraphHopper's own route confirms)
 * @param mobilisationSeconds time to get going from its status (policy)
 * @param offRoadSeconds time from its reported position to the road
 * @param accessSeconds time from the road to the incident (the incident's own distance to the road
 *     of its profile at its off-road speed; 0 for an incident on the road)
 * @param distanceMetres road distance of its route
 * @param straightLineMetres great-circle distance from its position to the incident
 * @param straightLineRank its rank among the eligible units by straight-line distance (1 = nearest)
 * @param meetsTarget whether {@code etaSeconds} is within the grade's attendance target
 * @param fixAgeSeconds age of its position at the time of the request
 * @param stale whether its position is stale (older than its usual reporting allows)
 * @param rankingSeconds the key it was ranked by: ETA plus any staleness penalty
 * @param inResponsePlan the response-plan requirement it fills, or "" if none
 * @param reasons short, human-readable reasons for its place in the list
 * @param encodedPolyline its route to the incident (Google polyline, precision 5)
 */
public record Candidate(
        int rank,
        String unitId,
        String callsign,
        UnitKind kind,
        TravelProfile profile,
        UnitStatus status,
        String divertedFromGrade,
        double etaSeconds,
        double roadSeconds,
        double mobilisationSeconds,
        double offRoadSeconds,
        double accessSeconds,
        double distanceMetres,
        double straightLineMetres,
        int straightLineRank,
        boolean meetsTarget,
        double fixAgeSeconds,
        boolean stale,
        double rankingSeconds,
        String inResponsePlan,
        List<String> reasons,
        String encodedPolyline) {
    public Candidate {
        Objects.requireNonNull(unitId, "unitId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        reasons = List.copyOf(reasons);
        divertedFromGrade = Objects.requireNonNullElse(divertedFromGrade, "");
        inResponsePlan = Objects.requireNonNullElse(inResponsePlan, "");
        callsign = Objects.requireNonNullElse(callsign, "");
    }
}
