package xcot.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.metrics.Outcome;
import xcot.metrics.ScoredAnswer;
import xcot.metrics.Setting;

/** The statistics on small hand-made settings whose values are known independently. */
class MetricsTest {
    private static ScoredAnswer answer(String model, int item, String text, Outcome outcome) {
        return new ScoredAnswer("toy", Integer.toString(item), "default", model, Optional.empty(), text, outcome);
    }

    /** Wikipedia's Fleiss' kappa example: 10 subjects, 14 raters, 5 categories; kappa = 0.210. */
    @Test
    void fleissKappaOfTheTextbookExample() {
        int[][] counts = {
            {0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
            {7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7}
        };
        List<ScoredAnswer> answers = new ArrayList<>();
        for (int item = 0; item < counts.length; item++) {
            int rater = 0;
            for (int category = 0; category < 5; category++) {
                for (int k = 0; k < counts[item][category]; k++) {
                    answers.add(answer("rater" + rater++, item, "c" + category, new Outcome.Incorrect()));
                }
            }
        }
        SettingReport report = SettingMetrics.score(Setting.of(answers), AgreementRule.equalOrBothCorrect(false),
                false, new BootstrapSpec(100, 1));
        NWayAgreement nWay = report.nWay().orElseThrow();
        assertEquals(0.210, Math.round(nWay.fleissKappa().value() * 1000) / 1000.0);
        assertEquals(0.1, nWay.allAgree().value(), 1e-12);
        assertEquals(10, nWay.counted());
    }

    @Test
    void consistencyRuleAndSkips() {
        List<ScoredAnswer> answers = List.of(
                answer("a", 1, "4", new Outcome.Correct()), answer("b", 1, "4.0", new Outcome.Correct()),
                answer("a", 2, "3", new Outcome.Incorrect()), answer("b", 2, "3", new Outcome.Incorrect()),
                answer("a", 3, "3", new Outcome.Incorrect()), answer("b", 3, "5", new Outcome.Incorrect()),
                answer("a", 4, "", new Outcome.Failed("x")), answer("b", 4, "", new Outcome.Failed("y")),
                answer("a", 5, "N/A", new Outcome.Incorrect()), answer("b", 5, "N/A", new Outcome.Incorrect()));
        Setting s = Setting.of(answers);
        PairRate fixed = SettingMetrics.score(s, AgreementRule.equalOrBothCorrect(false), false, BootstrapSpec.DEFAULT)
                .pairs().get(0);
        // Fixed: items 1, 2 agree, 3 disagrees, 4 failed (skipped); 5 is not a failure record, so it counts.
        assertEquals(3.0, fixed.agreeing());
        assertEquals(4, fixed.counted());
        PairRate lenient = SettingMetrics.score(s, AgreementRule.equalOrBothCorrect(true), true, BootstrapSpec.DEFAULT)
                .pairs().get(0);
        // Lenient: "" == "" agrees on item 4; "N/A" is filtered out.
        assertEquals(3.0, lenient.agreeing());
        assertEquals(4, lenient.counted());
    }

    @Test
    void populationStdAndMeanOverPairs() {
        // Three models, one item each pair: a-b agree, a-c disagree, b-c disagree -> rates 1, 0, 0.
        List<ScoredAnswer> answers = List.of(
                answer("a", 1, "1", new Outcome.Incorrect()), answer("b", 1, "1", new Outcome.Incorrect()),
                answer("c", 1, "2", new Outcome.Incorrect()));
        Summary c = SettingMetrics.score(Setting.of(answers), AgreementRule.equalOrBothCorrect(false), false,
                BootstrapSpec.DEFAULT).consistency();
        assertEquals(1.0 / 3, c.mean(), 1e-12);
        assertEquals(Math.sqrt(2.0 / 9), c.std(), 1e-12);
    }

    @Test
    void accuracyCountsFailuresAsZeroAndUsesGradedScores() {
        List<ScoredAnswer> answers = List.of(
                answer("a", 1, "x", new Outcome.Graded(0.5)), answer("a", 2, "", new Outcome.Failed("none")),
                answer("b", 1, "y", new Outcome.Correct()), answer("b", 2, "z", new Outcome.Correct()));
        SettingReport r = SettingMetrics.score(Setting.of(answers),
                AgreementRule.similarity((x, y) -> x.equals(y) ? 1 : 0), false, BootstrapSpec.DEFAULT);
        assertEquals(0.25, r.accuracy().get(0).rate(), 1e-12);
        assertEquals(1.0, r.accuracy().get(1).rate(), 1e-12);
        assertEquals(0.625, r.accuracyMean().mean(), 1e-12);
        assertTrue(r.nWay().isEmpty());
    }

    @Test
    void missingAnswersAreFilledAsFailures() {
        Setting s = Setting.of(List.of(answer("a", 1, "1", new Outcome.Correct()),
                answer("a", 2, "2", new Outcome.Correct()), answer("b", 1, "1", new Outcome.Correct())));
        assertEquals(1, s.missing());
        assertTrue(s.answer(1, 1).outcome().isFailed());
    }

    @Test
    void bootstrapIsSeededAndUsesNumpyPercentiles() {
        double[] sorted = {1, 2, 3, 4};
        assertEquals(1.075, Bootstrap.quantile(sorted, 0.025), 1e-12);
        assertEquals(3.925, Bootstrap.quantile(sorted, 0.975), 1e-12);
        Interval a = Bootstrap.percentile95(50, new BootstrapSpec(500, 3), w -> w[0]);
        Interval b = Bootstrap.percentile95(50, new BootstrapSpec(500, 3), w -> w[0]);
        assertEquals(a, b);
        // Item 0's multiplicity is Binomial(50, 1/50): its 95 % range is 0..3.
        assertEquals(0.0, a.low());
        assertTrue(a.high() >= 2 && a.high() <= 4, a.toString());
    }
}
