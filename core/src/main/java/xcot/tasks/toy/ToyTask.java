package xcot.tasks.toy;

import java.util.List;
import java.util.Optional;
import xcot.tasks.BenchmarkKind;

/**
 * The toy arithmetic benchmark beside MedCalc and Instruction Induction, and the one definition of its text format:
 * items, the raw prompt of an item, the thinking markers, the rules for inserting a chain of thought (closed, or left
 * open for the model to continue), answer extraction, the scorer and the corrupted-CoT generators
 * ({@link Corruption}). The models are raw-completion models without a chat template: a prompt is the problem text
 * itself, and a model's own output starts with {@code <think>}. The experiment pipeline's toy profile
 * ({@code xcot.profiles.ModelFamily.TOY}) reads the format from here.
 *
 * <p>Every string here tokenizes exactly as the zoo's training examples do ({@link ToyVocabulary}: every character
 * one token, no space prefix, {@code <think>}/{@code </think>} one token each), so an inserted chain reaches a model
 * as the same tokens as one it wrote itself.
 */
public final class ToyTask {
    /** Benchmark name in xcot records. */
    public static final String BENCHMARK = "toy";
    /**
     * New tokens for any answer of the task: the longest target (words style, 9+9+9) is 39 tokens, then EOS. The
     * pipeline's budgets ({@link BenchmarkKind#TOY}) use it for an own chain and after an inserted one (after an empty
     * thinking block a model may still reason before it answers, as a real model may after the paper's Empty CoT),
     * and 8 for the answer after a chain the budget cut off; the zoo's evaluation uses the same.
     */
    public static final int ANSWER_BUDGET_TOKENS = BenchmarkKind.TOY.defaultBudgets().cotTokens();
    public static final String THINK_OPEN = ToyAnswers.THINK_OPEN;
    public static final String THINK_CLOSE = ToyAnswers.THINK_CLOSE;

    /** The evaluation items: the 123 held-out problems. */
    public List<ToyProblem> items() {
        return ToySplit.heldOut();
    }

    public ToyProblem item(String id) {
        return ToyProblem.parseId(id);
    }

    /** The text a model completes for its own chain of thought: {@code 6+1+9=}. */
    public String rawPrompt(ToyProblem item) {
        return item.prompt();
    }

    public String thinkOpen() {
        return THINK_OPEN;
    }

    public String thinkClose() {
        return THINK_CLOSE;
    }

    /**
     * What follows the prompt to insert a chain: {@code <think> } + the chain + {@code  </think>}; the model continues
     * with its answer. An empty chain gives {@code <think> </think>} (the Empty condition).
     */
    public static String insertion(String cot) {
        return openInsertion(cot) + THINK_CLOSE;
    }

    /**
     * What follows the prompt to start a chain and leave it open: {@code <think> } + the chain + a space, where the
     * model would write its next step; {@code <think> } alone for an empty chain.
     */
    public static String openInsertion(String cot) {
        return THINK_OPEN + " " + (cot.isBlank() ? "" : cot.strip() + " ");
    }

    /**
     * Appended to a chain that ran out of budget before the model closed it: the space and marker the training
     * targets have between the chain and the answer.
     */
    public static String closing() {
        return " " + THINK_CLOSE;
    }

    /** The prompt with {@code cot} inserted as a closed thinking block ({@link #insertion}). */
    public String withCot(ToyProblem item, String cot) {
        return rawPrompt(item) + insertion(cot);
    }

    /** The prompt with the thinking block opened, {@code cot} in it and left open: the model goes on thinking. */
    public String withOpenCot(ToyProblem item, String cot) {
        return rawPrompt(item) + openInsertion(cot);
    }

    /** The prompt with a corrupted chain inserted, closed or open as the corruption says. */
    public String withCorruptedCot(ToyProblem item, CorruptedCot cot) {
        return cot.complete() ? withCot(item, cot.cot()) : withOpenCot(item, cot.cot());
    }

    /** A model's thinking span (between the markers, trimmed); empty if the block was never closed. */
    public Optional<String> thinking(String transcript) {
        return ToyAnswers.thinking(transcript);
    }

    /** The answer: the last number after {@code </think>}. */
    public Optional<String> extractAnswer(String transcript) {
        return ToyAnswers.answer(transcript);
    }

    public CorruptedCot corrupt(ToyProblem item, CotStyle style, Corruption kind) {
        return kind.apply(item, style);
    }
}
