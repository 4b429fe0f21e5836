package xcot.methods;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the ensemble engine wrote for one item.
 *
 * @param firstGeneratorContext the first generator's whole context at the end (what the reference saves as
 *                              {@code Ensembled Thought}), stripped
 * @param chunks                the chosen chunks joined as appended ({@code " " + chunk} each), without the start
 *                              context: the CoT the fixed mode inserts
 * @param closedThinking        whether the close marker entered the first generator's context
 * @param chunksPerGenerator    how many chosen chunks each generator proposed first
 * @param trace                 per iteration: all candidates with their source model, scores, the chosen one
 * @param openMarker            the first generator's opening thinking marker as this text shows it (its profile's
 *                              {@link xcot.profiles.ModelProfile#ensembleThinking}: {@code <think>},
 *                              {@code <|begin_of_thought|>}, gpt-oss {@code assistantanalysis})
 * @param closeMarker           its closing marker likewise ({@code </think>}, {@code <|end_of_thought|>}, gpt-oss
 *                              {@code assistantfinal}); also the marker that ended the ensemble
 */
public record EnsembleCot(String firstGeneratorContext, String chunks, boolean closedThinking,
                          Map<String, Integer> chunksPerGenerator, EnsembleTrace trace, String openMarker,
                          String closeMarker) {
    public EnsembleCot {
        Objects.requireNonNull(firstGeneratorContext, "firstGeneratorContext");
        Objects.requireNonNull(chunks, "chunks");
        chunksPerGenerator = Map.copyOf(chunksPerGenerator);
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(openMarker, "openMarker");
        Objects.requireNonNull(closeMarker, "closeMarker");
        if (openMarker.isEmpty() || closeMarker.isEmpty()) {
            throw new IllegalArgumentException("the thinking markers must not be empty");
        }
    }

    /**
     * The CoT to insert, or empty when the target should write its own instead. The markers are the first
     * generator's ({@link #openMarker}, {@link #closeMarker}). Reference (Q15, Q16): the text between the first open
     * and the first close marker of the first generator's context, as the reference's {@code extract_thinking} takes
     * it (QwQ's inner {@code \n<think>} included), and empty (own generation) when the context never closed. Fixed:
     * the accumulated chunks up to the first close marker, opening markers removed, even when unclosed. The last
     * chunk (up to 15 tokens) can run past the close marker into the generator's answer, which is no part of the CoT.
     */
    public Optional<String> cotToInsert(boolean innerThinkTag, boolean emptyOnUnclosed) {
        if (innerThinkTag || emptyOnUnclosed) {
            int open = firstGeneratorContext.indexOf(openMarker);
            int close = open < 0 ? -1 : firstGeneratorContext.indexOf(closeMarker, open + openMarker.length());
            String cot = close < 0 ? "" : firstGeneratorContext.substring(open + openMarker.length(), close);
            if (!innerThinkTag) {
                cot = cot.replace(openMarker, "").strip();
            }
            if (cot.isEmpty() && emptyOnUnclosed) {
                return Optional.empty();
            }
            return Optional.of(cot);
        }
        int close = chunks.indexOf(closeMarker);
        String cot = close < 0 ? chunks : chunks.substring(0, close);
        return Optional.of(cot.replace(openMarker, "").strip());
    }
}
