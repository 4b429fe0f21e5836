package xcot.tasks;

import xcot.tasks.toy.ToyTask;

/**
 * The generation protocol a benchmark follows (PAPER-SPEC §4, §6): how an inserted chain of thought is written, how
 * the answer is obtained and which token budgets apply by default.
 */
public enum BenchmarkKind {
    /** MedCalc-Bench: two-pass own CoT; an inserted CoT is followed by free continuation. */
    MEDCALC(true, false, new Budgets(4096, 100, 4196)),
    /** Instruction Induction: after the CoT, {@code " The instruction is:"} and 30 forced tokens. */
    INDUCTION(false, true, new Budgets(2048 - 30, 30, 30)),
    /** The toy {@code a+b+c=} task: raw completion, a short CoT, the answer after {@code </think>}. */
    TOY(false, false, ToyTask.PIPELINE_BUDGETS);

    private final boolean collapsesWhitespace;
    private final boolean forcesAnswer;
    private final Budgets defaultBudgets;

    BenchmarkKind(boolean collapsesWhitespace, boolean forcesAnswer, Budgets defaultBudgets) {
        this.collapsesWhitespace = collapsesWhitespace;
        this.forcesAnswer = forcesAnswer;
        this.defaultBudgets = defaultBudgets;
    }

    /** MedCalc replaces every whitespace run of the output by one space before extraction (§4.1 step 6). */
    public boolean collapsesWhitespace() {
        return collapsesWhitespace;
    }

    /** Instruction Induction appends {@link xcot.tasks.induction.InductionScoring#ANSWER_SUFFIX} and forces 30 tokens. */
    public boolean forcesAnswer() {
        return forcesAnswer;
    }

    /** The fixed-mode budgets of PAPER-SPEC (Q7 fixed default for MedCalc). */
    public Budgets defaultBudgets() {
        return defaultBudgets;
    }
}
