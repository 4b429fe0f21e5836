package xcot.runs;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import xcot.methods.Condition;
import xcot.methods.EnsembleCotSource;
import xcot.methods.GenerationSetup;
import xcot.methods.SamplingSpec;
import xcot.profiles.RenderOptions;
import xcot.profiles.SamplingDefaults;
import xcot.runs.store.RunStore;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.Budgets;

/** Everything a run's phases share, settled by {@link Preflight} before the first generation. */
final class RunContext {
    final RunConfig config;
    final Path runDir;
    final RunStore store;
    final RunOptions options;
    final Benchmark benchmark;
    final List<BenchmarkItem> items;
    final List<ResolvedModel> models;
    final Optional<ResolvedModel> filterModel;
    final Budgets budgets;
    final LocalDate harmonyDate;
    final Progress progress;
    final EnsembleCotSource ensembleSource;

    RunContext(RunConfig config, Path runDir, RunStore store, RunOptions options, Benchmark benchmark,
            List<ResolvedModel> models, Optional<ResolvedModel> filterModel, Budgets budgets, LocalDate harmonyDate,
            Progress progress, EnsembleCotSource ensembleSource) {
        this.config = config;
        this.runDir = runDir;
        this.store = store;
        this.options = options;
        this.benchmark = benchmark;
        this.items = benchmark.items();
        this.models = List.copyOf(models);
        this.filterModel = Objects.requireNonNull(filterModel);
        this.budgets = budgets;
        this.harmonyDate = harmonyDate;
        this.progress = progress;
        this.ensembleSource = Objects.requireNonNull(ensembleSource);
    }

    BenchmarkKind kind() {
        return benchmark.kind();
    }

    RenderOptions render(ResolvedModel m) {
        return new RenderOptions(harmonyDate, m.config().reasoningEffort(), config.flags());
    }

    /**
     * The generation set-up of model {@code m} under condition {@code c}. gpt-oss reasons at {@code medium} as a
     * MedCalc transfer target under {@code ref.oss-transfer-medium} (Q8): the reference's transfer script left the
     * effort at its argparse default, and the self-transfer without answer came from the same script.
     */
    GenerationSetup setup(ResolvedModel m, Condition c) {
        RenderOptions render = render(m);
        String effort = reasoningEffort(m.config().reasoningEffort(), m.profile().isGptOss(), kind(), c,
                config.flags());
        return new GenerationSetup(m.profile(), kind(), config.flags(), budgets, render.withReasoningEffort(effort));
    }

    static String reasoningEffort(String configured, boolean gptOss, BenchmarkKind kind, Condition c,
            xcot.profiles.ReferenceFlags flags) {
        boolean transferScript = c == Condition.TRANSFER || c == Condition.TRANSFER_WITHOUT_ANSWER
                || c == Condition.DEFAULT_WITHOUT_ANSWER;
        return gptOss && kind == BenchmarkKind.MEDCALC && flags.ossTransferMedium() && transferScript ? "medium"
                : configured;
    }

    /** Sampled spec for one (model, item, seed): the profile's values, a uint32 seed derived from all three. */
    SamplingSpec sampled(ResolvedModel m, String itemId, long seed, String purpose) {
        SamplingDefaults s = m.profile().sampling();
        return new SamplingSpec.Sampled(s.temperature(), s.topK(), s.topP(), derivedSeed(seed, m.name(), itemId,
                purpose));
    }

    /**
     * A per-generation seed: the reference seeds once per script and lets the generator run on across items, which
     * no resumable run can reproduce; deriving it from (seed, model, item) makes each attempt reproducible alone.
     */
    static long derivedSeed(long seed, String model, String itemId, String purpose) {
        byte[] digest = HexFormat.of().parseHex(Hashing.of(Long.toString(seed), model, itemId, purpose));
        return Integer.toUnsignedLong(ByteBuffer.wrap(digest).getInt());
    }

    /** The record condition of a Sampled run: {@code sampled}, or {@code sampled-seed<N>} when the run has several seeds. */
    String sampledLabel(Condition c, long seed) {
        return config.seeds().size() == 1 ? c.label() : c.label() + "-seed" + seed;
    }

    ResolvedModel model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
