package xcot.runs;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import xcot.metrics.SettingReport;

/**
 * The metrics of one setting of a run: one condition (and, for transfers and ensembles, one source) over all models.
 *
 * @param scoreArguments the {@code xcot score} arguments (before the export file) that reproduce this report from
 *                       the run's {@code answers.jsonl}
 */
public record SettingSummary(String condition, Optional<String> source, SettingReport report,
                             List<String> scoreArguments) {
    public SettingSummary {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(report, "report");
        scoreArguments = List.copyOf(scoreArguments);
    }

    /** {@code condition}, or {@code condition ← source}. */
    public String label() {
        return source.map(s -> condition + " <- " + s).orElse(condition);
    }
}
