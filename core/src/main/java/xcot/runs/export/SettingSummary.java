package xcot.runs.export;

import java.util.Objects;
import java.util.Optional;
import xcot.metrics.AnswerParsing;
import xcot.metrics.SettingReport;

/**
 * The metrics of one setting of a run: one condition (and, for transfers and ensembles, one source) over all models,
 * and how many of its answers parsed (the reason behind an {@code n/a}).
 */
public record SettingSummary(String condition, Optional<String> source, SettingReport report, AnswerParsing parsing) {
    public SettingSummary {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(parsing, "parsing");
    }

    /** {@code condition}, or {@code condition <- source}. */
    public String label() {
        return source.map(s -> condition + " <- " + s).orElse(condition);
    }
}
