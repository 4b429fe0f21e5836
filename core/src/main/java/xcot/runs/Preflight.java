package xcot.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xcot.gguf.GgufException;
import xcot.llm.Backend;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.methods.Condition;
import xcot.profiles.ModelProfile;
import xcot.runs.store.RunStore;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.Budgets;
import xcot.tasks.CotCorruption;

/**
 * Everything a run checks before its first generation, so that a bad config, a missing model, a context too small for
 * the benchmark's longest prompt, or a model that does not fit in memory is one clear error and not a crash hours in.
 */
final class Preflight {
    private Preflight() {}

    static RunContext prepare(RunConfig config, Path runDir, RunStore store, RunOptions options, Progress progress) {
        Benchmark benchmark = options.benchmarks().apply(config);
        if (benchmark.items().isEmpty()) {
            throw new ConfigException(config.source(), 0, "the selection has no " + benchmark.name() + " items");
        }
        checkCorruptions(config, benchmark);
        List<ResolvedModel> models = new ArrayList<>();
        for (ModelConfig m : config.models()) {
            models.add(ModelResolver.resolve(m, store, config.source()));
        }
        Optional<ResolvedModel> filter = config.answerRemoval().model()
                .map(m -> ModelResolver.resolve(m, store, config.source()));
        LocalDate date = config.harmonyDate().orElseGet(() ->
                LocalDate.parse(store.putMetaIfAbsent("harmony-date", options.today().toString())));
        Budgets budgets = config.budgets().applyTo(benchmark.kind().defaultBudgets());
        RunContext ctx = new RunContext(config, runDir, store, options, benchmark, models, filter, budgets, date,
                progress, options.ensemble());
        checkContexts(ctx);
        checkMemory(ctx);
        return ctx;
    }

    private static void checkCorruptions(RunConfig config, Benchmark benchmark) {
        Set<String> offered = benchmark.corruptions().stream().map(CotCorruption::name).collect(Collectors.toSet());
        if (config.runs(Condition.CORRUPTED) && offered.isEmpty()) {
            throw new ConfigException(config.source(), 0, "condition 'corrupted' needs a benchmark with corrupted "
                    + "CoTs (toy); " + benchmark.name() + " has none");
        }
        for (String name : config.corruptions()) {
            if (!offered.contains(name)) {
                throw new ConfigException(config.source(), 0, "'corrupted' names '" + name + "', which "
                        + benchmark.name() + " does not offer (offered: " + String.join(", ", offered) + ")");
            }
        }
    }

    /**
     * Tokenizes every selected item's own-CoT prompt with a vocabulary-only load (no weights) and requires the
     * longest, plus the answer budget, to fit the model's context. A context that leaves less than the CoT budget is
     * only worth a warning: long CoTs are then cut at the window.
     */
    static void checkContexts(RunContext ctx) {
        for (ResolvedModel m : ctx.models) {
            int longest = 0;
            String longestItem = "";
            try (Model vocabOnly = Model.load(m.path(), ModelOptions.vocabularyOnly())) {
                int bos = vocabOnly.vocab().bos();
                Optional<String> bosText = bos >= 0 ? Optional.of(vocabOnly.vocab().text(bos)) : Optional.empty();
                for (BenchmarkItem item : ctx.items) {
                    String rendered = m.profile().render(item.prompt(), ctx.render(m));
                    String text = rendered + m.profile().ownCotOpening(rendered);
                    int n = vocabOnly.vocab().tokenize(text,
                            ModelProfile.addSpecialTokens(text, bosText, ctx.config.flags()), true).length;
                    if (n > longest) {
                        longest = n;
                        longestItem = item.id();
                    }
                }
            }
            int context = m.config().contextTokens();
            int needed = longest + ctx.budgets.answerTokens();
            if (needed > context) {
                throw new ConfigException(ctx.config.source(), m.config().line(), "model '" + m.name() + "': context "
                        + context + " is too small: the longest " + ctx.benchmark.name() + " prompt (item "
                        + longestItem + ") is " + longest + " tokens, plus " + ctx.budgets.answerTokens()
                        + " answer tokens; raise 'context' to at least " + needed);
            }
            int comfortable = longest + ctx.budgets.cotTokens() + ctx.budgets.answerTokens();
            if (comfortable > context) {
                ctx.options.err().println("xcot: warning: model '" + m.name() + "': context " + context
                        + " leaves less than the CoT budget after the longest prompt (" + longest + " + "
                        + ctx.budgets.cotTokens() + " + " + ctx.budgets.answerTokens() + " tokens); long CoTs are "
                        + "cut at the window");
                ctx.options.err().flush();
            }
        }
    }

    private static void checkMemory(RunContext ctx) {
        List<MemoryCheck.Group> groups = new ArrayList<>();
        try {
            List<ResolvedModel> all = new ArrayList<>(ctx.models);
            ctx.filterModel.ifPresent(all::add);
            for (ResolvedModel m : all) {
                MemoryCheck.Estimate e = MemoryCheck.estimate(m.gguf(), m.config().contextTokens());
                groups.add(new MemoryCheck.Group("model '" + m.name() + "'", e.totalBytes(), "weights "
                        + MemoryCheck.gib(e.weightsBytes()) + " + KV cache " + MemoryCheck.gib(e.kvBytes())
                        + " at context " + m.config().contextTokens(), m.config().gpuLayers()));
            }
            for (EnsembleConfig combo : ctx.config.ensembles()) {
                long bytes = 0;
                for (String name : new java.util.LinkedHashSet<>(concat(combo.generators(), combo.evaluators()))) {
                    ResolvedModel m = ctx.model(name);
                    bytes += MemoryCheck.estimate(m.gguf(), m.config().contextTokens()).totalBytes();
                }
                groups.add(new MemoryCheck.Group("ensemble " + combo.label() + " (all participants loaded at once)",
                        bytes, "sum of its models", ctx.model(combo.generators().get(0)).config().gpuLayers()));
            }
        } catch (GgufException e) {
            throw new ConfigException(ctx.config.source(), 0, e.getMessage());
        }
        List<String> problems = MemoryCheck.problems(groups, Backend.info());
        if (!problems.isEmpty()) {
            throw new ConfigException(ctx.config.source(), 0, "does not fit: " + String.join("; ", problems)
                    + " (lower 'context', offload fewer layers, or use a smaller quantization)");
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
