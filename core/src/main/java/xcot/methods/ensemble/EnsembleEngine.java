package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    private final EnsembleOptions options;

    public EnsembleEngine(EnsembleOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public EnsembleOptions options() {
        return options;
    }

    /** A model and the context text it starts from (rendered prompt + opening marker, in its own format). */
    public record Participant(EnsembleModel model, String contextText) {
        public Participant {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(contextText, "contextText");
        }
    }

    /** Runs one item to its end. */
    public EnsembleResult run(List<Participant> generators, List<Participant> evaluators) {
        ItemRun run = begin(generators, evaluators);
        while (run.step()) {
            // each step is one iteration; the trace is in the run
        }
        return run.result();
    }

    /**
     * Starts one item: every model is started on its context text, and the returned run advances one iteration per
     * {@link ItemRun#step()}. A model may be both a generator and an evaluator (then with the same context text);
     * each model is started and appended to once.
     */
    public ItemRun begin(List<Participant> generators, List<Participant> evaluators) {
        if (generators.isEmpty() || evaluators.isEmpty()) {
            throw new IllegalArgumentException("an ensemble needs at least one generator and one evaluator");
        }
        long t0 = System.nanoTime();
        return new ItemRun(options, generators, evaluators, startMembers(generators, evaluators), t0);
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
}
