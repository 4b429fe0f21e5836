package xcot.methods;

import java.util.List;
import java.util.Objects;

/**
 * One candidate of one iteration, as traced.
 *
 * @param text the candidate after the sentence cut
 * @param generator index of the generator that proposed it
 * @param sample which of its samples
 * @param perplexities per evaluator, in evaluator order; null where that evaluator failed this iteration
 * @param score the mean over the evaluators that succeeded (the selection criterion); duplicates carry the score of
 *              their first occurrence; null if not finite
 */
public record CandidateTrace(String text, int generator, int sample, List<Double> perplexities, Double score) {
    public CandidateTrace {
        Objects.requireNonNull(text, "text");
        perplexities = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(perplexities));
    }
}
