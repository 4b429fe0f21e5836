package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.llm.ContextOverflowException;
import xcot.llm.DecodeException;
import xcot.llm.LlamaException;

/**
 * Scores one iteration's distinct candidates with every evaluator (PAPER-SPEC §9 step 3) and settles near-ties.
 *
 * <p>An evaluator that fails is skipped for the iteration, as the reference skips one that raises; running out of
 * context is not a failure but the end of the run, so it propagates. After the batched scores, the candidates within
 * {@link EnsembleOptions#nearTieTolerance()} of the best are scored again one by one by every evaluator that
 * succeeded, and those scores replace the batched ones: the choice between near-equal candidates then rests on the
 * same numbers a from-scratch computation gives, not on batching noise.
 */
final class CandidateScoring {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateScoring.class);

    /**
     * @param meanNllByEvaluator per evaluator, mean NLL per distinct candidate; null where the evaluator failed
     * @param failedEvaluators names of the evaluators that failed
     * @param scores mean perplexity over the evaluators that succeeded, per distinct candidate; null if none did
     * @param rescored how many candidates were scored again one by one
     */
    record Scores(List<double[]> meanNllByEvaluator, List<String> failedEvaluators, double[] scores, int rescored) {}

    private CandidateScoring() {}

    static Scores score(List<EnsembleModel> evaluators, List<String> scoredTexts, EnsembleOptions options,
                        int iteration) {
        List<double[]> nll = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (EnsembleModel e : evaluators) {
            nll.add(scoreOrSkip(e, iteration, failed, () -> e.meanNllNats(scoredTexts, options.scoreSpan())));
        }
        double[] scores = Selection.meanPerplexities(nll, scoredTexts.size());
        if (scores == null || options.nearTieTolerance() == 0) {
            return new Scores(nll, failed, scores, 0);
        }
        List<Integer> close = nearTies(scores, options.nearTieTolerance());
        if (close.size() < 2) {
            return new Scores(nll, failed, scores, 0);
        }
        List<String> closeTexts = close.stream().map(scoredTexts::get).toList();
        for (int e = 0; e < evaluators.size(); e++) {
            if (nll.get(e) == null) {
                continue;
            }
            EnsembleModel evaluator = evaluators.get(e);
            double[] exact = scoreOrSkip(evaluator, iteration, failed,
                    () -> evaluator.meanNllNatsSeparately(closeTexts, options.scoreSpan()));
            if (exact == null) {
                nll.set(e, null);
                continue;
            }
            double[] merged = nll.get(e).clone();
            for (int k = 0; k < close.size(); k++) {
                merged[close.get(k)] = exact[k];
            }
            nll.set(e, merged);
        }
        return new Scores(nll, failed, Selection.meanPerplexities(nll, scoredTexts.size()), close.size());
    }

    /** Indices whose score is within {@code tolerance} (relative) of the smallest finite score. */
    static List<Integer> nearTies(double[] scores, double tolerance) {
        double best = Double.POSITIVE_INFINITY;
        for (double s : scores) {
            if (s < best) {
                best = s;
            }
        }
        List<Integer> close = new ArrayList<>();
        if (Double.isInfinite(best)) {
            return close;
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] <= best + Math.abs(best) * tolerance) {
                close.add(i);
            }
        }
        return close;
    }

    private static double[] scoreOrSkip(EnsembleModel evaluator, int iteration, List<String> failed,
                                        java.util.function.Supplier<double[]> scoring) {
        try {
            return scoring.get();
        } catch (ContextOverflowException | DecodeException.KvCacheFull full) {
            throw full;
        } catch (LlamaException | OutOfMemoryError error) {
            LOG.warn("evaluator {} skipped at iteration {}: {}", evaluator.name(), iteration, error.getMessage());
            failed.add(evaluator.name());
            return null;
        }
    }
}
