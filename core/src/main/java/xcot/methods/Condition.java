package xcot.methods;

import java.util.Arrays;
import java.util.Optional;

/**
 * The CoT conditions (docs/reference-pipeline.md §2) and their names in records. Each CoT condition also has a
 * without-answer variant whose CoT is first passed through an {@link AnswerRemover}. The toy task adds corrupted-CoT
 * conditions, named by their corruption ({@code corrupted-...}).
 */
public enum Condition {
    /** (A) an empty thinking block, then the model answers. */
    EMPTY("empty", false, false),
    /** (B1) own CoT, greedy, two passes. */
    DEFAULT("default", true, false),
    /** (B2) own CoT, sampled at the profile's temperature/top-k/top-p, seeded. */
    SAMPLED("sampled", true, false),
    /** (C) the source's greedy CoT inserted into the target, every source × target. */
    TRANSFER("transfer-full", false, false),
    /** (B1 w/o answer) the model's own greedy CoT, sanitized, re-inserted: a self-transfer. */
    DEFAULT_WITHOUT_ANSWER("default-without-answer", false, true),
    /** (B2 w/o answer) the own sampled CoT, sanitized, re-inserted, the answer sampled too. */
    SAMPLED_WITHOUT_ANSWER("sampled-without-answer", false, true),
    /** (C w/o answer) the source's sanitized greedy CoT inserted. */
    TRANSFER_WITHOUT_ANSWER("transfer-without-answer", false, true),
    /** (D) a sentence-level ensemble CoT inserted into every target. */
    ENSEMBLE("ensemble", false, false),
    /** (D w/o answer) the ensemble CoT, sanitized. */
    ENSEMBLE_WITHOUT_ANSWER("ensemble-without-answer", false, true),
    /** A corrupted CoT of the benchmark (toy) inserted into every target; the record's condition is its name. */
    CORRUPTED("corrupted", false, false);

    private final String label;
    private final boolean ownCot;
    private final boolean withoutAnswer;

    Condition(String label, boolean ownCot, boolean withoutAnswer) {
        this.label = label;
        this.ownCot = ownCot;
        this.withoutAnswer = withoutAnswer;
    }

    /** The condition's name in records ({@code xcot score --condition}). */
    public String label() {
        return label;
    }

    /** The model writes its own CoT (otherwise a CoT is inserted). */
    public boolean ownCot() {
        return ownCot;
    }

    public boolean withoutAnswer() {
        return withoutAnswer;
    }

    /** The without-answer variant of a full condition. */
    public Optional<Condition> withoutAnswerVariant() {
        return switch (this) {
            case DEFAULT -> Optional.of(DEFAULT_WITHOUT_ANSWER);
            case SAMPLED -> Optional.of(SAMPLED_WITHOUT_ANSWER);
            case TRANSFER -> Optional.of(TRANSFER_WITHOUT_ANSWER);
            case ENSEMBLE -> Optional.of(ENSEMBLE_WITHOUT_ANSWER);
            default -> Optional.empty();
        };
    }

    /**
     * Transfers, ensembles and corrupted CoTs form one setting per source (the model or combination whose CoT is
     * inserted); every other condition one setting over all models.
     */
    public boolean settingPerSource() {
        return switch (this) {
            case TRANSFER, TRANSFER_WITHOUT_ANSWER, ENSEMBLE, ENSEMBLE_WITHOUT_ANSWER, CORRUPTED -> true;
            default -> false;
        };
    }

    /**
     * The condition of a record's condition name: a label of this enum, a Sampled label with its seed
     * ({@code sampled-seed43}), or one of the benchmark's corruption names.
     */
    public static Optional<Condition> ofRecordLabel(String label, java.util.Set<String> corruptions) {
        if (corruptions.contains(label)) {
            return Optional.of(CORRUPTED);
        }
        String base = label.replaceFirst("-seed\\d+$", "");
        return Arrays.stream(values()).filter(c -> c != CORRUPTED && c.label.equals(base)).findFirst();
    }

    /** The names a run config uses for the full conditions: empty, default, sampled, transfer, ensemble, corrupted. */
    public static Optional<Condition> byConfigName(String name) {
        return switch (name) {
            case "transfer" -> Optional.of(TRANSFER);
            default -> Arrays.stream(values()).filter(c -> !c.withoutAnswer && c.label.equals(name)).findFirst();
        };
    }
}
