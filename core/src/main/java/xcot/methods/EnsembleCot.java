package xcot.methods;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the ensemble engine wrote for one item.
 *
 * @param firstGeneratorContext the first generator's whole context at the end (what the reference saves as
 *                              {@code Ensembled Thought}), stripped
 * @param chunks                the chosen chunks joined as appended ({@code " " + chunk} each), without the start
 *                              context: the CoT the fixed mode inserts
 * @param closedThinking        whether {@code </think>} entered the first generator's context
 * @param chunksPerGenerator    how many chosen chunks each generator proposed first
 * @param traceJsonLines        per iteration: all candidates with their source model, scores, the chosen one
 */
public record EnsembleCot(String firstGeneratorContext, String chunks, boolean closedThinking,
                          Map<String, Integer> chunksPerGenerator, List<String> traceJsonLines) {
    public EnsembleCot {
        Objects.requireNonNull(firstGeneratorContext, "firstGeneratorContext");
        Objects.requireNonNull(chunks, "chunks");
        chunksPerGenerator = Map.copyOf(chunksPerGenerator);
        traceJsonLines = List.copyOf(traceJsonLines);
    }

    /**
     * The CoT to insert, or empty when the target should write its own instead. Reference (Q15, Q16): the text
     * between the first {@code <think>} and the first {@code </think>} of the first generator's context, inner
     * {@code \n<think>} included, and empty (own generation) when the context never closed. Fixed: the accumulated
     * chunks up to the first {@code </think>}, opening markers removed, even when unclosed. The last chunk (up to 15
     * tokens) can run past {@code </think>} into the generator's answer, which is no part of the CoT.
     */
    public java.util.Optional<String> cotToInsert(boolean innerThinkTag, boolean emptyOnUnclosed) {
        if (innerThinkTag || emptyOnUnclosed) {
            int open = firstGeneratorContext.indexOf("<think>");
            int close = open < 0 ? -1 : firstGeneratorContext.indexOf("</think>", open);
            String cot = close < 0 ? "" : firstGeneratorContext.substring(open + "<think>".length(), close);
            if (!innerThinkTag) {
                cot = cot.replace("<think>", "").strip();
            }
            if (cot.isEmpty() && emptyOnUnclosed) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(cot);
        }
        int close = chunks.indexOf("</think>");
        String cot = close < 0 ? chunks : chunks.substring(0, close);
        return java.util.Optional.of(cot.replace("<think>", "").strip());
    }
}
