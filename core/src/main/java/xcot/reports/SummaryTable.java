package xcot.reports;

import java.util.List;
import java.util.Locale;
import xcot.metrics.ModelRate;
import xcot.metrics.Summary;
import xcot.runs.RunResult;
import xcot.runs.export.SettingSummary;

/**
 * The summary table {@code xcot run} prints: per setting, pairwise consistency (mean ± population std over model
 * pairs, with the bootstrap 95 % interval over items), mean accuracy, and the consistent-correct / consistent-wrong /
 * inconsistent breakdown — the numbers of the paper's tables, from {@code xcot.metrics}.
 */
public final class SummaryTable {
    private SummaryTable() {}

    public static String render(RunResult r) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "benchmark %s, %d models (%s), mode %s%n", r.benchmark(),
                r.models().size(), String.join(", ", r.models()), r.flags().describe()));
        if (r.settings().isEmpty()) {
            return out.append("no setting to score (consistency needs at least two models)\n").toString();
        }
        out.append(table(r.settings(), labelWidth(r)));
        out.append("parsed: answers that yielded a usable answer; consistency: mean ± population std over the model "
                + "pairs; cons+ok / cons+x: consistent and both correct / not both correct; incons: inconsistent\n");
        return out.toString();
    }

    /** The second summary, over every model but the config's {@code summary-without}; empty when there is none. */
    public static String renderWithout(RunResult r) {
        if (r.settingsWithout().isEmpty()) {
            return "";
        }
        List<String> kept = r.models().stream().filter(m -> !r.without().contains(m)).toList();
        return String.format(Locale.ROOT, "without %s: the same settings over %s%n", String.join(", ", r.without()),
                String.join(", ", kept)) + table(r.settingsWithout(), labelWidth(r));
    }

    private static int labelWidth(RunResult r) {
        return Math.max(12, r.settings().stream().mapToInt(s -> s.label().length()).max().orElse(0));
    }

    private static String table(List<SettingSummary> settings, int width) {
        StringBuilder out = new StringBuilder();
        int parsedWidth = Math.max(6, settings.stream().mapToInt(s -> s.parsing().fraction().length()).max().orElse(0));
        String format = "%-" + width + "s  %5s  %" + parsedWidth + "s  %-15s  %-15s  %8s  %7s  %7s  %7s%s%n";
        out.append(String.format(Locale.ROOT, format, "setting", "items", "parsed", "consistency", "95% CI",
                "accuracy", "cons+ok", "cons+x", "incons", ""));
        List<String> notes = new java.util.ArrayList<>();
        for (SettingSummary s : settings) {
            var report = s.report();
            boolean flagged = s.parsing().mostlyUnparsed();
            out.append(String.format(Locale.ROOT, format, s.label(), report.items(), s.parsing().fraction(),
                    meanStd(report.consistency()), interval(report.consistency()), number(report.accuracyMean().mean()),
                    number(report.breakdown().consistentCorrect().mean()),
                    number(report.breakdown().consistentWrong().mean()),
                    number(report.breakdown().inconsistent().mean()), flagged ? "  ! mostly unparsed" : ""));
            if (flagged || hasNotAvailable(report)) {
                notes.add("  " + s.label() + ": " + s.parsing().describe());
            }
        }
        if (!notes.isEmpty()) {
            out.append("n/a and ! (fewer than half the answers parsed; consistency skips an item for a pair when either"
                    + " answer failed):\n");
            notes.forEach(n -> out.append(n).append('\n'));
        }
        return out.toString();
    }

    /** Whether a row of the table shows {@code n/a} anywhere. */
    static boolean hasNotAvailable(xcot.metrics.SettingReport r) {
        return Double.isNaN(r.consistency().mean()) || Double.isNaN(r.consistency().std())
                || Double.isNaN(r.consistency().ci95().low()) || Double.isNaN(r.accuracyMean().mean())
                || Double.isNaN(r.breakdown().inconsistent().mean());
    }

    /**
     * Per setting, each model's accuracy (for a transfer, each target reading the source's chain): which models a
     * chain of thought carried to the right answer and which it misled, behind the means of {@link #render}.
     */
    public static String accuracyByModel(RunResult r) {
        if (r.settings().isEmpty()) {
            return "";
        }
        int width = labelWidth(r);
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s", "accuracy per model"));
        for (String model : r.models()) {
            out.append(String.format(Locale.ROOT, "  %" + Math.max(5, model.length()) + "s", model));
        }
        out.append('\n');
        for (SettingSummary s : r.settings()) {
            out.append(String.format(Locale.ROOT, "%-" + width + "s", s.label()));
            for (String model : r.models()) {
                double rate = s.report().accuracy().stream().filter(m -> m.model().equals(model))
                        .mapToDouble(ModelRate::rate).findFirst().orElse(Double.NaN);
                out.append(String.format(Locale.ROOT, "  %" + Math.max(5, model.length()) + "s", number(rate)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    /**
     * The {@code xcot score} arguments (before the export file) that reproduce one setting of a run from its
     * {@code answers.jsonl}: the condition, the source, the models a second summary leaves out, {@code --faithful}
     * for a run with the reference's scoring quirks.
     */
    public static List<String> scoreArguments(RunResult r, SettingSummary s, List<String> without) {
        List<String> args = new java.util.ArrayList<>(List.of("--condition", s.condition()));
        s.source().ifPresent(source -> args.addAll(List.of("--source", source)));
        without.forEach(m -> args.addAll(List.of("--without", m)));
        if (!r.flags().scoring().isEmpty()) {
            args.add("--faithful");
        }
        return args;
    }

    /** The {@code xcot score} command line that reproduces one setting of the first summary from the run's export. */
    public static String scoreCommand(RunResult r, SettingSummary s) {
        return scoreCommand(r, s, List.of());
    }

    /** The same for a setting of the second summary, which leaves out {@code without}. */
    public static String scoreCommand(RunResult r, SettingSummary s, List<String> without) {
        return ScoreCommands.line(scoreArguments(r, s, without), List.of(r.answers().toAbsolutePath().toString()));
    }

    private static String meanStd(Summary s) {
        return number(s.mean()) + " ± " + number(s.std());
    }

    private static String interval(Summary s) {
        return "[" + number(s.ci95().low()) + ", " + number(s.ci95().high()) + "]";
    }

    private static String number(double x) {
        return Double.isNaN(x) ? "n/a" : String.format(Locale.ROOT, "%.3f", x);
    }
}
