package xcot.reports.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.commons.math3.stat.inference.TTest;
import xcot.metrics.Bootstrap;
import xcot.metrics.BootstrapSpec;
import xcot.metrics.Interval;

/**
 * The paper's analysis of its human-preference study, and one step further. Means: every rating of a chain on a
 * criterion (the paper reports them to 3 decimals). Tests: for each criterion and each pair of chains, a paired
 * t-test and a Wilcoxon signed-rank test over the ratings the same participant gave both chains for the same item;
 * the 24 tests (4 criteria × 6 pairs) are one family, Bonferroni-corrected (significant below 0.05 / 24). Then the
 * ratings against the chains' measured transferability ({@link TransferabilityRelation}), where the transfer
 * outputs of the rated chains are available.
 */
public final class UserStudyAnalysis {
    public static final double ALPHA = 0.05;

    private UserStudyAnalysis() {}

    /**
     * @param transferOutputs the reference's MedCalc output folder holding the rated chains' transfer files; empty:
     *                        the relation is not measured
     */
    public static UserStudyReport analyze(List<Rating> ratings, String source, Optional<Path> transferOutputs,
            BootstrapSpec spec) {
        List<UserStudyReport.Mean> means = new ArrayList<>();
        for (RatedCot cot : RatedCot.values()) {
            for (Criterion criterion : Criterion.values()) {
                double[] values = ratings.stream().filter(r -> r.cot() == cot && r.criterion() == criterion)
                        .mapToDouble(Rating::value).toArray();
                means.add(new UserStudyReport.Mean(cot, criterion, Arrays.stream(values).average().orElse(Double.NaN),
                        values.length, values));
            }
        }
        RatedCot[] cots = RatedCot.values();
        int family = Criterion.values().length * cots.length * (cots.length - 1) / 2;
        List<UserStudyReport.PairTest> tests = new ArrayList<>();
        for (Criterion criterion : Criterion.values()) {
            for (int i = 0; i < cots.length; i++) {
                for (int j = i + 1; j < cots.length; j++) {
                    tests.add(test(ratings, criterion, cots[i], cots[j], family));
                }
            }
        }
        int participants = (int) ratings.stream().mapToInt(Rating::participant).distinct().count();
        int items = (int) ratings.stream().map(Rating::item).distinct().count();
        Optional<TransferabilityRelation> relation = Optional.empty();
        String missing = "not measured: the published outputs xcot ships transfer QwQ's chains only, which were not "
                + "rated; give the folder of the reference's MedCalc outputs that holds the rated chains' transfer "
                + "files (--transfer-outputs DIR)";
        if (transferOutputs.isPresent()) {
            var outcomes = TransferOutcomes.read(transferOutputs.get());
            relation = relate(ratings, outcomes, spec);
            if (relation.isEmpty()) {
                missing = "not measured: " + transferOutputs.get() + " holds no transfer file of the rated chains "
                        + "(e.g. BytedTsinghua-SIA_DAPO-Qwen-32B_thoughts_to_*_zero_shot_full.jsonl, "
                        + "*_ensembled_thought_gen_qwq_dapo_eval_oss.jsonl) for the rated items; the published outputs "
                        + "xcot ships transfer QwQ's chains only, which were not rated";
            }
        }
        return new UserStudyReport(source, participants, items, means, tests, ALPHA, relation,
                relation.isPresent() ? "" : missing);
    }

