package xcot.profiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import xcot.records.ScoringOptions;

/**
 * The reference implementation's generation quirks (PAPER-SPEC §12) as one record of named flags; the scoring quirks
 * are the {@link ScoringOptions} component, so each quirk has exactly one flag. {@link #fixed()} is the default: the
 * port's corrected behaviour. {@link #referenceCompat()} (the {@code reference-compat} umbrella) turns every flag on
 * and reproduces the reference's texts and numbers.
 *
 * <p>{@link #sentenceHeuristic} is the exception: Q19 defines the ensemble method, so it is on in both modes.
 *
 * @param doubleThinkTag        [Q1 {@code ref.double-think-tag}] MedCalc insertion and ensemble contexts always append
 *                              {@code <think>}, even after a template that opened it
 * @param doubleBos             [Q2 {@code ref.double-bos}] tokenization adds BOS although the rendered text starts
 *                              with it
 * @param ossPlaintextChannels  [Q3 {@code ref.oss-plaintext-channels}] MedCalc gpt-oss insertion writes the channel
 *                              headers as the plain words {@code assistantanalysis}/{@code assistantfinal}, and MedCalc
 *                              generations are decoded with special tokens skipped
 * @param alwaysSecondPass      [Q6 {@code ref.always-second-pass}] MedCalc own CoT always runs pass 2 on the
 *                              re-tokenized decoded text
 * @param promptInclusiveBudgets [Q7 {@code ref.prompt-inclusive-budgets}] MedCalc budgets count the prompt
 * @param ossTransferMedium     [Q8 {@code ref.oss-transfer-medium}] gpt-oss reasons at effort {@code medium} as a
 *                              MedCalc transfer target
 * @param iiTargetRegex         [Q9 {@code ref.ii-target-regex}] Instruction Induction transfer parses the source with
 *                              the target's markers (across families the whole transcript is inserted)
 * @param iiOssIdentityIsPrompt [Q10 {@code ref.ii-oss-identity-is-prompt}] Instruction Induction gpt-oss model identity
 *                              is the user prompt
 * @param iiOssDoubleHeader     [{@code ref.ii-oss-double-header}] Instruction Induction gpt-oss insertion repeats
 *                              {@code <|start|>assistant} after a prompt that already ends with it (PAPER-SPEC §6.2)
 * @param innerThinkTag         [Q16 {@code ref.inner-think-tag}] the inserted ensemble CoT keeps its inner
 *                              {@code \n<think>}
 * @param emptyOnUnclosed       [Q15 {@code ref.empty-on-unclosed}] an ensemble context without {@code </think>}
 *                              yields an empty CoT and the target falls back to its own generation
 * @param ossBareAssistant      [Q17 {@code ref.oss-bare-assistant}] the gpt-oss ensemble context ends at
 *                              {@code <|start|>assistant} with no channel header
 * @param scoreWithoutSpace     [Q13 {@code ref.score-without-space}] ensemble candidates are scored without the
 *                              space they are appended with
 * @param noLengthCap           [Q14 {@code ref.no-length-cap}] the MedCalc ensemble has no length cap
 * @param countWithEvaluator    [Q18 {@code ref.count-with-evaluator}] the Instruction Induction ensemble counts
 *                              tokens with the last evaluator's tokenizer
 * @param sentenceHeuristic     [Q19 {@code ref.sentence-heuristic}] the reference's sentence cut (on by default)
 * @param scoring               the scoring quirks ({@code ref.lenient-consistency}, {@code ref.answer-from-full-text},
 *                              ...)
 */
