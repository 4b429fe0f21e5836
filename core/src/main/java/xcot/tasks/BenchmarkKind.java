package xcot.tasks;

import xcot.reference.Quirk;
import xcot.reference.Quirks;

/**
 * The generation protocol a benchmark follows: how an inserted chain of thought is written, how the answer is
 * obtained, which token budgets apply by default, and which of the reference's generation quirks apply to it. Code
 * outside {@code xcot.tasks} asks these properties; only the prompt formats of {@code xcot.profiles}, a table of model
 * family × protocol, name a protocol.
 */
public enum BenchmarkKind {
    /** MedCalc-Bench: two-pass own CoT; an inserted CoT is followed by free continuation. */
    MEDCALC(true, false, new Budgets(4096, 100, 4196)),
    /** Instruction Induction: after the CoT, {@code " The instruction is:"} and 30 forced tokens. */
    INDUCTION(false, true, new Budgets(2048 - 30, 30, 30)),
    /**
     * The toy {@code a+b+c=} task: raw completion, a short CoT, the answer after {@code </think>}; 40 new tokens fit
     * its longest chain and answer plus EOS, 8 the answer after a chain the budget cut off.
     */
    TOY(false, false, new Budgets(40, 8, 40));

    /** What Instruction Induction appends after the thinking block to force the answer. */
    public static final String INDUCTION_ANSWER_SUFFIX = " The instruction is:";

    private final boolean collapsesWhitespace;
    private final boolean forcesAnswer;
    private final Budgets defaultBudgets;

    BenchmarkKind(boolean collapsesWhitespace, boolean forcesAnswer, Budgets defaultBudgets) {
        this.collapsesWhitespace = collapsesWhitespace;
        this.forcesAnswer = forcesAnswer;
        this.defaultBudgets = defaultBudgets;
    }

    /** MedCalc replaces every whitespace run of the output by one space before extraction. */
    public boolean collapsesWhitespace() {
        return collapsesWhitespace;
    }

    /** Instruction Induction appends {@link #INDUCTION_ANSWER_SUFFIX} and forces 30 tokens. */
    public boolean forcesAnswer() {
        return forcesAnswer;
    }

    /** What is appended after a closed thinking block before the answer ({@code ""} unless the answer is forced). */
    public String answerSuffix() {
        return forcesAnswer ? INDUCTION_ANSWER_SUFFIX : "";
    }

    /** The fixed-mode budgets (for the toy task, the one source of its pipeline budgets). */
    public Budgets defaultBudgets() {
        return defaultBudgets;
    }

    /** gpt-oss channel headers written as plain words and output decoded without special tokens (MedCalc, Q3). */
    public boolean plaintextOssChannels(Quirks quirks) {
        return this == MEDCALC && quirks.has(Quirk.OSS_PLAINTEXT_CHANNELS);
    }

    /** Own-CoT pass 2 always runs, on the re-tokenized text (MedCalc, Q6). */
    public boolean alwaysSecondPass(Quirks quirks) {
        return this == MEDCALC && quirks.has(Quirk.ALWAYS_SECOND_PASS);
    }

    /** Budgets count the prompt (MedCalc, Q7). */
    public boolean promptInclusiveBudgets(Quirks quirks) {
        return this == MEDCALC && quirks.has(Quirk.PROMPT_INCLUSIVE_BUDGETS);
    }

    /** gpt-oss reasons at effort {@code medium} as a transfer target (MedCalc, Q8). */
    public boolean ossTransferMedium(Quirks quirks) {
        return this == MEDCALC && quirks.has(Quirk.OSS_TRANSFER_MEDIUM);
    }

    /** The gpt-oss analysis channel is opened with a full {@code <|start|>assistant} header (Instruction Induction). */
    public boolean ossFullChannelHeader() {
        return this == INDUCTION;
    }

    /**
     * The scripts append the opening thinking marker only when the rendered prompt lacks it (Instruction Induction);
     * the MedCalc scripts append it always under {@code ref.double-think-tag} (Q1).
     */
    public boolean appendsThinkTagOnlyWhenAbsent() {
        return this == INDUCTION;
    }

    /** The gpt-oss insertion repeats {@code <|start|>assistant} (Instruction Induction, {@code ref.ii-oss-double-header}). */
    public boolean ossDoubleHeader(Quirks quirks) {
        return this == INDUCTION && quirks.has(Quirk.II_OSS_DOUBLE_HEADER);
    }

    /** The ensemble runs without a length cap (MedCalc, Q14). */
    public boolean ensembleUncapped(Quirks quirks) {
        return this == MEDCALC && quirks.has(Quirk.NO_LENGTH_CAP);
    }

    /** The ensemble counts its length with the last evaluator's tokenizer (Instruction Induction, Q18). */
    public boolean ensembleCountsWithEvaluator(Quirks quirks) {
        return this == INDUCTION && quirks.has(Quirk.COUNT_WITH_EVALUATOR);
    }

    /**
     * The answer-removal filter's prompt is written as the Instruction Induction script's indented f-string, and its
     * extractor also removes stray thinking markers.
     */
    public boolean indentedFilterPrompt() {
        return this == INDUCTION;
    }
}
