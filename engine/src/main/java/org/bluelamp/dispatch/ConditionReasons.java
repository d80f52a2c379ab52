package org.bluelamp.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bluelamp.conditions.Closure;
import org.bluelamp.conditions.RoadConditions;
import org.bluelamp.geo.GeoPoint;
import org.bluelamp.road.EdgeConditions;
import org.bluelamp.road.EdgePlacement;
import org.bluelamp.road.ManyToOneSearch;
import org.bluelamp.road.RoadPath;

/**
 * What road conditions did to a listed unit, in its reasons: typical traffic for the hour on its
 * route ("typical traffic (weekday evening peak): +1 min 5 s on its route"), the closures its
 * route avoids and the slowdowns on it with what they cost ("avoids closure C12 (bridge shut):
 * +2 min"), a unit inside a closure, and the incident reached at the nearest open road.
 *
 * <p>The cost of closures and slowdowns is the difference against the unit's time under typical
 * traffic alone (the congestion profile, no closure or slowdown), found with a second search from
 * the incident's own place. That search runs only for units the conditions may have changed: the
 * ranking's search records when it first met a closed or slowed edge
 * ({@link ManyToOneSearch#conditionsMetMillis}), and a unit confirmed before that, on an untouched
 * edge, towards an incident that was not moved, has exactly its time without them.
 *
 * <p>Not thread-safe: used by one query thread's assembler.
 */
final class ConditionReasons {
    private ConditionReasons() {}

    /** Adds the condition reasons of one listed unit (source {@code src} of {@code pr}). */
    static void add(List<String> reasons, RankingQuery q, ProfileRanking pr, int src, RoadPath path) {
        RoadConditions conditions = q.conditions;
        EdgeConditions base = EdgeConditions.none(pr.graph());
        EdgeConditions typical = conditions.typicalAt(pr.profile, q.nowMillis);
        if (typical.timeFactors() != null) {
            long typicalMillis = typical.routeMillis(path);
            long baseMillis = base.routeMillis(path);
            if (typicalMillis >= 0 && baseMillis >= 0 && typicalMillis - baseMillis >= 1000) {
                int hour = conditions.congestion().hourOfWeek(q.nowMillis);
                reasons.add(ReasonTexts.congestion(
                        conditions.congestion().periodName(hour), (typicalMillis - baseMillis) / 1000.0));
            }
        }
        EdgePlacement from = path.from();
        EdgePlacement inside = q.incidentInsideClosure(pr.profile);
        if (q.isClosed(pr.profile, from.edgeId())) {
            reasons.add(ReasonTexts.unitInsideClosure(q.closuresOn(pr.profile, from.edgeId())));
        }
        boolean affected = inside != null
                || q.isMarked(pr.profile, from.edgeId())
                || pr.roadMillis(src) >= pr.conditionsMetMillis();
        if (!affected) {
            return;
        }
        EdgePlacement target = inside != null ? inside : pr.incident;
        ManyToOneSearch ref = pr.referenceSearch();
        ref.start(target, typical);
        int rs = ref.addSource(from, 0);
        ref.run((source, total) -> true, Integer.MAX_VALUE);
        if (!ref.isConfirmed(rs)) {
            return;
        }
        long refAccess = Math.round(target.snapDistanceMetres() / pr.offRoadMetresPerSecond[src] * 1000);
        long costMillis = (long) pr.roadMillis(src) + pr.accessMillis[src] - ref.roadMillis(rs) - refAccess;
        if (costMillis < 1000) {
            return;
        }
        Set<String> closures = new LinkedHashSet<>();
        RoadPath refPath = ref.path(rs);
        for (int e : edgesOf(refPath)) {
            closures.addAll(q.closuresOn(pr.profile, e));
        }
        Set<String> slowdowns = new LinkedHashSet<>();
        for (int e : edgesOf(path)) {
            slowdowns.addAll(q.slowdownsOn(pr.profile, e));
        }
        reasons.add(ReasonTexts.conditionsCost(
                new ArrayList<>(closures), new ArrayList<>(slowdowns), inside != null, costMillis / 1000.0));
    }

    /** The incident's note when it lies inside a closure for a profile, else null. */
    static String incidentNote(RankingQuery q, ProfileRanking pr) {
        EdgePlacement inside = q.incidentInsideClosure(pr.profile);
        if (inside == null) {
            return null;
        }
        GeoPoint at = pr.incident.snapped();
        return ReasonTexts.incidentInsideClosure(
                q.closuresOn(pr.profile, inside.edgeId()), pr.profile, pr.incident.snapDistanceMetres(), at);
    }

    /** Every edge a route touches: the source's, those travelled, the target's. */
    private static int[] edgesOf(RoadPath path) {
        int[] edges = path.edges();
        int[] all = new int[edges.length + 2];
        all[0] = path.from().edgeId();
        System.arraycopy(edges, 0, all, 1, edges.length);
        all[all.length - 1] = path.to().edgeId();
        return all;
    }

    /** Labels of the closures of a request, for the answer's list of conditions in force. */
    static List<String> whatIfLabels(List<Closure> closures) {
        List<String> out = new ArrayList<>();
        for (Closure c : closures) {
            out.add(c.label() + " (this request)");
        }
        return out;
    }
}
