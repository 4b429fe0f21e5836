package xcot.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.metrics.BootstrapSpec;
import xcot.reports.input.ReportInputException;

/**
 * The paper's human-preference analysis reproduced from its published ratings: the means of its table (to 3
 * decimals) and the Bonferroni-corrected decisions of the 24 pairwise tests.
 */
class UserStudyAnalysisTest {
    static UserStudyReport report;

    @BeforeAll
    static void analyze() {
        report = UserStudyAnalysis.analyze(UserStudyRatings.shipped(), "shipped", Optional.empty(),
                new BootstrapSpec(200, 1));
    }

    /** The paper's table (Clarity, Ease, Confidence, Best as 6 − rank). */
    static final Map<RatedCot, double[]> PUBLISHED_MEANS = Map.of(
            RatedCot.ENSEMBLE_QWQ_DAPO_OSS, new double[] {4.486, 4.373, 4.413, 4.333},
            RatedCot.DAPO, new double[] {4.067, 3.960, 4.107, 3.733},
            RatedCot.ENSEMBLE_QWQ_OSS_DAPO, new double[] {3.213, 3.120, 3.200, 3.093},
            RatedCot.OSS, new double[] {2.907, 3.000, 3.053, 2.840});

    @Test
    void theMeansAreThePapers() {
        assertEquals(15, report.participants());
        assertEquals(10, report.items());
        for (var e : PUBLISHED_MEANS.entrySet()) {
            for (Criterion c : Criterion.values()) {
                var mean = report.mean(e.getKey(), c);
                assertEquals(e.getValue()[c.ordinal()], Math.round(mean.mean() * 1000) / 1000.0,
                        e.getKey() + " " + c);
                // 75 ratings each; one clarity cell of the first ensemble is empty in the export.
                int n = e.getKey() == RatedCot.ENSEMBLE_QWQ_DAPO_OSS && c == Criterion.CLARITY ? 74 : 75;
                assertEquals(n, mean.n(), e.getKey() + " " + c);
            }
        }
    }

