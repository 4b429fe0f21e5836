package xcot.reports.html;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.reports.BenchmarkReport;
import xcot.reports.ComparisonText;
import xcot.reports.Numbers;
import xcot.reports.ReportSetting;
import xcot.reports.RunComparison;
import xcot.reports.SettingsTables;
import xcot.reports.study.Criterion;
import xcot.reports.study.RatedCot;
import xcot.reports.study.TransferabilityRelation;
import xcot.reports.study.UserStudyReport;

/** Builds the page's sections from the report's values. */
final class Sections {
    private Sections() {}

    static ReportPage.BenchmarkSection benchmark(BenchmarkReport b, List<ReportPage.FigureHtml> figures) {
        List<Table.Row> settings = b.settings().stream().map(s -> new Table.Row(SettingsTables.cells(b, s))).toList();
        List<String> accuracyHeaders = new ArrayList<>(List.of("setting"));
        accuracyHeaders.addAll(b.models());
        List<Table.Row> accuracy = new ArrayList<>();
        for (ReportSetting s : b.settings()) {
            List<String> cells = new ArrayList<>(List.of(s.label()));
            b.models().forEach(m -> cells.add(Numbers.three(SettingsTables.rate(s, m))));
            accuracy.add(new Table.Row(cells));
        }
        List<Table.Row> commands = b.settings().stream()
                .map(s -> new Table.Row(List.of(s.label(), s.command()))).toList();
        String note = b.graded()
                ? "Answers are graded by similarity: consistency is the mean pairwise similarity of the answers, and "
                        + "the similarity column is the mean similarity to the gold answers (not exact-match "
                        + "accuracy). There is no correct/wrong breakdown and no N-way agreement without a right answer."
                : "Consistency: mean ± population std over model pairs, with the bootstrap 95 % interval over items. "
                        + "cons. correct / cons. wrong / inconsistent: how the pair rows split. All agree and Fleiss κ: "
                        + "N-way agreement over the items where no answer failed.";
        List<String> parsing = SettingsTables.parsingNotes(b);
        if (!parsing.isEmpty()) {
            note += " " + SettingsTables.PARSING_NOTES + " " + String.join("; ", parsing) + ".";
        }
        return new ReportPage.BenchmarkSection(b.benchmark(), b.benchmark() + ": " + b.models().size() + " models ("
                + String.join(", ", b.models()) + "), " + b.items() + " items", note,
                new Table(SettingsTables.headers(b), settings), new Table(accuracyHeaders, accuracy), commands,
                figures);
    }

    static ReportPage.ComparisonSection comparison(RunComparison c) {
        List<Table.Row> rows = c.rows().stream().map(r -> new Table.Row(ComparisonText.cells(r), r.changed()))
                .toList();
        return new ReportPage.ComparisonSection("Comparison: " + String.join(", ", c.others()) + " against "
                + c.baseline(), ComparisonText.summary(c), new Table(ComparisonText.HEADERS, rows));
    }

    static ReportPage.StudySection study(UserStudyReport u, ReportPage.FigureHtml figure) {
        List<String> meanHeaders = new ArrayList<>(List.of("chain of thought"));
        for (Criterion c : Criterion.values()) {
            meanHeaders.add(c.label());
        }
        List<Table.Row> means = new ArrayList<>();
        for (RatedCot cot : RatedCot.values()) {
            List<String> cells = new ArrayList<>(List.of(cot.label()));
            for (Criterion c : Criterion.values()) {
                var m = u.mean(cot, c);
                cells.add(Numbers.three(m.mean()) + " (n=" + m.n() + ")");
            }
            means.add(new Table.Row(cells));
        }
        List<Table.Row> tests = u.tests().stream().map(t -> new Table.Row(List.of(t.criterion().label(),
                t.a().label() + " vs " + t.b().label(), Integer.toString(t.n()), Numbers.signed(t.meanDifference()),
                Numbers.fixed(t.tStatistic(), 2), Numbers.pValue(t.tP()), Numbers.pValue(t.tPCorrected()),
                t.tSignificant() ? "yes" : "no", Numbers.fixed(t.wilcoxonStatistic(), 1), Numbers.pValue(t.wilcoxonP()),
                Numbers.pValue(t.wilcoxonPCorrected()), t.wilcoxonSignificant() ? "yes" : "no"),
                t.tSignificant() || t.wilcoxonSignificant())).toList();
        Table testTable = new Table(List.of("criterion", "pair", "n", "mean diff.", "t", "p", "p × " + u.tests().size(),
                "t sig.", "W", "p", "p × " + u.tests().size(), "W sig."), tests);
        String relation;
        Optional<Table> points = Optional.empty();
        if (u.relation().isPresent()) {
            TransferabilityRelation r = u.relation().get();
            relation = "Ratings against measured transferability, over n = " + r.n() + " (chain, item) points: "
                    + "Spearman ρ with transfer consistency " + Numbers.three(r.consistency().rho()) + " "
                    + Numbers.interval(r.consistency().ci95()) + ", with target accuracy "
                    + Numbers.three(r.accuracy().rho()) + " " + Numbers.interval(r.accuracy().ci95())
                    + " (bootstrap 95 % intervals over the points).";
            points = Optional.of(new Table(List.of("chain of thought", "item", "mean rating", "transfer consistency",
                    "target accuracy", "targets"), r.points().stream().map(p -> new Table.Row(List.of(p.cot().label(),
                    p.item(), Numbers.three(p.meanRating()), Numbers.three(p.consistency()),
                    Numbers.three(p.accuracy()), Integer.toString(p.targets())))).toList()));
        } else {
            relation = "Ratings against measured transferability: " + u.relationMissing() + ".";
        }
        String design = u.participants() + " participants rated " + u.items() + " MedCalc items, four chains of "
                + "thought each, on three 1–5 criteria and a best-overall rank (scored 6 − rank). Tests: for each "
                + "criterion and pair of chains, a paired t-test and a Wilcoxon signed-rank test over the ratings one "
                + "participant gave both chains of one item; " + u.tests().size() + " tests, Bonferroni-corrected: "
                + "significant at p < " + Numbers.fixed(u.correctedAlpha(), 6) + ". Source: " + u.source() + ".";
        return new ReportPage.StudySection("Human-preference study", design,
                new Table(meanHeaders, means), testTable, relation, points, figure);
    }
}