public record ReferenceFlags(
        boolean doubleThinkTag,
        boolean doubleBos,
        boolean ossPlaintextChannels,
        boolean alwaysSecondPass,
        boolean promptInclusiveBudgets,
        boolean ossTransferMedium,
        boolean iiTargetRegex,
        boolean iiOssIdentityIsPrompt,
        boolean iiOssDoubleHeader,
        boolean innerThinkTag,
        boolean emptyOnUnclosed,
        boolean ossBareAssistant,
        boolean scoreWithoutSpace,
        boolean noLengthCap,
        boolean countWithEvaluator,
        boolean sentenceHeuristic,
        ScoringOptions scoring) {

    /** The umbrella flag's name. */
    public static final String UMBRELLA = "reference-compat";

    public ReferenceFlags {
        Objects.requireNonNull(scoring, "scoring");
    }

    /** The port's corrected behaviour (the default); the Q19 sentence cut stays on because it defines the method. */
    public static ReferenceFlags fixed() {
        return fromBits(Map.of(), false).withSet("ref.sentence-heuristic", true);
    }

    /** Every reference quirk on: reproduces the reference's texts and published numbers. */
    public static ReferenceFlags referenceCompat() {
        return fromBits(Map.of(), true);
    }

    /** Every flag name this record knows, in documentation order (generation flags, then scoring flags). */
    public static List<String> names() {
        List<String> names = new ArrayList<>(GENERATION_NAMES);
        names.addAll(SCORING_NAMES);
        return names;
    }

    /**
     * {@link #fixed()} or {@link #referenceCompat()} (per {@code umbrella}), then each named flag set as given.
     *
     * @throws IllegalArgumentException for a name that is not a flag
     */
    public static ReferenceFlags of(boolean umbrella, Map<String, Boolean> overrides) {
        ReferenceFlags flags = umbrella ? referenceCompat() : fixed();
        for (Map.Entry<String, Boolean> e : overrides.entrySet()) {
            flags = flags.withSet(e.getKey(), e.getValue());
        }
        return flags;
    }

    /** A copy with one named flag set. */
    public ReferenceFlags withSet(String name, boolean value) {
        Map<String, Boolean> bits = bits();
        if (!bits.containsKey(name)) {
            throw new IllegalArgumentException("unknown flag '" + name + "' (known: " + UMBRELLA + ", "
                    + String.join(", ", names()) + ")");
        }
        bits.put(name, value);
        return fromBits(bits, false);
    }

    /** The flags that are on, by name. */
    public List<String> enabled() {
        return bits().entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey).toList();
    }

    /** One line naming the mode, for run summaries. */
    public String describe() {
        if (equals(fixed())) {
            return "fixed (default)";
        }
        String mode = equals(referenceCompat()) ? UMBRELLA : "custom";
        return mode + " (" + String.join(", ", enabled()) + ")";
    }

    private static final List<String> GENERATION_NAMES = List.of(
            "ref.double-think-tag", "ref.double-bos", "ref.oss-plaintext-channels", "ref.always-second-pass",
            "ref.prompt-inclusive-budgets", "ref.oss-transfer-medium", "ref.ii-target-regex",
            "ref.ii-oss-identity-is-prompt", "ref.ii-oss-double-header", "ref.inner-think-tag",
            "ref.empty-on-unclosed", "ref.oss-bare-assistant", "ref.score-without-space", "ref.no-length-cap",
            "ref.count-with-evaluator", "ref.sentence-heuristic");
    private static final List<String> SCORING_NAMES = List.of(
            "ref.lenient-consistency", "ref.string-breakdown", "ref.id69-raise", "ref.id69-digit-split",
            "ref.answer-from-full-text", "ref.oss-cut-by-source");

    private Map<String, Boolean> bits() {
        boolean[] generation = {doubleThinkTag, doubleBos, ossPlaintextChannels, alwaysSecondPass,
            promptInclusiveBudgets, ossTransferMedium, iiTargetRegex, iiOssIdentityIsPrompt, iiOssDoubleHeader,
            innerThinkTag, emptyOnUnclosed, ossBareAssistant, scoreWithoutSpace, noLengthCap, countWithEvaluator,
            sentenceHeuristic};
        boolean[] scoringBits = {scoring.lenientConsistency(), scoring.stringBreakdown(), scoring.id69Raise(),
            scoring.id69DigitSplit(), scoring.answerFromFullText(), scoring.ossCutBySource()};
        Map<String, Boolean> bits = new LinkedHashMap<>();
        for (int i = 0; i < generation.length; i++) {
            bits.put(GENERATION_NAMES.get(i), generation[i]);
        }
        for (int i = 0; i < scoringBits.length; i++) {
            bits.put(SCORING_NAMES.get(i), scoringBits[i]);
        }
        return bits;
    }

    private static ReferenceFlags fromBits(Map<String, Boolean> bits, boolean defaultValue) {
        boolean[] g = new boolean[GENERATION_NAMES.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = bits.getOrDefault(GENERATION_NAMES.get(i), defaultValue);
        }
        boolean[] s = new boolean[SCORING_NAMES.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = bits.getOrDefault(SCORING_NAMES.get(i), defaultValue);
        }
        return new ReferenceFlags(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7], g[8], g[9], g[10], g[11], g[12],
                g[13], g[14], g[15], new ScoringOptions(s[0], s[1], s[2], s[3], s[4], s[5]));
    }
}
