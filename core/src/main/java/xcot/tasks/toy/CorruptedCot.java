package xcot.tasks.toy;

import java.util.Objects;

/**
 * A deliberately wrong chain of thought to insert into a model's thinking block.
 *
 * @param cot        the text to insert after {@code <think> }
 * @param complete   true: the block is closed after the text ({@code ... </think>}) and the model only answers;
 *                   false: the block stays open and the model writes the rest of the chain itself
 * @param conclusion the answer a model reaches if it follows the chain: the chain's last number, or for an open
 *                   chain the correct continuation of its (wrong) first step
 */
public record CorruptedCot(Corruption kind, CotStyle style, String cot, boolean complete, int conclusion) {
    public CorruptedCot {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(cot, "cot");
    }
}
