package xcot.records;

import java.util.ArrayList;
import java.util.List;

/**
 * The reference implementation's scoring quirks that xcot can reproduce, one flag each. {@link #fixed()} (the
 * default) scores as the paper intends; {@link #faithful()} reproduces the published analysis exactly. The flag names
 * in brackets are the ones PAPER-SPEC §12 and the README use.
 *
 * <p>Lives in {@code xcot.records} because both the task scorers (extraction flags) and the metrics (consistency
 * flags) read it, and both already depend on the record model.
 *
 * @param lenientConsistency [{@code ref.lenient-consistency}, Q20] the consistency filter looks only at answer
 *                           strings: a missing transfer answer reads as {@code ""} (so two failures agree), and a
 *                           failure text not on its substring list ({@code 'NoneType' ...}) counts as an answer.
 *                           Fixed: any failed row is skipped.
 * @param stringBreakdown    [{@code ref.string-breakdown}] the paper's consistent-correct / consistent-wrong /
 *                           inconsistent table compares answer strings only (two different correct answers count as
 *                           inconsistent) over all rows. Fixed: the breakdown splits the consistency rule itself.
 * @param id69Raise          [{@code ref.id69-raise}, Q26] gestational-age extraction calls {@code .group()} on a
 *                           failed match first, so an answer without two numbers raises
 *                           {@code 'NoneType' object has no attribute 'group'}. Fixed: such an answer is a failure
 *                           without a Python error.
 * @param id69DigitSplit     [{@code ref.id69-digit-split}] the weeks/days regex may split one number in two
 *                           ({@code "42 days"} becomes (4, 2)) and misses {@code "6 days"}. Fixed: weeks and days
 *                           are read by their units, a bare pair as (weeks, days), days of 7 or more carried into
 *                           weeks.
 * @param answerFromFullText [{@code ref.answer-from-full-text}, Q5] the answer regex runs over prompt, inserted CoT and
 *                           continuation. Fixed: only over the generated continuation after the end of thinking.
 * @param ossCutBySource     [{@code ref.oss-cut-by-source}, Q4] the gpt-oss {@code assistantfinal} cut is keyed on
 *                           the source model of a transfer. Fixed: keyed on the model that generated the text.
 */
public record ScoringOptions(
        boolean lenientConsistency,
        boolean stringBreakdown,
        boolean id69Raise,
        boolean id69DigitSplit,
        boolean answerFromFullText,
        boolean ossCutBySource) {

    public static ScoringOptions fixed() {
        return new ScoringOptions(false, false, false, false, false, false);
    }

    public static ScoringOptions faithful() {
        return new ScoringOptions(true, true, true, true, true, true);
    }

    /** The reference flags that are on, by their documented names. */
    public List<String> referenceFlags() {
        List<String> flags = new ArrayList<>();
        if (lenientConsistency) {
            flags.add("ref.lenient-consistency");
        }
        if (stringBreakdown) {
            flags.add("ref.string-breakdown");
        }
        if (id69Raise) {
            flags.add("ref.id69-raise");
        }
        if (id69DigitSplit) {
            flags.add("ref.id69-digit-split");
        }
        if (answerFromFullText) {
            flags.add("ref.answer-from-full-text");
        }
        if (ossCutBySource) {
            flags.add("ref.oss-cut-by-source");
        }
        return flags;
    }

    /** One line naming the mode, as {@code xcot score} prints it. */
    public String describe() {
        if (equals(fixed())) {
            return "fixed (default)";
        }
        String flags = String.join(", ", referenceFlags());
        return (equals(faithful()) ? "faithful" : "custom") + " (reference quirks: " + flags + ")";
    }
}
