package org.bluelamp.coverage;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A baseline and its what-ifs, side by side: every scenario's report, and its differences from the
 * baseline overall and per beat (scenario minus baseline, in shares from 0 to 1). Immutable.
 *
 * @param baseline the baseline's report
 * @param scenarios each scenario's outcome, in the order given
 */
public record ScenarioComparison(CoverageReport baseline, List<Outcome> scenarios) {
    public ScenarioComparison {
        Objects.requireNonNull(baseline, "baseline");
        scenarios = List.copyOf(scenarios);
    }

    /**
     * One scenario's outcome.
     *
     * @param scenario the scenario
     * @param report its report
     * @param roadShareChange its road share minus the baseline's
     * @param demandShareChange its demand share minus the baseline's
     * @param expectedShareChange its expected (MEXCLP) share minus the baseline's; NaN when either has none
     * @param beats the differences per beat, in the order of the beats
     */
    public record Outcome(
            Scenario scenario,
            CoverageReport report,
            double roadShareChange,
            double demandShareChange,
            double expectedShareChange,
            List<BeatChange> beats) {
        public Outcome {
            beats = List.copyOf(beats);
        }
    }

    /** One beat's shares before (baseline) and after (scenario). */
    public record BeatChange(
            String beatId,
            String name,
            double roadShareBefore,
            double roadShareAfter,
            double demandShareBefore,
            double demandShareAfter,
            double expectedShareBefore,
            double expectedShareAfter) {
        public double roadShareChange() {
            return roadShareAfter - roadShareBefore;
        }

        public double demandShareChange() {
            return demandShareAfter - demandShareBefore;
        }

        public double expectedShareChange() {
            return expectedShareAfter - expectedShareBefore;
        }
    }

    /**
     * Evaluates a baseline and its scenarios with one evaluator.
     *
     * @param name the baseline's name
     * @param baseRoads the baseline's road conditions
     */
    public static ScenarioComparison run(
            CoverageEvaluator evaluator,
            String name,
            Deployment baseline,
            RoadConditions baseRoads,
            String gradeCode,
            List<Scenario> scenarios) {
        CoverageReport base = evaluator.evaluate(name, baseline, gradeCode, baseRoads);
        List<Outcome> outcomes = new ArrayList<>();
        for (Scenario s : scenarios) {
            CoverageReport r = evaluator.evaluate(s.name(), s.apply(baseline), gradeCode, s.roads());
            outcomes.add(compare(base, s, r));
        }
        return new ScenarioComparison(base, outcomes);
    }

    /** The outcome of a scenario's report against the baseline's. */
    public static Outcome compare(CoverageReport base, Scenario scenario, CoverageReport r) {
        List<BeatChange> beats = new ArrayList<>();
        for (int b = 0; b < base.beats().size(); b++) {
            CoverageReport.BeatCoverage x = base.beats().get(b);
            CoverageReport.BeatCoverage y = r.beats().get(b);
            beats.add(new BeatChange(
                    x.id(),
                    x.name(),
                    x.roadShare(),
                    y.roadShare(),
                    x.demandShare(),
                    y.demandShare(),
                    x.expectedShare(),
                    y.expectedShare()));
        }
        return new Outcome(
                scenario,
                r,
                r.road().share() - base.road().share(),
                r.demand().share() - base.demand().share(),
                r.demand().expectedShare() - base.demand().expectedShare(),
                beats);
    }
}
