package xcot.reports;

import java.util.Objects;
import java.util.Optional;
import xcot.metrics.AnswerParsing;
import xcot.metrics.SettingReport;

/**
 * One scored setting of a report: a condition (for transfers, ensembles and corrupted chains, from one source) over
 * all models, with the {@code xcot score} command that prints the same numbers, and how many of its answers parsed
 * (the reason behind an {@code n/a}).
 */
public record ReportSetting(String condition, Optional<String> source, SettingReport report, String command,
                            AnswerParsing parsing) {
    static final String WITHOUT_ANSWER = "-without-answer";
    static final String FULL = "-full";

    public ReportSetting {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(parsing, "parsing");
    }

    /** The label, with {@code " !"} when fewer than half the setting's answers parsed. */
    public String flaggedLabel() {
        return parsing.mostlyUnparsed() ? label() + " !" : label();
    }

    /** {@code condition}, or {@code condition <- source}. */
    public String label() {
        return source.map(s -> condition + " <- " + s).orElse(condition);
    }

    /** Whether the inserted chain had its answer sentences removed. */
    public boolean withoutAnswer() {
        return condition.endsWith(WITHOUT_ANSWER);
    }

    /** The condition without its variant ({@code transfer-full} and {@code transfer-without-answer}: transfer). */
    public String baseCondition() {
        if (withoutAnswer()) {
            return condition.substring(0, condition.length() - WITHOUT_ANSWER.length());
        }
        return condition.endsWith(FULL) ? condition.substring(0, condition.length() - FULL.length()) : condition;
    }

    /** The label shared by the full and the without-answer variant of a setting. */
    public String baseLabel() {
        return source.map(s -> baseCondition() + " <- " + s).orElse(baseCondition());
    }
}
