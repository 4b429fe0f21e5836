package xcot.reference;

import java.util.Arrays;
import java.util.Optional;

/**
 * The reference implementation's behaviours that change texts or numbers and that xcot reproduces behind a flag
 * (off by default: the fixed behaviour), one constant each. {@code docs/reference-pipeline.md} has one entry per
 * constant, under its {@link #id()}, saying what the reference does, where, and what xcot does instead.
 *
 * <p>{@link #SENTENCE_HEURISTIC} is the exception: it defines the ensemble method, so it is on in both modes.
 */
public enum Quirk {
    DOUBLE_THINK_TAG("Q1", "ref.double-think-tag", Stage.GENERATION,
            "MedCalc insertion and ensemble contexts always append <think>, even after a template that opened it"),
    DOUBLE_BOS("Q2", "ref.double-bos", Stage.GENERATION,
            "tokenization adds BOS although the rendered text starts with it"),
    OSS_PLAINTEXT_CHANNELS("Q3", "ref.oss-plaintext-channels", Stage.GENERATION,
            "MedCalc gpt-oss insertion writes the channel headers as plain words; MedCalc output is decoded with "
                    + "special tokens skipped"),
    ALWAYS_SECOND_PASS("Q6", "ref.always-second-pass", Stage.GENERATION,
            "MedCalc own CoT always runs pass 2, on the re-tokenized decoded text"),
    PROMPT_INCLUSIVE_BUDGETS("Q7", "ref.prompt-inclusive-budgets", Stage.GENERATION,
            "MedCalc token budgets count the prompt"),
    OSS_TRANSFER_MEDIUM("Q8", "ref.oss-transfer-medium", Stage.GENERATION,
            "gpt-oss reasons at effort medium as a MedCalc transfer target"),
    II_TARGET_REGEX("Q9", "ref.ii-target-regex", Stage.GENERATION,
            "Instruction Induction transfer parses the source with the target's markers (across families the "
                    + "whole transcript is inserted)"),
    II_OSS_IDENTITY_IS_PROMPT("Q10", "ref.ii-oss-identity-is-prompt", Stage.GENERATION,
            "Instruction Induction gpt-oss model identity is the user prompt"),
    II_OSS_DOUBLE_HEADER("Q10b", "ref.ii-oss-double-header", Stage.GENERATION,
            "Instruction Induction gpt-oss insertion repeats <|start|>assistant after a prompt that ends with it"),
    INNER_THINK_TAG("Q16", "ref.inner-think-tag", Stage.GENERATION,
            "the inserted ensemble CoT keeps its inner \\n<think>"),
    EMPTY_ON_UNCLOSED("Q15", "ref.empty-on-unclosed", Stage.GENERATION,
            "an ensemble context without </think> yields an empty CoT; the target writes its own instead"),
    OSS_BARE_ASSISTANT("Q17", "ref.oss-bare-assistant", Stage.GENERATION,
            "the gpt-oss ensemble context ends at <|start|>assistant with no channel header"),
    SCORE_WITHOUT_SPACE("Q13", "ref.score-without-space", Stage.GENERATION,
            "ensemble candidates are scored without the space they are appended with"),
    NO_LENGTH_CAP("Q14", "ref.no-length-cap", Stage.GENERATION, "the MedCalc ensemble has no length cap"),
    COUNT_WITH_EVALUATOR("Q18", "ref.count-with-evaluator", Stage.GENERATION,
            "the Instruction Induction ensemble counts tokens with the last evaluator's tokenizer"),
    SENTENCE_HEURISTIC("Q19", "ref.sentence-heuristic", Stage.GENERATION,
            "the reference's sentence cut for ensemble chunks (on by default: it defines the method)"),
    LENIENT_CONSISTENCY("Q20", "ref.lenient-consistency", Stage.SCORING,
            "MedCalc consistency reads a missing answer as \"\" (two failures agree) and does not filter "
                    + "'NoneType' failure texts"),
    STRING_BREAKDOWN("Q20b", "ref.string-breakdown", Stage.SCORING,
            "the consistent-correct / consistent-wrong / inconsistent table compares answer strings only, over "
                    + "all rows"),
    ID69_RAISE("Q26", "ref.id69-raise", Stage.SCORING,
            "gestational-age extraction calls .group() on a failed match, so an answer without two numbers "
                    + "becomes a Python error text"),
    ID69_DIGIT_SPLIT("Q26b", "ref.id69-digit-split", Stage.SCORING,
            "the weeks/days regex may split one number in two and misses a lone day count"),
    ANSWER_FROM_FULL_TEXT("Q5", "ref.answer-from-full-text", Stage.SCORING,
            "the answer regex runs over prompt, inserted CoT and continuation"),
    OSS_CUT_BY_SOURCE("Q4", "ref.oss-cut-by-source", Stage.SCORING,
            "the gpt-oss assistantfinal cut is keyed on a transfer's source model"),
    II_SCORED_TRANSCRIPT("Q27", "ref.ii-scored-transcript", Stage.SCORING,
            "Instruction Induction accuracy is that of the text the accuracy file recorded as the prediction; in "
                    + "the published OpenThinker without-answer self-transfer that is the whole transcript, not the "
                    + "answer after the end-of-thinking marker"),
    II_PLOT_21_TASKS("Q21", "ref.ii-plot-21-tasks", Stage.PLOT,
            "the Instruction Induction consistency figure averages each model pair over 21 task files, the 20 "
                    + "tasks and a summary file read as a task scoring 0, so it shows 20/21 of the consistency");

    /**
     * Whether a quirk changes what is generated, how stored answers are scored, or only how the reference's figures
     * aggregate the scores. {@code PLOT} quirks are never part of {@link Quirks#faithfulScoring()} (which reproduces
     * the numbers the reference reports): {@code xcot score} applies one only when it is named.
     */
    public enum Stage { GENERATION, SCORING, PLOT }

    private final String id;
    private final String flag;
    private final Stage stage;
    private final String reference;

    Quirk(String id, String flag, Stage stage, String reference) {
        this.id = id;
        this.flag = flag;
        this.stage = stage;
        this.reference = reference;
    }

    /** Its entry in {@code docs/reference-pipeline.md} (e.g. {@code Q7}). */
    public String id() {
        return id;
    }

    /** Its flag name in configs and on the command line (e.g. {@code ref.prompt-inclusive-budgets}). */
    public String flag() {
        return flag;
    }

    public Stage stage() {
        return stage;
    }

    public boolean scoring() {
        return stage == Stage.SCORING;
    }

    /** A {@link Stage#PLOT} quirk: how the reference's figures aggregate scores. */
    public boolean plot() {
        return stage == Stage.PLOT;
    }

    /** One line: what the reference does. */
    public String reference() {
        return reference;
    }

    public static Optional<Quirk> byFlag(String flag) {
        return Arrays.stream(values()).filter(q -> q.flag.equals(flag)).findFirst();
    }
}
