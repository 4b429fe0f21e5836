package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.methods.ensemble.ModelCalls.Failure;
import xcot.methods.ensemble.ModelCalls.Outcome;

/**
 * Scores one iteration's distinct candidates of every item with every evaluator (docs/reference-pipeline.md §9 step 3)
 * and settles near-ties. Each evaluator scores all the items' candidates in one call (its decodes shared across items).
 *
 * <p>An evaluator that fails for an item ({@link Failure#MODEL_FAILED}: a failed decode, a logits row that is not a
 * distribution, out of memory) is skipped for that item's iteration, as the reference skips one that raises; running
 * out of context is not a failure but the end of that item's run. After the batched scores, the candidates within
 * {@link EnsembleOptions#nearTieTolerance()} of the best are scored again one by one by every evaluator that
 * succeeded, and those scores replace the batched ones: the choice between near-equal candidates then rests on the
 * same numbers a from-scratch computation gives, not on batching noise.
 */
final class CandidateScoring {
    private static final Logger LOG = LoggerFactory.getLogger(CandidateScoring.class);
    private static final EnumSet<Failure> TOLERATED = EnumSet.allOf(Failure.class);

    /** What one item's candidates are scored on: its lane and its distinct scored strings. */
    record Request(int lane, List<String> scoredTexts) {}

    /**
     * One item's scores.
     *
     * @param meanNllByEvaluator per evaluator, mean NLL per distinct candidate; null where the evaluator failed
     * @param failedEvaluators names of the evaluators that failed
     * @param scores mean perplexity over the evaluators that succeeded, per distinct candidate; null if none did
     * @param rescored how many candidates were scored again one by one
     * @param outOfRoom why the item's lane had no room for its candidates, or null
     */
    record Scores(List<double[]> meanNllByEvaluator, List<String> failedEvaluators, double[] scores, int rescored,
                  Throwable outOfRoom) {}

    private CandidateScoring() {}

    /** Per request, in order, its scores. */
    static List<Scores> score(List<EnsembleModel> evaluators, List<Request> requests, EnsembleOptions options,
                              ModelCalls calls, int iteration) {
        int[] lanes = requests.stream().mapToInt(Request::lane).toArray();
        List<List<Outcome<double[]>>> batched = calls.each(evaluators, e -> ModelCalls.perLane(lanes,
                ls -> e.meanNllNats(ls, texts(requests, lanes, ls), options.scoreSpan()), TOLERATED));
        List<List<double[]>> nll = new ArrayList<>();
        List<List<String>> failed = new ArrayList<>();
        Throwable[] outOfRoom = new Throwable[requests.size()];
        for (int r = 0; r < requests.size(); r++) {
            List<double[]> perEvaluator = new ArrayList<>();
            List<String> failedHere = new ArrayList<>();
            for (int e = 0; e < evaluators.size(); e++) {
                perEvaluator.add(valueOrSkip(batched.get(e).get(r), evaluators.get(e), iteration, failedHere,
                        outOfRoom, r));
            }
            nll.add(perEvaluator);
            failed.add(failedHere);
        }
        int[] rescored = settleNearTies(evaluators, requests, options, calls, iteration, nll, failed, outOfRoom);
        List<Scores> out = new ArrayList<>(requests.size());
        for (int r = 0; r < requests.size(); r++) {
            double[] scores = outOfRoom[r] != null ? null
                    : Selection.meanPerplexities(nll.get(r), requests.get(r).scoredTexts().size());
            out.add(new Scores(nll.get(r), failed.get(r), scores, rescored[r], outOfRoom[r]));
        }
        return out;
    }

