package xcot.reports;

import java.util.List;
import java.util.Locale;
import xcot.metrics.Summary;
import xcot.runs.RunResult;
import xcot.runs.SettingSummary;

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
        int width = Math.max(12, r.settings().stream().mapToInt(s -> s.label().length()).max().orElse(0));
        String format = "%-" + width + "s  %5s  %-15s  %-15s  %8s  %7s  %7s  %7s%n";
        out.append(String.format(Locale.ROOT, format, "setting", "items", "consistency", "95% CI", "accuracy",
                "cons+ok", "cons+x", "incons"));
        for (SettingSummary s : r.settings()) {
            var report = s.report();
            out.append(String.format(Locale.ROOT, format, s.label(), report.items(), meanStd(report.consistency()),
                    interval(report.consistency()), number(report.accuracyMean().mean()),
                    number(report.breakdown().consistentCorrect().mean()),
                    number(report.breakdown().consistentWrong().mean()),
                    number(report.breakdown().inconsistent().mean())));
        }
        out.append("consistency: mean ± population std over the model pairs; cons+ok / cons+x: consistent and both "
                + "correct / not both correct; incons: inconsistent\n");
        return out.toString();
    }

    /** The {@code xcot score} command line that reproduces one setting from the run's export. */
    public static String scoreCommand(SettingSummary s, String answersFile) {
        return "xcot score " + String.join(" ", quoted(s.scoreArguments())) + " " + answersFile;
    }

    private static List<String> quoted(List<String> args) {
        return args.stream().map(a -> a.matches("[A-Za-z0-9_./:+-]+") ? a : "'" + a.replace("'", "'\\''") + "'")
                .toList();
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
