package org.bluelamp.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.bluelamp.fleet.Unit;
import org.bluelamp.fleet.UnitStatus;
import org.bluelamp.road.Polyline;
import org.bluelamp.road.RoadNetwork;
import org.bluelamp.road.RoadPath;

/**
 * Turns a finished {@link RankingQuery} into a {@link Recommendation}: merges the units every
 * profile's search confirmed into one order by ranking time, lists the fastest K listable ones,
 * fills the response plan (offering units in the same order to the {@link PlanMatcher}), states
 * what the plan still lacks, and counts every unit left out by reason, so that each unit of the
 * fleet is either listed or counted.
 *
 * <p>The merge order is a sort of {@code rankingMillis << 32 | i}, {@code i} numbering the
 * confirmed units profile after profile: ties are broken by profile, then by the order units were
 * added, and nothing limits how many units or profiles a query holds (ranking times are below
 * 2^31 ms, checked).
 *
 * <p>Not thread-safe: one per query thread, reused (its scratch arrays grow to the largest query).
 */
final class RecommendationAssembler {
    private final RoadNetwork network;
    private long[] order = new long[64];
    private int[] profileStart = new int[8];
    private boolean[] listed = new boolean[64];

    RecommendationAssembler(RoadNetwork network) {
        this.network = network;
    }

    Recommendation assemble(
            RankingQuery q, IncidentRequest request, boolean urban, OptionalDouble target, long startNanos) {
        ProfileRanking[] profiles = q.profiles;
        int profileCount = q.profileCount;
        // sources of profile k have the global numbers profileStart[k] .. profileStart[k+1]-1
        if (profileStart.length < profileCount + 1) {
            profileStart = new int[profileCount + 1];
        }
        int total = 0;
        int confirmed = 0;
        for (int k = 0; k < profileCount; k++) {
            profileStart[k] = total;
            total += profiles[k].count;
            confirmed += profiles[k].confirmedCount();
        }
        profileStart[profileCount] = total;
        if (order.length < confirmed) {
            order = new long[Math.max(confirmed, order.length * 2)];
        }
        if (listed.length < total) {
            listed = new boolean[Math.max(total, listed.length * 2)];
        }
        Arrays.fill(listed, 0, total, false);
        int n = 0;
        for (int k = 0; k < profileCount; k++) {
            ProfileRanking pk = profiles[k];
            for (int i = 0; i < pk.confirmedCount(); i++) {
                int src = pk.confirmedSource(i);
                long key = profiles[k].rankingMillis(src);
                if (key > Integer.MAX_VALUE) {
                    throw new IllegalStateException("ranking time " + key + " ms does not fit the sort key");
                }
                order[n++] = (key << 32) | (profileStart[k] + src);
            }
        }
        Arrays.sort(order, 0, n);
        List<Candidate> candidates = new ArrayList<>();
        List<int[]> planPicks = new ArrayList<>();
        PlanMatcher matcher = q.matcher;
        int slotCount = q.slotCount;
        if (slotCount > 0) {
            matcher.reset(q.slotMasks, slotCount);
        }
        for (int i = 0; i < n; i++) {
            int global = (int) order[i];
            int k = profileOf(global, profileCount);
            int src = global - profileStart[k];
            ProfileRanking pr = profiles[k];
            if ((pr.purposes[src] & Eligibility.LISTABLE) != 0 && candidates.size() < request.maxCandidates()) {
                candidates.add(candidate(candidates.size() + 1, q, pr, src, target, urban, ""));
                listed[global] = true;
            }
            if (slotCount > 0 && (pr.purposes[src] & Eligibility.PLAN_FILLER) != 0 && !matcher.complete()) {
                int handle = matcher.offer(pr.capabilityMask[src]);
                if (handle >= 0) {
                    planPicks.add(new int[] {k, src, handle});
                    listed[global] = true;
                }
            }
        }
        List<Candidate> planCandidates = new ArrayList<>();
        for (int[] pick : planPicks) {
            int slot = matcher.slotOf(pick[2]);
            planCandidates.add(candidate(
                    planCandidates.size() + 1,
                    q,
                    profiles[pick[0]],
                    pick[1],
                    target,
                    urban,
                    slot >= 0 ? q.slotLabels[slot] : ""));
        }
        List<String> unmet = new ArrayList<>();
        if (slotCount > 0) {
            Map<String, Integer> missing = new LinkedHashMap<>();
            for (int s = 0; s < slotCount; s++) {
                if (!matcher.isFilled(s)) {
                    String label = q.slotLabels[s];
                    missing.merge(label.substring(label.indexOf(" x ") + 3), 1, Integer::sum);
                }
            }
            missing.forEach((caps, count) -> unmet.add(count + " x " + caps));
        }
        // eligible units not listed: no route (search exhausted) or simply not among the fastest
        for (int k = 0; k < profileCount; k++) {
            ProfileRanking pr = profiles[k];
            for (int src = 0; src < pr.count; src++) {
                if (!listed[profileStart[k] + src]) {
                    boolean noRoute = pr.noRoute(src);
                    q.exclude(noRoute ? ExclusionReason.NO_ROAD_ROUTE : ExclusionReason.NOT_AMONG_FASTEST);
                }
            }
        }
        int notExamined = q.fleet().unitCount() - q.examinedCount();
        if (notExamined > 0) {
            // every unit with a position was examined unless the search stopped early
            q.excluded[(q.allExamined ? ExclusionReason.NO_POSITION : ExclusionReason.NOT_EXAMINED).ordinal()] +=
                    notExamined;
        }
        Map<ExclusionReason, Integer> excludedMap = new EnumMap<>(ExclusionReason.class);
        for (ExclusionReason reason : ExclusionReason.values()) {
            if (q.excluded[reason.ordinal()] > 0) {
                excludedMap.put(reason, q.excluded[reason.ordinal()]);
            }
        }
        List<String> inForce = new ArrayList<>();
        for (org.bluelamp.conditions.RoadConditions.Entry e : q.conditionsInForce()) {
            inForce.add(e.condition().kind() + " " + e.condition().label());
        }
        for (String w : ConditionReasons.whatIfLabels(q.whatIfClosures())) {
            inForce.add("closure " + w);
        }
        String period =
                q.conditions.congestion().periodName(q.conditions.congestion().hourOfWeek(q.nowMillis));
        if (!period.isEmpty()) {
            inForce.add("typical traffic: " + period);
        }
        List<String> notes = new ArrayList<>();
        for (int k = 0; k < profileCount; k++) {
            String note = ConditionReasons.incidentNote(q, profiles[k]);
            if (note != null) {
                notes.add(note);
            }
        }
        long micros = (System.nanoTime() - startNanos) / 1000;
        return new Recommendation(
                request.incidentId(),
                q.grade.code(),
                q.grade.name(),
                urban,
                target,
                candidates,
                planCandidates,
                slotCount == 0 || matcher.complete(),
                unmet,
                excludedMap,
                q.incidentRoadDistanceMetres,
                q.settledNodes(),
                micros,
                inForce,
                notes);
    }

