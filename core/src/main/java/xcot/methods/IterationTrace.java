package xcot.methods;

import java.util.List;
import java.util.Objects;

/**
 * One iteration of the ensemble loop.
 *
 * @param iteration 0-based
 * @param candidates every candidate in generator order, then sample order (duplicates included)
 * @param chosen the winning candidate text
 * @param chosenGenerator the generator credited with it (the first whose samples contain it)
 * @param chosenScore its mean perplexity; null if not finite
 * @param failedEvaluators names of evaluators skipped this iteration because they failed
 * @param rescored how many near-tied candidates were scored again one by one before the choice
 * @param millis wall time of the iteration (sampling, scoring, appending)
 */
public record IterationTrace(int iteration, List<CandidateTrace> candidates, String chosen, int chosenGenerator,
                             Double chosenScore, List<String> failedEvaluators, int rescored, double millis) {
    public IterationTrace {
        Objects.requireNonNull(chosen, "chosen");
        candidates = List.copyOf(candidates);
        failedEvaluators = List.copyOf(failedEvaluators);
    }
}
