package xcot.tasks.medcalc;

import java.util.Objects;

/**
 * What answer extraction reads from one generation: the text the model was given (rendered prompt plus any inserted
 * CoT) and the text it generated, both decoded as the pipeline decoded them.
 *
 * @param promptAndInsertion  rendered prompt plus inserted chain of thought
 * @param continuation        the generated text
 * @param endOfThinkingMarker where the generating model's thinking ends in {@code continuation} (e.g.
 *                            {@code </think>}); the fixed extraction reads only what follows its first occurrence.
 *                            Empty when the continuation holds no thinking.
 * @param generatorIsGptOss   the model that generated {@code continuation} is gpt-oss
 * @param sourceIsGptOss      the model whose CoT was inserted is gpt-oss (equal to the above for own runs)
 */
public record Transcript(
        String promptAndInsertion,
        String continuation,
        String endOfThinkingMarker,
        boolean generatorIsGptOss,
        boolean sourceIsGptOss) {
    public Transcript {
        Objects.requireNonNull(promptAndInsertion, "promptAndInsertion");
        Objects.requireNonNull(continuation, "continuation");
        Objects.requireNonNull(endOfThinkingMarker, "endOfThinkingMarker");
    }
}
