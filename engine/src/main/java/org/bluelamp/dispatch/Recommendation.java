package org.bluelamp.dispatch;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The answer to an {@link IncidentRequest}: the ranked candidates, the units that fulfil the
 * incident's response plan, and how many units were left out and why. Immutable.
 *
 * @param incidentId as requested
 * @param grade the grade code
 * @param gradeName the grade's name, e.g. "Emergency"
 * @param urban whether the incident lies in an urban area (which target applies)
 * @param targetSeconds the attendance target for this grade and area, if the grade has one
 * @param candidates the fastest eligible units, fastest first, at most the number requested
 * @param responsePlan units chosen to fulfil the response plan, fastest first (empty without a plan)
 * @param planFulfilled whether the fleet can fulfil the whole response plan
 * @param unmetRequirements plan requirements no available unit can fill, e.g. "1 x dog"
 * @param excluded units left out, counted by reason
 * @param incidentOffRoadMetres straight-line distance from the incident to the nearest road any
 *     unit may use (each candidate's {@code accessSeconds} is its own profile's leg from the road)
 * @param searchedNodes road nodes the searches settled (the measure of work)
 * @param computeMicros wall time spent, microseconds
 * @param conditionsInForce the road conditions the ranking used: closures and slowdowns in force
 *     (and the request's own), and the typical-traffic period of the hour, as labels
 * @param conditionNotes what the conditions did to the incident itself, e.g. that it lies on a
 *     closed road and is reached at the nearest open one
 */
public record Recommendation(
        String incidentId,
        String grade,
        String gradeName,
        boolean urban,
        OptionalDouble targetSeconds,
        List<Candidate> candidates,
        List<Candidate> responsePlan,
        boolean planFulfilled,
        List<String> unmetRequirements,
        Map<ExclusionReason, Integer> excluded,
        double incidentOffRoadMetres,
        long searchedNodes,
        long computeMicros,
        List<String> conditionsInForce,
        List<String> conditionNotes) {
    public Recommendation {
        conditionsInForce = List.copyOf(conditionsInForce);
        conditionNotes = List.copyOf(conditionNotes);
        candidates = List.copyOf(candidates);
        responsePlan = List.copyOf(responsePlan);
        unmetRequirements = List.copyOf(unmetRequirements);
        excluded = Map.copyOf(excluded);
    }
}