    /**
     * Scores the near-tied candidates of every item again one by one, with every evaluator that succeeded for it,
     * and puts those scores in place of the batched ones. Returns per item how many candidates were scored again.
     */
    private static int[] settleNearTies(List<EnsembleModel> evaluators, List<Request> requests,
                                        EnsembleOptions options, ModelCalls calls, int iteration,
                                        List<List<double[]>> nll, List<List<String>> failed, Throwable[] outOfRoom) {
        int[] rescored = new int[requests.size()];
        if (options.nearTieTolerance() == 0) {
            return rescored;
        }
        List<List<Integer>> close = new ArrayList<>();
        List<Request> closeRequests = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            double[] scores = outOfRoom[r] != null ? null
                    : Selection.meanPerplexities(nll.get(r), requests.get(r).scoredTexts().size());
            List<Integer> near = scores == null ? List.of() : nearTies(scores, options.nearTieTolerance());
            close.add(near);
            List<String> texts = requests.get(r).scoredTexts();
            closeRequests.add(new Request(requests.get(r).lane(), near.stream().map(texts::get).toList()));
            rescored[r] = near.size() < 2 ? 0 : near.size();
        }
        List<Integer> evaluatorIndices = new ArrayList<>();
        for (int e = 0; e < evaluators.size(); e++) {
            evaluatorIndices.add(e);
        }
        List<List<Outcome<double[]>>> exact = calls.each(evaluatorIndices, e -> {
            int[] lanes = tieLanes(requests, nll, rescored, e);
            return lanes.length == 0 ? List.<Outcome<double[]>>of() : ModelCalls.perLane(lanes,
                    ls -> evaluators.get(e).meanNllNatsSeparately(ls, texts(closeRequests, lanesOf(requests), ls),
                            options.scoreSpan()), TOLERATED);
        });
        for (int e = 0; e < evaluators.size(); e++) {
            int k = 0;
            for (int r = 0; r < requests.size(); r++) {
                if (rescored[r] == 0 || nll.get(r).get(e) == null) {
                    continue;
                }
                double[] scores = valueOrSkip(exact.get(e).get(k++), evaluators.get(e), iteration, failed.get(r),
                        outOfRoom, r);
                if (scores == null) {
                    nll.get(r).set(e, null);
                    continue;
                }
                double[] merged = nll.get(r).get(e).clone();
                for (int c = 0; c < close.get(r).size(); c++) {
                    merged[close.get(r).get(c)] = scores[c];
                }
                nll.get(r).set(e, merged);
            }
        }
        return rescored;
    }

    /** The lanes whose near-ties evaluator {@code e} scores again: those with ties where it succeeded. */
    private static int[] tieLanes(List<Request> requests, List<List<double[]>> nll, int[] rescored, int e) {
        List<Integer> lanes = new ArrayList<>();
        for (int r = 0; r < requests.size(); r++) {
            if (rescored[r] > 0 && nll.get(r).get(e) != null) {
                lanes.add(requests.get(r).lane());
            }
        }
        return lanes.stream().mapToInt(Integer::intValue).toArray();
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

    /** The value, or null after noting a failed evaluator or the item's end for room. */
    private static double[] valueOrSkip(Outcome<double[]> outcome, EnsembleModel evaluator, int iteration,
                                        List<String> failed, Throwable[] outOfRoom, int request) {
        if (!outcome.failed()) {
            return outcome.value();
        }
        if (outcome.failure() == Failure.OUT_OF_ROOM) {
            if (outOfRoom[request] == null) {
                outOfRoom[request] = outcome.cause();
            }
        } else {
            LOG.warn("evaluator {} skipped at iteration {}: {}", evaluator.name(), iteration,
                    outcome.cause().getMessage());
            failed.add(evaluator.name());
        }
        return null;
    }

    private static int[] lanesOf(List<Request> requests) {
        return requests.stream().mapToInt(Request::lane).toArray();
    }

    /** For each of {@code lanes}, the texts of the request in that lane. */
    private static List<List<String>> texts(List<Request> requests, int[] requestLanes, int[] lanes) {
        List<List<String>> out = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            int r = 0;
            while (requestLanes[r] != lane) {
                r++;
            }
            out.add(requests.get(r).scoredTexts());
        }
        return out;
    }
}
