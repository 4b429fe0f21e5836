package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.llm.ContextOverflowException;
import xcot.llm.DecodeException;

/**
 * The sentence-level ensemble loop of PAPER-SPEC §9. Each iteration:
 * <ol>
 *   <li>stop check (from the second iteration on): the first generator's context contains the stop marker, or the
 *       length cap is reached;</li>
 *   <li>every generator, in order, samples its continuations, each cut to its last sentence boundary;</li>
 *   <li>every evaluator scores every distinct candidate; one that fails is skipped for this iteration;</li>
 *   <li>the lowest mean perplexity wins, ties to the first inserted, credited to the first generator proposing it;</li>
 *   <li>{@code " " + best.strip()} is appended to every model's context.</li>
 * </ol>
 * The engine works on {@link EnsembleModel}s and plain text: it knows nothing of prompts or profiles, so the same
 * loop runs over {@link IncrementalModel}s and {@link ReferenceModel}s.
 */
public final class EnsembleEngine {
    private static final Logger LOG = LoggerFactory.getLogger(EnsembleEngine.class);

    private final EnsembleOptions options;

    public EnsembleEngine(EnsembleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** A model and the context text it starts from (rendered prompt + opening marker, in its own format). */
    public record Participant(EnsembleModel model, String contextText) {
        public Participant {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(contextText, "contextText");
        }
    }

    /**
     * Runs one item. A model may be both a generator and an evaluator (then with the same context text); each model
     * is started and appended to once.
     */
    public EnsembleResult run(List<Participant> generators, List<Participant> evaluators) {
        if (generators.isEmpty() || evaluators.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one generator and one evaluator");
        }
        long t0 = System.nanoTime();
        List<EnsembleModel> members = startMembers(generators, evaluators);
        EnsembleModel first = generators.getFirst().model();
        int promptTokens = first.contextTokens();
        long chunkTokenTotal = promptTokens;
        List<String> chunks = new ArrayList<>();
        List<IterationTrace> trace = new ArrayList<>();
        StopReason stop;
        int iteration = 0;
        while (true) {
            if (options.maxIterations() > 0 && iteration >= options.maxIterations()) {
                stop = StopReason.ITERATION_LIMIT;
                break;
            }
            if (iteration > 0 && first.contextText().contains(options.stopMarker())) {
                stop = StopReason.THINKING_CLOSED;
                break;
            }
            if (iteration > 0 && capReached(first, promptTokens, chunkTokenTotal)) {
                stop = StopReason.LENGTH_CAP;
                break;
            }
            Step step;
            try {
                step = iterate(iteration, generators, evaluators, members);
            } catch (ContextOverflowException | DecodeException.KvCacheFull e) {
                LOG.info("ensemble stops at iteration {}: {}", iteration, e.getMessage());
                stop = StopReason.CONTEXT_FULL;
                break;
            }
            if (step == null) {
                stop = StopReason.NO_SCORES;
                break;
            }
            chunks.add(EnsembleOptions.appended(step.trace().chosen()));
            trace.add(step.trace());
            if (options.lengthCap().counting() == LengthCap.Counting.LAST_EVALUATOR_CHUNKS) {
                chunkTokenTotal += evaluators.getLast().model().countTokens(step.trace().chosen());
            }
            iteration++;
        }
        return new EnsembleResult(names(generators), names(evaluators), chunks, first.contextText(), stop, trace,
                System.nanoTime() - t0);
    }

    private record Step(IterationTrace trace) {}

    /** One iteration, or null when no evaluator produced scores. */
    private Step iterate(int iteration, List<Participant> generators, List<Participant> evaluators,
                         List<EnsembleModel> members) {
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
                evaluators.stream().map(Participant::model).toList(), scored, options, iteration);
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
        return new Step(new IterationTrace(iteration, traced, chosen, Selection.creditedGenerator(candidates, chosen),
                finiteOrNull(scores[best]), result.failedEvaluators(), result.rescored(),
                (System.nanoTime() - t0) / 1e6));
    }

    private boolean capReached(EnsembleModel first, int promptTokens, long chunkTokenTotal) {
        LengthCap cap = options.lengthCap();
        if (cap.isNone()) {
            return false;
        }
        long count = cap.counting() == LengthCap.Counting.FIRST_GENERATOR_CONTEXT ? first.contextTokens()
                : chunkTokenTotal;
        return count >= (long) promptTokens + cap.newTokens();
    }

    /** Starts each distinct model once; a model in both roles must be given the same context text. */
    private static List<EnsembleModel> startMembers(List<Participant> generators, List<Participant> evaluators) {
        Map<EnsembleModel, String> contexts = new IdentityHashMap<>();
        List<EnsembleModel> members = new ArrayList<>();
        List<Participant> all = new ArrayList<>(generators);
        all.addAll(evaluators);
        for (Participant p : all) {
            String previous = contexts.putIfAbsent(p.model(), p.contextText());
            if (previous == null) {
                members.add(p.model());
            } else if (!previous.equals(p.contextText())) {
                throw new IllegalArgumentException(p.model().name() + " is given two different context texts");
            }
        }
        for (EnsembleModel m : members) {
            m.start(contexts.get(m));
        }
        return members;
    }

    private static List<String> names(List<Participant> participants) {
        return participants.stream().map(p -> p.model().name()).toList();
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
