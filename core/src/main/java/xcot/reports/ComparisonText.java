package xcot.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code xcot compare}'s table: one row per compared setting, as text cells (the CLI and the HTML section share it). */
public final class ComparisonText {
    public static final List<String> HEADERS = List.of("setting", "run", "items", "consistency (base → run)",
            "Δ consistency [95 % CI]", "accuracy (base → run)", "Δ accuracy [95 % CI]", "changed");

    private ComparisonText() {}

    public static List<String> cells(RunComparison.Row r) {
        var d = r.difference();
        return List.of(r.setting(), r.run(), Integer.toString(d.items()),
                Numbers.three(d.consistencyA()) + " → " + Numbers.three(d.consistencyB()),
                Numbers.signed(d.consistency().value()) + " " + Numbers.interval(d.consistency().ci95()),
                Numbers.three(d.accuracyA()) + " → " + Numbers.three(d.accuracyB()),
                Numbers.signed(d.accuracy().value()) + " " + Numbers.interval(d.accuracy().ci95()),
                r.changed() ? changedWhat(r) : "no");
    }

    private static String changedWhat(RunComparison.Row r) {
        List<String> what = new ArrayList<>();
        if (r.difference().consistencyChanged()) {
            what.add("consistency");
        }
        if (r.difference().accuracyChanged()) {
            what.add("accuracy");
        }
        return "yes: " + String.join(", ", what);
    }

    public static String summary(RunComparison c) {
        int changed = c.changed().size();
        return String.format(Locale.ROOT, "%s compared with baseline %s: %d of %d settings changed significantly "
                        + "(paired bootstrap 95 %% interval over the shared items excludes 0; %d resamples, seed %d)",
                String.join(", ", c.others()), c.baseline(), changed, c.rows().size(), c.bootstrap().resamples(),
                c.bootstrap().seed());
    }

    /** A fixed-width text table and the summary line, for the terminal. */
    public static String text(RunComparison c) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADERS);
        c.rows().forEach(r -> rows.add(cells(r)));
        int[] widths = new int[HEADERS.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row.get(i)));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append('\n').append(summary(c)).append('\n');
        if (!c.changed().isEmpty()) {
            out.append("changed: ").append(String.join("; ", c.changed().stream()
                    .map(r -> r.setting() + " (" + r.run() + ")").toList())).append('\n');
        }
        return out.toString();
    }
}
