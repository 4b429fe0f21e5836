package xcot.runs.config;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import xcot.methods.Condition;
import xcot.reference.Quirks;
import xcot.tasks.ItemSelection;
import xcot.tasks.catalog.BenchmarkCatalog;
import xcot.tasks.induction.Similarity;

/**
 * A validated run config (the keys and their defaults: {@link ConfigKeys}).
 *
 * @param source        where it was read from, for messages
 * @param baseDir       relative model paths resolve against it
 * @param name          the run's name (default folder {@code xcot-runs/<name>})
 * @param benchmark     which benchmark
 * @param selection     which items
 * @param similarity    how graded answers (Instruction Induction) are compared
 * @param models        the participants, in order (order of pairs in the metrics)
 * @param conditions    the full conditions to run, in config order
 * @param withoutAnswer also run the without-answer variant of each CoT condition
 * @param seeds         one Sampled run per seed
 * @param budgets       token budgets set by the config
 * @param flags         reference quirks
 * @param harmonyDate   the gpt-oss {@code Current date:}; empty = the run's start date, stored with the run
 * @param answerRemoval how answers are removed
 * @param ensembles     ensemble combinations (for the ensemble condition)
 * @param corruptions   names of the benchmark's corrupted-CoT conditions to run (empty = all it offers)
 * @param summaryWithout models left out of a second summary (e.g. a negative control); empty = no second summary
 * @param cache         the folder of the shared generation cache ({@code store.sqlite}); empty = the user's default
 *                      ({@code $XCOT_CACHE}, else {@code ~/.cache/xcot})
 * @param store         a shared store ({@code postgresql://host[:port]/database}); empty = the shared cache's SQLite
 *                      store. Credentials never come from the config: the environment or {@code ~/.pgpass} holds them
 */
public record RunConfig(
        String source,
        Path baseDir,
        String name,
        BenchmarkCatalog benchmark,
        ItemSelection selection,
        Similarity similarity,
        List<ModelConfig> models,
        List<Condition> conditions,
        boolean withoutAnswer,
        List<Long> seeds,
        BudgetOverrides budgets,
        Quirks flags,
        Optional<LocalDate> harmonyDate,
        AnswerRemovalConfig answerRemoval,
        List<EnsembleConfig> ensembles,
        List<String> corruptions,
        List<String> summaryWithout,
        Optional<Path> cache,
        Optional<String> store) {
    public RunConfig {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(baseDir, "baseDir");
        models = List.copyOf(models);
        conditions = List.copyOf(conditions);
        seeds = List.copyOf(seeds);
        ensembles = List.copyOf(ensembles);
        corruptions = List.copyOf(corruptions);
        summaryWithout = List.copyOf(summaryWithout);
        Objects.requireNonNull(store, "store");
    }

    public RunConfig withFlags(Quirks newFlags) {
        return new RunConfig(source, baseDir, name, benchmark, selection, similarity, models, conditions, withoutAnswer,
                seeds, budgets, newFlags, harmonyDate, answerRemoval, ensembles, corruptions, summaryWithout, cache,
                store);
    }

    /** Every model, the filter model included, decoding {@code sequences} at once ({@code xcot run --parallel}). */
    public RunConfig withParallel(int sequences) {
        return new RunConfig(source, baseDir, name, benchmark, selection, similarity,
                models.stream().map(m -> m.withParallel(sequences)).toList(), conditions, withoutAnswer, seeds, budgets,
                flags, harmonyDate, answerRemoval.withParallel(sequences), ensembles, corruptions, summaryWithout, cache,
                store);
    }

    public boolean runs(Condition c) {
        return conditions.contains(c);
    }

    public ModelConfig model(String modelName) {
        return models.stream().filter(m -> m.name().equals(modelName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no model '" + modelName + "' in " + source));
    }
}