    private int profileOf(int global, int profileCount) {
        int k = 0;
        while (global >= profileStart[k + 1]) {
            k++;
        }
        return k;
    }

    private Candidate candidate(
            int rank,
            RankingQuery q,
            ProfileRanking pr,
            int src,
            OptionalDouble target,
            boolean urban,
            String planSlot) {
        Unit u = q.fleet().unit(pr.unitIndex[src]);
        UnitStatus unitStatus = pr.status[src];
        double road = pr.roadMillis(src) / 1000.0;
        double mobil = pr.mobilisationMillis[src] / 1000.0;
        double offRoad = pr.offRoadMillis[src] / 1000.0;
        double access = pr.accessMillis[src] / 1000.0;
        // sums in whole milliseconds, divided once: the seconds reported then order exactly as the
        // sort key does (a sum of separately divided doubles can differ from it in the last bit)
        long rankingMillis = pr.rankingMillis(src);
        double eta = (rankingMillis - pr.penaltyMillis[src]) / 1000.0;
        double ranking = rankingMillis / 1000.0;
        boolean meets = target.isPresent() && eta <= target.getAsDouble();
        int straightRank = 1; // among every eligible unit of every profile
        for (int k = 0; k < q.profileCount; k++) {
            ProfileRanking other = q.profiles[k];
            for (int i = 0; i < other.count; i++) {
                if (other.straightMetres[i] < pr.straightMetres[src]) {
                    straightRank++;
                }
            }
        }
        double roadMetres = pr.roadMetres(src);
        String diverted = pr.divertedFrom[src];
        double ageSeconds = pr.fixAgeMillis[src] / 1000.0;
        List<String> reasons = new ArrayList<>();
        reasons.add(ReasonTexts.status(unitStatus, diverted, mobil));
        reasons.add(ReasonTexts.eta(eta, road, pr.profile, roadMetres, offRoad, access));
        if (access >= 1) {
            reasons.add(ReasonTexts.incidentOffRoad(pr.incident.snapDistanceMetres(), pr.profile));
        }
        if (target.isPresent()) {
            reasons.add(ReasonTexts.target(eta, target.getAsDouble(), urban));
        }
        reasons.add(ReasonTexts.positionAge(ageSeconds, pr.stale[src], pr.penaltyMillis[src] / 1000.0));
        reasons.add(ReasonTexts.straightLine(straightRank, pr.straightMetres[src]));
        if (!planSlot.isEmpty()) {
            reasons.add(ReasonTexts.planSlot(planSlot));
        }
        RoadPath path = pr.path(src);
        ConditionReasons.add(reasons, q, pr, src, path);
        double[][] geometry = network.geometry(path);
        return new Candidate(
                rank,
                u.id(),
                u.spec().callsign(),
                u.kind(),
                pr.profile,
                unitStatus,
                diverted,
                eta,
                road,
                mobil,
                offRoad,
                access,
                roadMetres,
                pr.straightMetres[src],
                straightRank,
                meets,
                ageSeconds,
                pr.stale[src],
                ranking,
                planSlot,
                reasons,
                Polyline.encode(geometry[0], geometry[1], 1e5));
    }
}