    private static UserStudyReport.PairTest test(List<Rating> ratings, Criterion criterion, RatedCot a, RatedCot b,
            int family) {
        Map<String, Double> ofB = new HashMap<>();
        ratings.stream().filter(r -> r.criterion() == criterion && r.cot() == b)
                .forEach(r -> ofB.put(r.participant() + "/" + r.item(), r.value()));
        List<double[]> pairs = new ArrayList<>();
        ratings.stream().filter(r -> r.criterion() == criterion && r.cot() == a).forEach(r -> {
            Double other = ofB.get(r.participant() + "/" + r.item());
            if (other != null) {
                pairs.add(new double[] {r.value(), other});
            }
        });
        double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
        double meanDifference = Arrays.stream(x).sum() / x.length - Arrays.stream(y).sum() / y.length;
        WilcoxonSignedRank.Result w = WilcoxonSignedRank.test(x, y);
        // A t-test needs two pairs; with fewer there is nothing to test (and no decision).
        boolean testable = x.length >= 2;
        TTest t = new TTest();
        return new UserStudyReport.PairTest(criterion, a, b, x.length, meanDifference,
                testable ? t.pairedT(x, y) : Double.NaN, testable ? t.pairedTTest(x, y) : Double.NaN, w.statistic(),
                w.pValue(), family, ALPHA);
    }

    static Optional<TransferabilityRelation> relate(List<Rating> ratings,
            Map<RatedCot, Map<String, TransferOutcomes.Outcome>> outcomes, BootstrapSpec spec) {
        Map<String, double[]> ratingSums = new HashMap<>();
        ratings.forEach(r -> {
            double[] sc = ratingSums.computeIfAbsent(r.cot() + "/" + r.item(), k -> new double[2]);
            sc[0] += r.value();
            sc[1]++;
        });
        List<TransferabilityRelation.Point> points = new ArrayList<>();
        for (RatedCot cot : RatedCot.values()) {
            Map<String, TransferOutcomes.Outcome> ofCot = outcomes.getOrDefault(cot, Map.of());
            for (String item : ratings.stream().map(Rating::item).distinct().toList()) {
                double[] sc = ratingSums.get(cot + "/" + item);
                TransferOutcomes.Outcome o = ofCot.get(item);
                if (sc != null && o != null && !Double.isNaN(o.consistency())) {
                    points.add(new TransferabilityRelation.Point(cot, item, sc[0] / sc[1], o.consistency(),
                            o.accuracy(), o.targets()));
                }
            }
        }
        if (points.size() < 3) {
            return Optional.empty();
        }
        double[] rating = points.stream().mapToDouble(TransferabilityRelation.Point::meanRating).toArray();
        double[] consistency = points.stream().mapToDouble(TransferabilityRelation.Point::consistency).toArray();
        double[] accuracy = points.stream().mapToDouble(TransferabilityRelation.Point::accuracy).toArray();
        return Optional.of(new TransferabilityRelation(points.size(), spearman(rating, consistency, spec),
                spearman(rating, accuracy, spec), points));
    }

    /** Spearman's rho and its percentile bootstrap interval over resampled points (degenerate resamples skipped). */
    static TransferabilityRelation.Correlation spearman(double[] x, double[] y, BootstrapSpec spec) {
        SpearmansCorrelation spearman = new SpearmansCorrelation();
        double rho = spearman.correlation(x, y);
        SplittableRandom random = new SplittableRandom(spec.seed());
        double[] values = new double[spec.resamples()];
        int kept = 0;
        double[] xs = new double[x.length];
        double[] ys = new double[y.length];
        for (int b = 0; b < spec.resamples(); b++) {
            for (int i = 0; i < x.length; i++) {
                int k = random.nextInt(x.length);
                xs[i] = x[k];
                ys[i] = y[k];
            }
            double value = spearman.correlation(xs, ys);
            if (!Double.isNaN(value)) {
                values[kept++] = value;
            }
        }
        if (kept == 0) {
            return new TransferabilityRelation.Correlation(rho, new Interval(Double.NaN, Double.NaN));
        }
        double[] sorted = Arrays.copyOf(values, kept);
        Arrays.sort(sorted);
        return new TransferabilityRelation.Correlation(rho,
                new Interval(Bootstrap.quantile(sorted, 0.025), Bootstrap.quantile(sorted, 0.975)));
    }
}
