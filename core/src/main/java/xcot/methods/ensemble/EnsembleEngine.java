package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The sentence-level ensemble loop of docs/reference-pipeline.md §9. Each iteration:
 * <ol>
 *   <li>stop check (from the second iteration on): the first generator's context contains the stop marker, or the
 *       length cap is reached;</li>
 *   <li>every generator samples its continuations, each cut to its last sentence boundary;</li>
 *   <li>every evaluator scores every distinct candidate; one that fails is skipped for this iteration;</li>
 *   <li>the lowest mean perplexity wins, ties to the first inserted, credited to the first generator proposing it;</li>
 *   <li>{@code " " + best.strip()} is appended to every model's context.</li>
 * </ol>
 * The engine works on {@link EnsembleModel}s and plain text: it knows nothing of prompts or profiles, so the same
 * loop runs over {@link IncrementalModel}s and {@link ReferenceModel}s.
 *
 * <p>Several items may advance together ({@link #begin(Lineup, List)}): each model holds every item's context in a
 * lane and serves all of them in each call. The models of one phase (the generators; the evaluators; everyone
 * appending) take turns, or run at once, each on its own thread ({@link #EnsembleEngine(EnsembleOptions, boolean)});
 * either way every model sees the same calls in the same order, so the results are the same.
 */
public final class EnsembleEngine {
    private final EnsembleOptions options;
    private final boolean modelsInParallel;

    /** An engine whose models take turns. */
    public EnsembleEngine(EnsembleOptions options) {
        this(options, false);
    }

    /** @param modelsInParallel the models of one phase run at once, each on its own thread */
    public EnsembleEngine(EnsembleOptions options, boolean modelsInParallel) {
        this.options = Objects.requireNonNull(options, "options");
        this.modelsInParallel = modelsInParallel;
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

    /**
     * The models of a group: generators in order (the first decides when an item ends), evaluators in order. A model
     * may be in both roles; it is then started and appended to once.
     */
    public record Lineup(List<EnsembleModel> generators, List<EnsembleModel> evaluators) {
        public Lineup {
            generators = List.copyOf(generators);
            evaluators = List.copyOf(evaluators);
            if (generators.isEmpty() || evaluators.isEmpty()) {
                throw new IllegalArgumentException("an ensemble needs at least one generator and one evaluator");
            }
        }

        /** Each distinct model once, generators first. */
        List<EnsembleModel> members() {
            Set<EnsembleModel> seen = Collections.newSetFromMap(new IdentityHashMap<>());
            List<EnsembleModel> members = new ArrayList<>();
            for (EnsembleModel m : generators) {
                if (seen.add(m)) {
                    members.add(m);
                }
            }
            for (EnsembleModel m : evaluators) {
                if (seen.add(m)) {
                    members.add(m);
                }
            }
            return members;
        }
    }

    /**
     * One item of a group: the context text each generator and each evaluator starts from (in lineup order), and its
     * length cap.
     */
    public record ItemStart(List<String> generatorContexts, List<String> evaluatorContexts, LengthCap lengthCap) {
        public ItemStart {
            generatorContexts = List.copyOf(generatorContexts);
            evaluatorContexts = List.copyOf(evaluatorContexts);
            Objects.requireNonNull(lengthCap, "lengthCap");
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
        Lineup lineup = new Lineup(generators.stream().map(Participant::model).toList(),
                evaluators.stream().map(Participant::model).toList());
        ItemStart item = new ItemStart(generators.stream().map(Participant::contextText).toList(),
                evaluators.stream().map(Participant::contextText).toList(), options.lengthCap());
        return new ItemRun(begin(lineup, List.of(item)));
    }

    /** Runs several items together to their ends; their results in item order. */
    public List<EnsembleResult> run(Lineup lineup, List<ItemStart> items) {
        GroupRun run = begin(lineup, items);
        while (run.step()) {
            // each step is one iteration of every item that goes on
        }
        return run.results();
    }

    /**
     * Starts several items together: item {@code i} goes into lane {@code i} of every model (each must hold that many
     * lanes), and each {@link GroupRun#step()} advances every item that goes on by one iteration.
     */
    public GroupRun begin(Lineup lineup, List<ItemStart> items) {
        for (ItemStart item : items) {
            if (item.generatorContexts().size() != lineup.generators().size()
                    || item.evaluatorContexts().size() != lineup.evaluators().size()) {
                throw new IllegalArgumentException("an item needs one context per generator and per evaluator");
            }
        }
        return new GroupRun(options, lineup, items, new ModelCalls(modelsInParallel));
    }
}
