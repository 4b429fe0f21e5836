package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import xcot.methods.CandidateTrace;
import xcot.methods.IterationTrace;

/** One item's part of one iteration of a {@link GroupRun}: its candidates, their scores and its choice. */
final class ItemRound {
    final ItemProgress item;
    final List<Candidate> candidates = new ArrayList<>();
    List<String> distinct;
    private CandidateScoring.Scores scores;
    private int best = -1;

    ItemRound(ItemProgress item) {
        this.item = item;
    }

    /** Generator {@code g}'s samples, cut to their last sentence boundary, become candidates in sample order. */
    void propose(int g, List<String> samples, SentenceRule rule) {
        for (int s = 0; s < samples.size(); s++) {
            candidates.add(new Candidate(SentenceCut.truncate(samples.get(s), rule), g, s));
        }
    }

    /** The item ends: a model had no room for its step. */
    void outOfRoom(Throwable cause) {
        if (!item.ended()) {
            item.endOutOfRoom(cause);
        }
    }

    /** The lowest mean perplexity wins, ties to the first inserted; without scores the item ends. */
    void choose(CandidateScoring.Scores s) {
        scores = s;
        if (s.outOfRoom() != null) {
            outOfRoom(s.outOfRoom());
        } else if (s.scores() == null) {
            item.end(StopReason.NO_SCORES);
        } else {
            best = Selection.firstMinimum(s.scores());
        }
    }

    String chosen() {
        return distinct.get(best);
    }

    /** The iteration as traced: every candidate with its source, scores, and the choice. */
    IterationTrace trace(double millis) {
        double[] mean = scores.scores();
        List<CandidateTrace> traced = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            int d = distinct.indexOf(c.text());
            List<Double> perEvaluator = new ArrayList<>(scores.meanNllByEvaluator().size());
            for (double[] nll : scores.meanNllByEvaluator()) {
                perEvaluator.add(nll == null ? null : finiteOrNull(Math.exp(nll[d])));
            }
            traced.add(new CandidateTrace(c.text(), c.generator(), c.sample(), perEvaluator, finiteOrNull(mean[d])));
        }
        return new IterationTrace(item.iteration(), traced, chosen(), Selection.creditedGenerator(candidates, chosen()),
                finiteOrNull(mean[best]), scores.failedEvaluators(), scores.rescored(), millis);
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
