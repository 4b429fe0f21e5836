package xcot.reports;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import xcot.metrics.ModelRate;
import xcot.metrics.NWayAgreement;
import xcot.metrics.SettingReport;

/**
 * The settings table of a report as CSV (every number, 4 decimals, one row per setting of every benchmark), Markdown
 * and LaTeX (booktabs; 3 decimals, one table per benchmark). For a graded benchmark the accuracy column is the mean
 * similarity to the gold answers, and the correct/wrong breakdown and N-way agreement are left out: they have no
 * meaning without a right answer.
 */
public final class SettingsTables {
    static final List<String> CSV_COLUMNS = List.of("benchmark", "setting", "condition", "source", "models", "items",
            "missing", "consistency", "consistency_std", "consistency_ci_low", "consistency_ci_high", "accuracy_kind",
            "accuracy", "accuracy_ci_low", "accuracy_ci_high", "consistent_correct", "consistent_wrong",
            "inconsistent", "all_agree", "fleiss_kappa", "fleiss_kappa_ci_low", "fleiss_kappa_ci_high",
            "score_command", "answers_parsed", "answers", "commonest_failure");

    private SettingsTables() {}

    public static String csv(Report report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            csv.printRecord(CSV_COLUMNS);
            for (BenchmarkReport b : report.benchmarks()) {
                for (ReportSetting s : b.settings()) {
                    SettingReport r = s.report();
                    Optional<NWayAgreement> n = b.graded() ? Optional.empty() : r.nWay();
                    List<String> row = new ArrayList<>(List.of(b.benchmark(), s.label(), s.condition(),
                            s.source().orElse(""), String.join(";", r.models()), Integer.toString(r.items()),
                            Integer.toString(r.missing()), four(r.consistency().mean()), four(r.consistency().std()),
                            four(r.consistency().ci95().low()), four(r.consistency().ci95().high()), b.accuracyName(),
                            four(r.accuracyMean().mean()), four(r.accuracyMean().ci95().low()),
                            four(r.accuracyMean().ci95().high())));
                    if (b.graded()) {
                        row.addAll(List.of("", "", ""));
                    } else {
                        row.addAll(List.of(four(r.breakdown().consistentCorrect().mean()),
                                four(r.breakdown().consistentWrong().mean()), four(r.breakdown().inconsistent().mean())));
                    }
                    row.addAll(n.map(x -> List.of(four(x.allAgree().value()), four(x.fleissKappa().value()),
                            four(x.fleissKappa().ci95().low()), four(x.fleissKappa().ci95().high())))
                            .orElse(List.of("", "", "", "")));
                    row.add(s.command());
                    row.addAll(List.of(Integer.toString(s.parsing().parsed()), Integer.toString(s.parsing().total()),
                            s.parsing().commonestFailure().orElse("")));
                    csv.printRecord(row);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String four(double x) {
        return Double.isNaN(x) ? "" : Numbers.fixed(x, 4);
    }

    /** The columns of the human-readable tables, for one benchmark. */
    public static List<String> headers(BenchmarkReport b) {
        List<String> h = new ArrayList<>(List.of("setting", "consistency ± std", "95 % CI", b.accuracyName()));
        if (!b.graded()) {
            h.addAll(List.of("cons. correct", "cons. wrong", "inconsistent", "all agree", "Fleiss κ"));
        }
        return h;
    }

    public static List<String> cells(BenchmarkReport b, ReportSetting s) {
        SettingReport r = s.report();
        List<String> c = new ArrayList<>(List.of(s.flaggedLabel(), Numbers.three(r.consistency().mean()) + " ± "
                + Numbers.three(r.consistency().std()), Numbers.interval(r.consistency().ci95()),
                Numbers.three(r.accuracyMean().mean())));
        if (!b.graded()) {
            c.addAll(List.of(Numbers.three(r.breakdown().consistentCorrect().mean()),
                    Numbers.three(r.breakdown().consistentWrong().mean()),
                    Numbers.three(r.breakdown().inconsistent().mean()),
                    r.nWay().map(n -> Numbers.three(n.allAgree().value())).orElse(Numbers.NOT_AVAILABLE),
                    r.nWay().map(n -> Numbers.three(n.fleissKappa().value())).orElse(Numbers.NOT_AVAILABLE)));
        }
        return c;
    }

    /**
     * Why a benchmark's table shows {@code n/a} or a {@code !}: one line per such setting with its answers parsed and
     * the commonest failure; empty when every setting is whole.
     */
    public static List<String> parsingNotes(BenchmarkReport b) {
        List<String> notes = new ArrayList<>();
        for (ReportSetting s : b.settings()) {
            if (s.parsing().mostlyUnparsed() || SummaryTable.hasNotAvailable(s.report())) {
                notes.add(s.label() + ": " + s.parsing().describe());
            }
        }
        return notes;
    }

    /** The heading of {@link #parsingNotes}. */
    public static final String PARSING_NOTES = "n/a and ! (fewer than half the answers parsed; consistency skips an "
            + "item for a pair when either answer failed):";

    public static String markdown(Report report) {
        StringBuilder out = new StringBuilder("# ").append(report.title()).append("\n\n");
        out.append("Scoring: ").append(report.scoring().description()).append("; intervals: bootstrap 95 % over items, ")
                .append(report.bootstrap().resamples()).append(" resamples, seed ").append(report.bootstrap().seed())
                .append(".\n");
        for (BenchmarkReport b : report.benchmarks()) {
            out.append("\n## ").append(b.benchmark()).append(" (").append(b.models().size()).append(" models, ")
                    .append(b.items()).append(" items)\n\n");
            if (b.graded()) {
                out.append("Consistency is the mean pairwise similarity of the answers; the similarity column is the "
                        + "mean similarity to the gold answers (not exact-match accuracy).\n\n");
            }
            List<String> headers = headers(b);
            out.append(row(headers)).append(row(headers.stream().map(h -> h.equals("setting") ? "---" : "---:")
                    .toList()));
            for (ReportSetting s : b.settings()) {
                out.append(row(cells(b, s).stream().map(SettingsTables::markdownCell).toList()));
            }
            List<String> notes = parsingNotes(b);
            if (!notes.isEmpty()) {
                out.append("\n").append(PARSING_NOTES).append("\n\n");
                notes.forEach(n -> out.append("- ").append(markdownCell(n)).append('\n'));
            }
            out.append("\n").append(b.accuracyName().substring(0, 1).toUpperCase(java.util.Locale.ROOT))
                    .append(b.accuracyName().substring(1)).append(" per model:\n\n");
            List<String> modelHeaders = new ArrayList<>(List.of("setting"));
            modelHeaders.addAll(b.models());
            out.append(row(modelHeaders)).append(row(modelHeaders.stream().map(h -> h.equals("setting") ? "---"
                    : "---:").toList()));
            for (ReportSetting s : b.settings()) {
                List<String> cells = new ArrayList<>(List.of(markdownCell(s.label())));
                for (String model : b.models()) {
                    cells.add(Numbers.three(rate(s, model)));
                }
                out.append(row(cells));
            }
        }
        return out.toString();
    }

    public static double rate(ReportSetting s, String model) {
        return s.report().accuracy().stream().filter(m -> m.model().equals(model)).mapToDouble(ModelRate::rate)
                .findFirst().orElse(Double.NaN);
    }

    private static String row(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }

    private static String markdownCell(String text) {
        return text.replace("|", "\\|");
    }

    public static String latex(Report report) {
        StringBuilder out = new StringBuilder("% ").append(report.title()).append(": generated by xcot report\n")
                .append("% Needs \\usepackage{booktabs}.\n");
        for (BenchmarkReport b : report.benchmarks()) {
            List<String> headers = headers(b);
            out.append("\\begin{table}[t]\n\\centering\n\\small\n\\begin{tabular}{l")
                    .append("r".repeat(headers.size() - 1)).append("}\n\\toprule\n");
            out.append(String.join(" & ", headers.stream().map(SettingsTables::tex).toList())).append(" \\\\\n");
            out.append("\\midrule\n");
            for (ReportSetting s : b.settings()) {
                out.append(String.join(" & ", cells(b, s).stream().map(SettingsTables::tex).toList()))
                        .append(" \\\\\n");
            }
            out.append("\\bottomrule\n\\end{tabular}\n\\caption{").append(tex(b.benchmark())).append(": ")
                    .append(b.models().size()).append(" models, ").append(b.items()).append(" items. Consistency: mean "
                    + "$\\pm$ population std over model pairs, with the bootstrap 95~\\% interval over items")
                    .append(b.graded() ? "; answers agree by similarity, and the similarity column is the mean "
                            + "similarity to the gold answers." : ".")
                    .append(b.settings().stream().anyMatch(s -> s.parsing().mostlyUnparsed())
                            ? tex(" Settings marked ! had fewer than half their answers parsed.") : "")
                    .append("}\n\\end{table}\n");
        }
        return out.toString();
    }

    /** LaTeX text: the special characters escaped, ± and κ as math. */
    static String tex(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.replace(" <- ", " \u2190 ").toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\textbackslash{}");
                case '&', '%', '$', '#', '_', '{', '}' -> out.append('\\').append(c);
                case '~' -> out.append("\\textasciitilde{}");
                case '^' -> out.append("\\textasciicircum{}");
                case '<' -> out.append("$<$");
                case '>' -> out.append("$>$");
                case '±' -> out.append("$\\pm$");
                case 'κ' -> out.append("$\\kappa$");
                case '\u2190' -> out.append("$\\leftarrow$");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
