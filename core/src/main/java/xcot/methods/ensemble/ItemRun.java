package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.llm.ContextOverflowException;
import xcot.llm.DecodeException;

/**
 * One item's ensemble in progress, created by {@link EnsembleEngine#begin}: each {@link #step()} runs one iteration
 * (see {@link EnsembleEngine} for what one does) or finds that the run has ended. Not thread-safe.
 */
public final class ItemRun {
    private static final Logger LOG = LoggerFactory.getLogger(ItemRun.class);

    private final EnsembleOptions options;
    private final List<EnsembleEngine.Participant> generators;
    private final List<EnsembleEngine.Participant> evaluators;
    private final List<EnsembleModel> members;
    private final EnsembleModel first;
    private final int promptTokens;
    private final long startNanos;
    private final List<String> chunks = new ArrayList<>();
    private final List<IterationTrace> trace = new ArrayList<>();
    private long chunkTokenTotal;
    private StopReason stopReason;

    ItemRun(EnsembleOptions options, List<EnsembleEngine.Participant> generators,
                List<EnsembleEngine.Participant> evaluators, List<EnsembleModel> members, long startNanos) {
        this.options = options;
        this.generators = List.copyOf(generators);
        this.evaluators = List.copyOf(evaluators);
        this.members = List.copyOf(members);
        this.first = generators.getFirst().model();
        this.promptTokens = first.contextTokens();
        this.chunkTokenTotal = promptTokens;
        this.startNanos = startNanos;
    }

    /** Runs the next iteration; false once the run has ended ({@link #stopReason()} then says why). */
    public boolean step() {
        if (stopReason != null) {
            return false;
        }
        int iteration = trace.size();
        stopReason = stopBefore(iteration);
        if (stopReason != null) {
            return false;
        }
        IterationTrace t;
        try {
            t = iterate(iteration);
        } catch (ContextOverflowException | DecodeException.KvCacheFull e) {
            LOG.info("ensemble stops at iteration {}: {}", iteration, e.getMessage());
            stopReason = StopReason.CONTEXT_FULL;
            return false;
        }
        if (t == null) {
            stopReason = StopReason.NO_SCORES;
            return false;
        }
        chunks.add(EnsembleOptions.appended(t.chosen()));
        trace.add(t);
        if (options.lengthCap().counting() == LengthCap.Counting.LAST_EVALUATOR_CHUNKS) {
            chunkTokenTotal += evaluators.getLast().model().countTokens(t.chosen());
        }
        return true;
    }

    /** Why the run ended, or null while it goes on. */
    public StopReason stopReason() {
        return stopReason;
    }

    /** The iterations so far. */
    public List<IterationTrace> iterations() {
        return List.copyOf(trace);
    }

    /** The outcome; only once the run has ended. */
    public EnsembleResult result() {
        if (stopReason == null) {
            throw new IllegalStateException("the run has not ended: call step() until it returns false");
        }
        return new EnsembleResult(names(generators), names(evaluators), chunks, first.contextText(), stopReason,
                trace, System.nanoTime() - startNanos);
    }

    private StopReason stopBefore(int iteration) {
        if (options.maxIterations() > 0 && iteration >= options.maxIterations()) {
            return StopReason.ITERATION_LIMIT;
        }
        if (iteration > 0 && first.contextText().contains(options.stopMarker())) {
            return StopReason.THINKING_CLOSED;
        }
        LengthCap cap = options.lengthCap();
        if (iteration > 0 && !cap.isNone()) {
            long count = cap.counting() == LengthCap.Counting.FIRST_GENERATOR_CONTEXT ? first.contextTokens()
                    : chunkTokenTotal;
            if (count >= (long) promptTokens + cap.newTokens()) {
                return StopReason.LENGTH_CAP;
            }
        }
        return null;
    }

    /** One iteration, or null when no evaluator produced scores. */
    private IterationTrace iterate(int iteration) {
        long t0 = System.nanoTime();
        List<Candidate> candidates = new ArrayList<>();
        for (int g = 0; g < generators.size(); g++) {
            List<String> samples = generators.get(g).model().sample(options.samplesPerGenerator(),
                    options.maxChunkTokens());
            for (int s = 0; s < samples.size(); s++) {
                candidates.add(new Candidate(SentenceCut.truncate(samples.get(s), options.sentenceRule()), g, s));
            }
        }
        List<String> distinct = Selection.distinctTexts(candidates);
        List<String> scored = distinct.stream().map(options::scored).toList();
        CandidateScoring.Scores result = CandidateScoring.score(
                evaluators.stream().map(EnsembleEngine.Participant::model).toList(), scored, options, iteration);
        double[] scores = result.scores();
        if (scores == null) {
            return null;
        }
        int best = Selection.firstMinimum(scores);
        String chosen = distinct.get(best);
        String chunk = EnsembleOptions.appended(chosen);
        for (EnsembleModel m : members) {
            m.append(chunk);
        }
        List<CandidateTrace> traced = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            int d = distinct.indexOf(c.text());
            List<Double> perEvaluator = new ArrayList<>(evaluators.size());
            for (double[] nll : result.meanNllByEvaluator()) {
                perEvaluator.add(nll == null ? null : finiteOrNull(Math.exp(nll[d])));
            }
            traced.add(new CandidateTrace(c.text(), c.generator(), c.sample(), perEvaluator, finiteOrNull(scores[d])));
        }
        return new IterationTrace(iteration, traced, chosen, Selection.creditedGenerator(candidates, chosen),
                finiteOrNull(scores[best]), result.failedEvaluators(), result.rescored(),
                (System.nanoTime() - t0) / 1e6);
    }

    private static List<String> names(List<EnsembleEngine.Participant> participants) {
        return participants.stream().map(p -> p.model().name()).toList();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
