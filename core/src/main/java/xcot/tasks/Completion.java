package xcot.tasks;

import java.util.Objects;

/**
 * What one generation produced, as the benchmarks' scorers read it.
 *
 * @param promptText        the text the model was given: rendered prompt plus any opening marker, inserted CoT or
 *                          answer suffix
 * @param continuation      everything the model generated, passes and any appended closing marker included, decoded
 *                          as the run decodes
 * @param answerStartMarker where the generating model's answer begins in the output (its end-of-thinking marker,
 *                          e.g. {@code </think>} or {@code <|channel|>final<|message|>})
 * @param generatorIsGptOss the model that generated is gpt-oss (its {@code assistantfinal} cut applies)
 * @param sourceIsGptOss    the model whose CoT was inserted is gpt-oss (the reference keys the cut on it, Q4)
 */
public record Completion(
        String promptText,
        String continuation,
        String answerStartMarker,
        boolean generatorIsGptOss,
        boolean sourceIsGptOss) {
    public Completion {
        Objects.requireNonNull(promptText, "promptText");
        Objects.requireNonNull(continuation, "continuation");
        Objects.requireNonNull(answerStartMarker, "answerStartMarker");
    }

    /** The whole decoded sequence: prompt then continuation. */
    public String fullText() {
        return promptText + continuation;
    }
}