    /**
     * The decisions at α = 0.05 / 24, in the order criterion, then pairs (E1 = QwQ+DAPO/OSS, E2 = QwQ+OSS/DAPO):
     * E1-DAPO, E1-E2, E1-OSS, DAPO-E2, DAPO-OSS, E2-OSS. Both tests agree on every pair: every pair differs except
     * E2 vs OSS, and on the best-overall score DAPO vs E2 does not either. The p-values were recomputed
     * independently with scipy 1.17.1 ({@code ttest_rel}, {@code wilcoxon} with its defaults) on the same pairs.
     */
    @Test
    void theBonferroniDecisionsAndPValues() {
        String expected = "YYYYYN YYYYYN YYYYYN YYYNYN";
        StringBuilder t = new StringBuilder();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < report.tests().size(); i++) {
            if (i > 0 && i % 6 == 0) {
                t.append(' ');
                w.append(' ');
            }
            t.append(report.tests().get(i).tSignificant() ? 'Y' : 'N');
            w.append(report.tests().get(i).wilcoxonSignificant() ? 'Y' : 'N');
        }
        assertEquals(24, report.tests().size());
        assertEquals(0.05 / 24, report.correctedAlpha(), 1e-15);
        assertEquals(expected, t.toString(), "paired t-tests");
        assertEquals(expected, w.toString(), "Wilcoxon signed-rank tests");
        // scipy: Clarity E1 vs DAPO t=3.9099 p=2.05e-4, W=225 p=4.44e-4; Confidence E1 vs DAPO (the closest call):
        // W=140 p=0.00203 < 0.002083; Best DAPO vs E2: t p=0.00323, W=868 p=0.00276 (not significant).
        var clarity = report.tests().get(0);
        assertEquals(74, clarity.n());
        assertEquals(3.9099, clarity.tStatistic(), 1e-4);
        assertEquals(2.05e-4, clarity.tP(), 0.01e-4);
        assertEquals(225.0, clarity.wilcoxonStatistic());
        assertEquals(4.44e-4, clarity.wilcoxonP(), 0.01e-4);
        var confidence = report.tests().get(12);
        assertEquals(140.0, confidence.wilcoxonStatistic());
        assertEquals(0.00203, confidence.wilcoxonP(), 0.000005);
        var best = report.tests().get(21);
        assertEquals(868.0, best.wilcoxonStatistic());
        assertEquals(0.00276, best.wilcoxonP(), 0.000005);
        assertEquals(0.00323, best.tP(), 0.000005);
    }

    @Test
    void theColoursNameTheChainsTheExportsHeaderNames() throws IOException {
        // The first header row names each rating column's chain (gpt-oss-20b_1, ...): every colour the question
        // texts use must stand for the chain RatedCot maps it to, wherever the first row names one.
        String csv = new String(xcot.io.Utf8Lines.readResource(UserStudyRatings.RESOURCE),
                java.nio.charset.StandardCharsets.UTF_8);
        var rows = org.apache.commons.csv.CSVFormat.DEFAULT.parse(new java.io.StringReader(csv)).getRecords();
        Pattern colour = Pattern.compile("^(\\w+)-model-\\d+ - .*", Pattern.DOTALL);
        int checked = 0;
        for (int c = 0; c < rows.get(0).size(); c++) {
            Matcher m = colour.matcher(rows.get(1).get(c));
            String name = rows.get(0).get(c).replaceFirst("_\\d+$", "");
            if (m.matches() && !name.startsWith("Q")) {
                assertEquals(RatedCot.ofColour(m.group(1)).surveyName(), name, "column " + (c + 1));
                checked++;
            }
        }
        assertTrue(checked >= 110, checked + " columns checked");
    }

    @Test
    void badExportsAreOneLine(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.csv"), "a,b\n1,2\n");
        var e = org.junit.jupiter.api.Assertions.assertThrows(ReportInputException.class,
                () -> UserStudyRatings.read(empty));
        assertTrue(e.getMessage().startsWith(empty + ": no responses"), e.getMessage());
        String csv = new String(xcot.io.Utf8Lines.readResource(UserStudyRatings.RESOURCE),
                java.nio.charset.StandardCharsets.UTF_8);
        // The first response's first rating (its row has no quoted cells) made unreadable.
        List<String> lines = new ArrayList<>(csv.lines().toList());
        int row = -1;
        for (int i = 0; i < lines.size() && row < 0; i++) {
            if (lines.get(i).startsWith("0,100,")) {
                row = i;
            }
        }
        String[] cells = lines.get(row).split(",", -1);
        int column = 6;
        while (cells[column].isEmpty()) {
            column++;
        }
        cells[column] = "x";
        lines.set(row, String.join(",", cells));
        Path bad = Files.write(dir.resolve("bad.csv"), lines);
        e = org.junit.jupiter.api.Assertions.assertThrows(ReportInputException.class, () -> UserStudyRatings.read(bad));
        assertTrue(e.getMessage().endsWith("bad.csv:4: column " + (column + 1) + " is 'x', not a number"),
                e.getMessage());
    }

    /**
     * The relation to transferability on made-up transfer files: chain DAPO's transfers agree more on the items
     * rated higher, so the rank correlation over (chain, item) points is perfect; n counts the points.
     */
    @Test
    void ratingsAgainstTransferability(@TempDir Path dir) throws IOException {
        List<Rating> ratings = new ArrayList<>();
        String[] items = {"185", "71", "614", "668"};
        for (int i = 0; i < items.length; i++) {
            ratings.add(new Rating(0, items[i], RatedCot.DAPO, Criterion.CLARITY, 1 + i));
        }
        // Three targets read DAPO's chain: on item k, the first k+1 targets give the right answer "5" and the
        // others "w<target>": consistency and accuracy rise with the rating.
        List<String> targets = List.of("Qwen_QwQ-32B", "open-thoughts_OpenThinker-7B", "openai_gpt-oss-20b");
        for (int t = 0; t < targets.size(); t++) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < items.length; i++) {
                boolean right = t <= i;
                lines.add("{\"Row Number\": " + items[i] + ", \"Calculator ID\": \"2\", \"LLM Model\": "
                        + "\"BytedTsinghua-SIA/DAPO-Qwen-32B\", \"LLM Answer\": \"5\", \"Target Model\": \"" + targets.get(t)
                        + "\", \"Target Answer\": \"" + (right ? "5" : "w" + t) + "\", \"Target Result\": \""
                        + (right ? "Correct" : "Incorrect") + "\"}");
            }
            Files.write(dir.resolve("BytedTsinghua-SIA_DAPO-Qwen-32B_thoughts_to_" + targets.get(t)
                    + "_zero_shot_full.jsonl"), lines);
        }
        // A file of a chain nobody rated is ignored.
        Files.writeString(dir.resolve("Qwen_QwQ-32B_thoughts_to_x_y_zero_shot_full.jsonl"), "not even json\n");
        var relation = UserStudyAnalysis.analyze(ratings, "made up", Optional.of(dir), new BootstrapSpec(300, 3))
                .relation().orElseThrow();
        assertEquals(4, relation.n());
        // Consistency per item: 0 (one right target, two different wrong answers), 1/3, 1, 1; accuracy 1/3, 2/3, 1, 1.
        assertEquals(List.of(0.0, 1.0 / 3, 1.0, 1.0),
                relation.points().stream().map(TransferabilityRelation.Point::consistency).toList());
        assertEquals(List.of(1.0 / 3, 2.0 / 3, 1.0, 1.0),
                relation.points().stream().map(TransferabilityRelation.Point::accuracy).toList());
        // Spearman with ties (average ranks): ratings ranked 1..4 against 1, 2, 3.5, 3.5: 4.5 / sqrt(5 * 4.5).
        assertEquals(4.5 / Math.sqrt(5 * 4.5), relation.consistency().rho(), 1e-12);
        assertEquals(4.5 / Math.sqrt(5 * 4.5), relation.accuracy().rho(), 1e-12);
        var ci = relation.consistency().ci95();
        assertTrue(ci.low() <= ci.high() && ci.high() <= 1.0, ci.toString());
    }
}
