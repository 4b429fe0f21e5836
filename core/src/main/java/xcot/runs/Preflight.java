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
import xcot.methods.Condition;
import xcot.methods.ensemble.GroupSizing;
import xcot.methods.ensemble.SessionOptions;
import xcot.modelcheck.ModelCheck;
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
import xcot.tasks.Budgets;
import xcot.tasks.CotCorruption;

/**
 * Everything a run checks before its first generation, so that a bad config, a missing model, a context too small for
 * the benchmark's longest prompt, or a model that does not fit in memory is one clear error and not a crash hours in.
 */
final class Preflight {
    private Preflight() {}

    /**
     * The checked plan of {@code config}.
     *
     * @param recordedHarmonyDate the harmony date an earlier invocation of the run recorded (kept across resumes)
     * @param checkModels         whether the plan is computed here: then new model files get the isolated load check
     *                            and an HTTP answer remover's endpoint one request ({@link EndpointCheck}), first (a
     *                            dry run, a queue status or an export does neither)
     */
    static RunPlan plan(RunConfig config, RunStore store, RunOptions options, Optional<LocalDate> recordedHarmonyDate,
            boolean checkModels) {
        return plan(config, store, options, recordedHarmonyDate, Map.of(), checkModels);
    }

    /**
     * @param recordedParallel each model's {@code parallel} an earlier invocation chose by default (kept across
     *                         resumes where batching changes outputs)
     */
    static RunPlan plan(RunConfig config, RunStore store, RunOptions options, Optional<LocalDate> recordedHarmonyDate,
            Map<String, Integer> recordedParallel, boolean checkModels) {
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
        LocalDate date = config.harmonyDate().or(() -> recordedHarmonyDate).orElse(options.today());
        Budgets budgets = config.budgets().applyTo(benchmark.kind().defaultBudgets());
        RunPlan plan = Planner.plan(config, benchmark, models, filter, budgets, date);
        if (checkModels) {
            EndpointCheck.check(plan, options.env(), line -> {
                options.err().println("xcot: " + line);
                options.err().flush();
            });
            checkLoadable(models, filter);
        }
        ContextCheck.check(plan);
        plan = chooseParallel(plan, recordedParallel, options);
        checkMemory(plan);
        checkEnsembleGroups(plan, options);
        checkGpu(plan, options);
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
     * A model that asks for GPU layers on a build without a GPU backend runs on the CPU: one warning line, or an error
     * under {@code --require-gpu} (which also counts the default {@code -1}, "all layers if there is a GPU"). Layers
     * offloaded to RPC servers need no local GPU.
     */
    static void checkGpu(RunPlan plan, RunOptions options) {
        BackendInfo info = Backend.info();
        if (info.devices().stream().anyMatch(d -> !d.type().equals("CPU"))) {
            return;
        }
        List<ResolvedModel> all = new ArrayList<>(plan.models());
        plan.filterModel().ifPresent(all::add);
        for (ResolvedModel m : all) {
            int layers = m.config().gpuLayers();
            boolean asks = m.config().rpcServers().isEmpty() && (layers > 0 || options.requireGpu() && layers != 0);
            if (!asks) {
                continue;
            }
            String what = "model '" + m.name() + "': gpu-layers " + layers + ", but this llama.cpp build ("
                    + info.variant() + ") has no GPU backend";
            if (options.requireGpu()) {
                throw new ConfigException(plan.config().source(), m.config().line(), what + " (--require-gpu); "
                        + "build the CUDA variant (mvn -Dxcot.llama.variant=cuda) or set gpu-layers: 0");
            }
            options.err().println("xcot: warning: " + what + ": it runs on the CPU");
            options.err().flush();
        }
    }

    /**
     * Settles each model's {@code parallel} before anything loads (the configured value, refused in one line if its
     * KV windows do not fit; else the most that fit, up to {@link ParallelChoice#DEFAULT_MOST}), says what was chosen
     * and why, and returns the plan with it. Where batching can change outputs ({@link Batching#batchInvariant}), a
     * value chosen by default is kept in {@code run.json}, like the harmony date, so a resumed run decodes the same
     * batches whatever memory is free then (if it still fits).
     */
    static RunPlan chooseParallel(RunPlan plan, Map<String, Integer> recorded, RunOptions options) {
        BackendInfo info = Backend.info();
        List<ResolvedModel> models = new ArrayList<>();
        for (ResolvedModel m : plan.models()) {
            models.add(withParallel(m, plan, recorded, options, info));
        }
        Optional<ResolvedModel> filter = plan.filterModel().map(m -> withParallel(m, plan, recorded, options, info));
        options.err().flush();
        return new RunPlan(plan.config(), plan.benchmark(), models, filter, plan.budgets(), plan.harmonyDate(),
                plan.steps(), plan.exportOrder());
    }

    private static ResolvedModel withParallel(ResolvedModel m, RunPlan plan, Map<String, Integer> recorded,
                                              RunOptions options, BackendInfo info) {
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
            int first = recorded.getOrDefault(m.name(), parallel);
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
     * says how many fit (one line per combination says so, and why), and a larger {@code items-at-once} is refused in
     * one line before anything loads. The default stays one item at a time: the single-item engine is the one the
     * reference equivalence is proven on, and items decoded together in one unified cache are not bit-identical to it.
     */
    private static void checkEnsembleGroups(RunPlan plan, RunOptions options) {
        BackendInfo info = null;
        for (EnsembleConfig combo : plan.config().ensembles()) {
            if (!plan.config().runs(Condition.ENSEMBLE)) {
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
            options.err().println("xcot: ensemble " + combo.label() + ": " + (combo.itemsAtOnce() == 1
                    ? "one item at a time (items-at-once: 1)" : combo.itemsAtOnce() + " items at once") + "; "
                    + fit.items() + " would fit on " + device.name() + " (" + fit.reason() + ")");
        }
        options.err().flush();
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
