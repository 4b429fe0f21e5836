package xcot.runs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import xcot.gguf.GgufException;
import xcot.llm.Backend;
import xcot.llm.BackendInfo;
import xcot.llm.ContextOptions;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.methods.Condition;
import xcot.methods.ensemble.GroupSizing;
import xcot.methods.ensemble.SessionOptions;
import xcot.modelcheck.ModelCheck;
import xcot.profiles.ModelProfile;
import xcot.runs.config.ConfigException;
import xcot.runs.config.EnsembleConfig;
import xcot.runs.config.ModelConfig;
import xcot.runs.config.RunConfig;
import xcot.runs.phases.Batching;
import xcot.runs.plan.Planner;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
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

    static RunPlan plan(RunConfig config, RunStore store, RunOptions options) {
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
        checkLoadable(models, filter);
        LocalDate date = config.harmonyDate().orElseGet(() ->
                LocalDate.parse(store.putMetaIfAbsent("harmony-date", options.today().toString())));
        Budgets budgets = config.budgets().applyTo(benchmark.kind().defaultBudgets());
        RunPlan plan = Planner.plan(config, benchmark, models, filter, budgets, date);
        checkContexts(plan, options);
        plan = chooseParallel(plan, store, options);
        checkMemory(plan);
        checkEnsembleGroups(plan);
        return plan;
    }

    /**
     * Every model must have passed the isolated load check (a child process loads it and decodes once, so a file
     * that would abort llama.cpp fails there, not in this JVM): cached by file hash, so only new files are checked.
     */
    private static void checkLoadable(List<ResolvedModel> models, Optional<ResolvedModel> filter) {
        Map<Path, String> known = new LinkedHashMap<>();
        models.forEach(m -> known.put(m.path(), m.sha256()));
        filter.ifPresent(m -> known.put(m.path(), m.sha256()));
        ModelCheck.standard().ensureChecked(List.copyOf(known.keySet()), known);
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
    static void checkContexts(RunPlan ctx, RunOptions options) {
        for (ResolvedModel m : ctx.models()) {
            int longest = 0;
            String longestItem = "";
            try (Model vocabOnly = Model.load(m.path(), ModelOptions.vocabularyOnly())) {
                int bos = vocabOnly.vocab().bos();
                Optional<String> bosText = bos >= 0 ? Optional.of(vocabOnly.vocab().text(bos)) : Optional.empty();
                for (BenchmarkItem item : ctx.benchmark().items()) {
                    String rendered = m.profile().render(item.prompt(), ctx.render(m));
                    String text = rendered + m.profile().ownCotOpening(rendered);
                    int n = vocabOnly.vocab().tokenize(text,
                            ModelProfile.addSpecialTokens(text, bosText, ctx.config().flags()), true).length;
                    if (n > longest) {
                        longest = n;
                        longestItem = item.id();
                    }
                }
            }
            int context = m.config().contextTokens();
            int needed = longest + ctx.budgets().answerTokens();
            if (needed > context) {
                throw new ConfigException(ctx.config().source(), m.config().line(), "model '" + m.name() + "': context "
                        + context + " is too small: the longest " + ctx.benchmark().name() + " prompt (item "
                        + longestItem + ") is " + longest + " tokens, plus " + ctx.budgets().answerTokens()
                        + " answer tokens; raise 'context' to at least " + needed);
            }
            int comfortable = longest + ctx.budgets().cotTokens() + ctx.budgets().answerTokens();
            if (comfortable > context) {
                options.err().println("xcot: warning: model '" + m.name() + "': context " + context
                        + " leaves less than the CoT budget after the longest prompt (" + longest + " + "
                        + ctx.budgets().cotTokens() + " + " + ctx.budgets().answerTokens() + " tokens); long CoTs are "
                        + "cut at the window");
                options.err().flush();
            }
        }
    }

    /**
     * Settles each model's {@code parallel} before anything loads (the configured value, refused in one line if its
     * KV windows do not fit; else the most that fit, up to {@link ParallelChoice#DEFAULT_MOST}), says what was chosen
     * and why, and returns the plan with it. Where batching can change outputs ({@link Batching#batchInvariant}), a
     * chosen value is kept with the run, like its harmony date, so a resumed run decodes the same batches whatever
     * memory is free then.
     */
    static RunPlan chooseParallel(RunPlan plan, RunStore store, RunOptions options) {
        BackendInfo info = Backend.info();
        List<ResolvedModel> models = new ArrayList<>();
        for (ResolvedModel m : plan.models()) {
            models.add(withParallel(m, plan, store, options, info));
        }
        Optional<ResolvedModel> filter = plan.filterModel().map(m -> withParallel(m, plan, store, options, info));
        options.err().flush();
        return new RunPlan(plan.config(), plan.benchmark(), models, filter, plan.budgets(), plan.harmonyDate(),
                plan.steps(), plan.exportOrder());
    }

    private static ResolvedModel withParallel(ResolvedModel m, RunPlan plan, RunStore store, RunOptions options,
                                              BackendInfo info) {
        ModelConfig c = m.config();
        int window = Batching.padded(c.contextTokens());
        MemoryCheck.Estimate e;
        try {
            e = MemoryCheck.estimate(m.gguf(), window);
        } catch (GgufException ex) {
            throw new ConfigException(plan.config().source(), c.line(), ex.getMessage());
        }
        long kv = (long) Math.ceil(e.kvBytes() * c.kvCacheType().bytesPerValue() / 2);   // the estimate is F16's
        BackendInfo.Device device = MemoryCheck.deviceFor(info, c.gpuLayers());
        ParallelChoice.Need need = new ParallelChoice.Need(m.name(), e.weightsBytes(), kv, window,
                c.contextOptions().batchTokens(), device.name(), device.freeBytes());
        ParallelChoice.Choice choice;
        try {
            choice = ParallelChoice.choose(need, c.parallel());
        } catch (IllegalArgumentException ex) {
            throw new ConfigException(plan.config().source(), c.line(), ex.getMessage());
        }
        int parallel = choice.parallel();
        String line = choice.line();
        if (c.parallel().isEmpty() && !Batching.of(c.withParallel(parallel), info).batchInvariant()) {
            int first = Integer.parseInt(store.putMetaIfAbsent("parallel/" + m.name(), Integer.toString(parallel)));
            if (first != parallel && first <= Math.max(1, choice.most())) {
                parallel = first;
                line = "model '" + m.name() + "': parallel " + first + " (chosen when the run started, kept so that "
                        + "it decodes the same batches)";
            }
        }
        options.err().println("xcot: " + line + "; " + Batching.of(c.withParallel(parallel), info).describe());
        return new ResolvedModel(c.withParallel(parallel), m.path(), m.sha256(), m.gguf(), m.detection(), m.profile(),
                m.grammar());
    }

    /**
     * An ensemble whose items advance together holds a window per item in every participant: {@link GroupSizing}
     * says how many fit, and a larger {@code items-at-once} is refused in one line before anything loads.
     */
    private static void checkEnsembleGroups(RunPlan plan) {
        BackendInfo info = null;
        for (EnsembleConfig combo : plan.config().ensembles()) {
            if (combo.itemsAtOnce() == 1 || !plan.config().runs(Condition.ENSEMBLE)) {
                continue;
            }
            info = info == null ? Backend.info() : info;
            List<GroupSizing.Footprint> footprints = new ArrayList<>();
            int window = 0;
            try {
                for (String name : combo.participants()) {
                    ResolvedModel m = plan.model(name);
                    footprints.add(GroupSizing.Footprint.of(name, m.gguf()));
                    window = Math.max(window, m.config().contextTokens());
                }
            } catch (GgufException e) {
                throw new ConfigException(plan.config().source(), 0, e.getMessage());
            }
            BackendInfo.Device device = MemoryCheck.deviceFor(info,
                    plan.model(combo.generators().getFirst()).config().gpuLayers());
            long free = device.freeBytes() > 0 ? device.freeBytes() : Long.MAX_VALUE / 4;
            GroupSizing.Plan fit = GroupSizing.fit(footprints, window, ContextOptions.CacheType.F16, false,
                    SessionOptions.of(window, 1).batchTokens(), free);
            if (fit.items() < combo.itemsAtOnce()) {
                throw new ConfigException(plan.config().source(), 0, "ensemble " + combo.label() + ": items-at-once "
                        + combo.itemsAtOnce() + " does not fit on " + device.name() + ": " + fit.reason());
            }
        }
    }

    private static void checkMemory(RunPlan ctx) {
        List<MemoryCheck.Group> groups = new ArrayList<>();
        try {
            List<ResolvedModel> all = new ArrayList<>(ctx.models());
            ctx.filterModel().ifPresent(all::add);
            for (ResolvedModel m : all) {
                int parallel = m.config().parallel().orElse(1);
                MemoryCheck.Estimate e = MemoryCheck.estimate(m.gguf(), m.config().contextTokens());
                long kv = parallel * e.kvBytes();
                groups.add(new MemoryCheck.Group("model '" + m.name() + "'", e.weightsBytes() + kv
                        + MemoryCheck.ALLOWANCE_BYTES, "weights " + MemoryCheck.gib(e.weightsBytes()) + " + KV cache "
                        + MemoryCheck.gib(kv) + " at context " + m.config().contextTokens()
                        + (parallel == 1 ? "" : " x " + parallel + " sequences"), m.config().gpuLayers()));
            }
            for (EnsembleConfig combo : ctx.config().ensembles()) {
                if (combo.itemsAtOnce() > 1) {
                    continue;   // checkEnsembleGroups sizes it
                }
                long bytes = 0;
                for (String name : combo.participants()) {
                    ResolvedModel m = ctx.model(name);
                    bytes += MemoryCheck.estimate(m.gguf(), m.config().contextTokens()).totalBytes();
                }
                groups.add(new MemoryCheck.Group("ensemble " + combo.label() + " (all participants loaded at once)",
                        bytes, "sum of its models", ctx.model(combo.generators().get(0)).config().gpuLayers()));
            }
        } catch (GgufException e) {
            throw new ConfigException(ctx.config().source(), 0, e.getMessage());
        }
        List<String> problems = MemoryCheck.problems(groups, Backend.info());
        if (!problems.isEmpty()) {
            throw new ConfigException(ctx.config().source(), 0, "does not fit: " + String.join("; ", problems)
                    + " (lower 'context', offload fewer layers, or use a smaller quantization)");
        }
    }
}
