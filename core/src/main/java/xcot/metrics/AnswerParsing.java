package xcot.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How many of a setting's answers yielded a usable answer, and the commonest reason of those that did not: the reason
 * behind a table's {@code n/a} (consistency skips an item for a pair when either answer failed, so a setting whose
 * answers all failed has no consistency at all).
 *
 * @param parsed           answers that were judged (correct, incorrect or graded)
 * @param total            all answers
 * @param commonestFailure the failure text most answers share (shortened to its first line), if any failed
 * @param commonestCount   how many answers share it
 */
public record AnswerParsing(int parsed, int total, Optional<String> commonestFailure, int commonestCount) {
    /** A failure text longer than this is cut in tables. */
    static final int MAX_REASON_CHARS = 80;

    public AnswerParsing {
        if (parsed < 0 || parsed > total) {
            throw new IllegalArgumentException("parsed must be in [0, " + total + "], not " + parsed);
        }
    }

    public static AnswerParsing of(List<ScoredAnswer> answers) {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        int parsed = 0;
        for (ScoredAnswer a : answers) {
            if (a.outcome() instanceof Outcome.Failed f) {
                reasons.merge(shortened(f.reason()), 1, Integer::sum);
            } else {
                parsed++;
            }
        }
        var commonest = reasons.entrySet().stream().max(Map.Entry.comparingByValue());
        return new AnswerParsing(parsed, answers.size(), commonest.map(Map.Entry::getKey),
                commonest.map(Map.Entry::getValue).orElse(0));
    }

    /** Fewer than half the answers parsed: the setting's numbers rest on few items, or none. */
    public boolean mostlyUnparsed() {
        return total > 0 && 2 * parsed < total;
    }

    /** {@code 3/12}. */
    public String fraction() {
        return parsed + "/" + total;
    }

    /** {@code answers parsed 0/12; commonest failure (12x): "NameError: ..."}. */
    public String describe() {
        return String.format(Locale.ROOT, "answers parsed %s%s", fraction(), commonestFailure.map(r -> "; commonest "
                + "failure (" + commonestCount + "x): \"" + r + "\"").orElse(""));
    }

    private static String shortened(String reason) {
        String line = reason.strip().lines().findFirst().orElse("").strip();
        if (line.isEmpty()) {
            return "(no answer)";
        }
        return line.length() <= MAX_REASON_CHARS ? line : line.substring(0, MAX_REASON_CHARS - 1) + "…";
    }
}
