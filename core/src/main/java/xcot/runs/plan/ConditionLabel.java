package xcot.runs.plan;

import java.util.Objects;
import java.util.OptionalLong;
import xcot.methods.Condition;

/**
 * A record's condition: the {@link Condition} and its name in records, which adds the seed to a Sampled condition
 * of a run with several seeds ({@code sampled-seed43}) and is the corruption's own name for a corrupted CoT.
 */
public record ConditionLabel(Condition condition, String label) {
    public ConditionLabel {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(label, "label");
    }

    public static ConditionLabel of(Condition c) {
        return new ConditionLabel(c, c.label());
    }

    /** {@code sampled} (or its without-answer variant), with {@code -seed<N>} when the run has several seeds. */
    public static ConditionLabel sampled(Condition c, long seed, boolean severalSeeds) {
        return new ConditionLabel(c, severalSeeds ? c.label() + "-seed" + seed : c.label());
    }

    public static ConditionLabel corrupted(String corruption) {
        return new ConditionLabel(Condition.CORRUPTED, corruption);
    }

    /** The seed a Sampled label carries, if the run has several. */
    public OptionalLong seedInLabel() {
        int at = label.lastIndexOf("-seed");
        return at < 0 ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(label.substring(at + 5)));
    }
}
