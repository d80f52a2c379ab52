package org.bluelamp.simulation.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a {@link Comparison} as {@code results.json}: what was simulated, per policy each
 * measure's mean and 95% interval over the seeds, the paired differences from the baseline policy,
 * and every run's own measures. Depends only on the runs' results: the same scenario, policies
 * and seeds give the same file, byte for byte (wall times go to {@code timing.json} instead).
 * Numbers are rounded to 4 decimals; a measure without a value is null. Stateless.
 */
public final class ResultsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The licence attribution every result derived from the map carries. */
    public static final String ATTRIBUTION = "© OpenStreetMap contributors (ODbL 1.0)";

    private ResultsJson() {}

    /** The comparison as a JSON tree. */
    public static ObjectNode toJson(Comparison c) {
        ObjectNode root = MAPPER.createObjectNode();
        ObjectNode s = root.putObject("scenario");
        s.put("name", c.scenario());
        s.put("map", c.map());
        s.put("days", c.days());
        ArrayNode seeds = s.putArray("seeds");
        c.seeds().forEach(seeds::add);
        s.put("demand", c.demand());
        put(s, "incidentsPerDay", c.incidentsPerDay());
        s.put("units", c.units());
        ObjectNode targets = s.putObject("targetMinutes");
        for (int g = 0; g < c.gradeCodes().size(); g++) {
            ObjectNode t = targets.putObject(c.gradeCodes().get(g));
            put(t, "urban", c.targetMinutes().get(g)[0]);
            put(t, "rural", c.targetMinutes().get(g)[1]);
        }
        ArrayNode policies = root.putArray("policies");
        for (PolicySummary p : c.policies()) {
            ObjectNode po = policies.addObject();
            po.put("policy", p.policy());
            ObjectNode grades = po.putObject("grades");
            for (Map.Entry<String, Map<String, Estimate>> g : p.grades().entrySet()) {
                ObjectNode go = grades.putObject(g.getKey());
                g.getValue().forEach((name, e) -> estimate(go.putObject(name), e));
            }
            ObjectNode fleet = po.putObject("fleet");
            p.fleet().forEach((name, e) -> estimate(fleet.putObject(name), e));
        }
        PolicySummary baseline = c.baseline();
        ArrayNode diffs = root.putArray("pairedDifferences");
        for (PolicySummary p : c.policies()) {
            if (p == baseline) {
                continue;
            }
            for (String grade : c.gradeCodes()) {
                for (String measure : new String[] {"compliance", "meanMinutes", "p90Minutes", "latePerDay"}) {
                    ObjectNode d = diffs.addObject();
                    d.put("policy", p.policy());
                    d.put("minus", baseline.policy());
                    d.put("grade", grade);
                    d.put("measure", measure);
                    estimate(d, p.pairedDifference(baseline, grade, measure, c.days()));
                }
            }
        }
        ArrayNode runs = root.putArray("runs");
        for (PolicySummary p : c.policies()) {
            for (RunMetrics r : p.runs()) {
                ObjectNode ro = runs.addObject();
                ro.put("policy", r.policy());
                ro.put("seed", r.seed());
                put(ro, "utilisation", r.utilisation());
                ObjectNode grades = ro.putObject("grades");
                for (RunMetrics.GradeMetrics g : r.grades()) {
                    ObjectNode go = grades.putObject(g.grade());
                    go.put("incidents", g.incidents());
                    go.put("unattended", g.unattended());
                    put(go, "compliance", g.compliance());
                    put(go, "urbanCompliance", g.urbanCompliance());
                    put(go, "ruralCompliance", g.ruralCompliance());
                    put(go, "meanMinutes", g.meanMinutes());
                    put(go, "medianMinutes", g.medianMinutes());
                    put(go, "p90Minutes", g.p90Minutes());
                    go.put("late", g.late());
                    go.put("queued", g.queued());
                    put(go, "meanQueueMinutes", g.meanQueueMinutes());
                }
                var k = r.counts();
                ObjectNode counts = ro.putObject("counts");
                counts.put("diversions", k.diversions());
                counts.put("leftSceneEarly", k.leftSceneEarly());
                counts.put("breaksTaken", k.breaksTaken());
                counts.put("breaksInterrupted", k.breaksInterrupted());
                counts.put("breaksMissed", k.breaksMissed());
                counts.put("fixesSent", k.fixesSent());
                counts.put("fixesLost", k.fixesLost());
                counts.put("fixesLate", k.fixesLate());
                counts.put("decisions", k.recommendations());
                counts.put("routes", k.routes());
                counts.put("moveUps", k.moveUps());
                counts.put("events", k.events());
            }
        }
        root.put("attribution", ATTRIBUTION);
        return root;
    }

    /** Writes {@code results.json} into {@code folder}. */
    public static Path write(Comparison c, Path folder) throws IOException {
        Path file = folder.resolve("results.json");
        Files.writeString(file, MAPPER.writeValueAsString(toJson(c)) + "\n");
        return file;
    }

    private static void estimate(ObjectNode o, Estimate e) {
        put(o, "mean", e.mean());
        ArrayNode ci = o.putArray("ci95");
        if (Double.isNaN(e.halfWidth())) {
            ci.addNull();
            ci.addNull();
        } else {
            ci.add(round(e.lower()));
            ci.add(round(e.upper()));
        }
        o.put("n", e.n());
    }

    private static void put(ObjectNode o, String field, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            o.putNull(field);
        } else {
            o.put(field, round(v));
        }
    }

    static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
