package xcot.zoo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import xcot.metrics.ScoredAnswer;
import xcot.tasks.toy.CorruptedCot;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyProblem;
import xcot.tasks.toy.ToyScorer;
import xcot.tasks.toy.ToyTask;

/**
 * Runs the zoo's own evaluation on the held-out items, greedy: each model's own chain of thought (condition
 * {@value #DEFAULT}), an empty thinking block ({@value #EMPTY}), every model reading every model's chain
 * ({@value #TRANSFER}, source x target), and optionally every corrupted chain in every style ({@link #corrupted}).
 * Only the zoo's command and tests use it; the experiment runner runs the same task through its own conditions.
 */
public final class ZooEvaluator {
    public static final String DEFAULT = "default";
    public static final String EMPTY = "empty";
    public static final String TRANSFER = "transfer";

    /** A model to evaluate under a display name. */
    public record NamedModel(String name, Path file) {}

    private ZooEvaluator() {}

    /** The condition name of a corrupted chain, e.g. {@code wrong-first-carried/plain}. */
    public static String corrupted(Corruption kind, CotStyle style) {
        return kind.id() + "/" + style.id();
    }

    /**
     * Evaluates {@code models} on {@code items}.
     *
     * @param threads     CPU threads per model
     * @param corruptions also run the nine corrupted-chain conditions per model
     * @param log         told what runs (one short line per model and phase)
     */
    public static ZooEvaluation run(List<NamedModel> models, List<ToyProblem> items, int threads, boolean corruptions,
            Consumer<String> log) {
        ToyTask task = new ToyTask();
        Map<String, List<String>> generations = new LinkedHashMap<>();
        List<ScoredAnswer> answers = new ArrayList<>();
        List<ToyModelRunner> runners = new ArrayList<>();
        try {
            for (NamedModel m : models) {
                runners.add(ToyModelRunner.open(m.name(), m.file(), threads));
            }
            for (ToyModelRunner runner : runners) {
                log.accept(runner.name() + ": own chains, empty chains" + (corruptions ? ", corrupted chains" : ""));
                List<String> own = new ArrayList<>();
                for (ToyProblem p : items) {
                    String g = runner.complete(task.rawPrompt(p));
                    own.add(g);
                    answers.add(ToyScorer.score(p, DEFAULT, runner.name(), Optional.empty(), g));
                    answers.add(continued(task, runner, p, EMPTY, Optional.empty(), task.withCot(p, "")));
                    if (corruptions) {
                        for (Corruption kind : Corruption.values()) {
                            for (CotStyle style : CotStyle.values()) {
                                CorruptedCot cot = kind.apply(p, style);
                                answers.add(continued(task, runner, p, corrupted(kind, style), Optional.empty(),
                                        task.withCorruptedCot(p, cot)));
                            }
                        }
                    }
                }
                generations.put(runner.name(), own);
            }
            for (ToyModelRunner target : runners) {
                log.accept(target.name() + ": reading every model's chains");
                for (ToyModelRunner source : runners) {
                    List<String> sourceGenerations = generations.get(source.name());
                    for (int i = 0; i < items.size(); i++) {
                        ToyProblem p = items.get(i);
                        Optional<String> cot = task.thinking(sourceGenerations.get(i));
                        answers.add(cot.isPresent()
                                ? continued(task, target, p, TRANSFER, Optional.of(source.name()),
                                        task.withCot(p, cot.get()))
                                : ToyScorer.score(p, TRANSFER, target.name(), Optional.of(source.name()), ""));
                    }
                }
            }
        } finally {
            runners.forEach(ToyModelRunner::close);
        }
        return new ZooEvaluation(models.stream().map(NamedModel::name).toList(), items, generations, answers);
    }

    /** Completes a prompt that already opens the thinking block; the transcript starts at {@code <think>}. */
    private static ScoredAnswer continued(ToyTask task, ToyModelRunner runner, ToyProblem p, String condition,
            Optional<String> source, String prompt) {
        String transcript = prompt.substring(task.rawPrompt(p).length()) + runner.complete(prompt);
        return ToyScorer.score(p, condition, runner.name(), source, transcript);
    }
}
