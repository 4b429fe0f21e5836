package xcot.tasks.toy;

import java.util.List;
import java.util.Optional;

/**
 * The toy arithmetic benchmark beside MedCalc and Instruction Induction, in the shape an experiment runner needs:
 * items, the raw prompt of an item, the thinking markers, the rule for inserting a chain of thought, answer
 * extraction, the scorer and the corrupted-CoT generators ({@link Corruption}). The models are raw-completion
 * models without a chat template: a prompt is the problem text itself, and a model's own output starts with
 * {@code <think>}.
 */
public final class ToyTask {
    /** Benchmark name in xcot records. */
    public static final String BENCHMARK = "toy";
    /** New tokens for any answer of the task: the longest target (words style, 9+9+9) is 39 tokens, then EOS. */
    public static final int ANSWER_BUDGET_TOKENS = 40;

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
        return ToyAnswers.THINK_OPEN;
    }

    public String thinkClose() {
        return ToyAnswers.THINK_CLOSE;
    }

    /**
     * The insertion rule: the prompt, then {@code <think> } + the chain + {@code  </think>}; the model continues
     * with its answer. An empty chain gives {@code <think> </think>} (the Empty condition).
     */
    public String withCot(ToyProblem item, String cot) {
        String inner = cot.isBlank() ? " " : " " + cot.strip() + " ";
        return item.prompt() + ToyAnswers.THINK_OPEN + inner + ToyAnswers.THINK_CLOSE;
    }

    /** The prompt with the thinking block opened, {@code cot} in it and left open: the model goes on thinking. */
    public String withOpenCot(ToyProblem item, String cot) {
        return item.prompt() + ToyAnswers.THINK_OPEN + " " + cot.strip() + " ";
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
