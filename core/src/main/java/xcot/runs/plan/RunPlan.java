package xcot.runs.plan;

import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import xcot.methods.Condition;
import xcot.methods.GenerationSetup;
import xcot.methods.SamplingSpec;
import xcot.profiles.ReasoningEffort;
import xcot.profiles.RenderOptions;
import xcot.profiles.SamplingDefaults;
import xcot.runs.config.RunConfig;
import xcot.runs.store.Hashing;
import xcot.tasks.Benchmark;
import xcot.tasks.Budgets;

/**
 * Everything a run will do, resolved from its config before any model is loaded: the benchmark and its items, the
 * models with their files' hashes and profiles, the budgets, and the steps of every phase with their units. Progress
 * totals, the dry run, the phases, the store keys and the exports all read it; nothing in it depends on what is
 * already stored, so an interrupted run resumes into the same plan. Immutable.
 *
 * @param exportOrder the records the run's outputs hold, in the order the exports write them: condition, then
 *                    source, then model, then item, each in run order (conditions as {@link Condition} lists them,
 *                    sources and models as the config lists them, items as the benchmark does)
 */
public record RunPlan(RunConfig config, Benchmark benchmark, List<ResolvedModel> models,
                      Optional<ResolvedModel> filterModel, Budgets budgets, LocalDate harmonyDate,
                      List<PlanStep> steps, List<AttemptKey> exportOrder) {
    public RunPlan {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(benchmark, "benchmark");
        models = List.copyOf(models);
        Objects.requireNonNull(filterModel, "filterModel");
        Objects.requireNonNull(budgets, "budgets");
        Objects.requireNonNull(harmonyDate, "harmonyDate");
        steps = List.copyOf(steps);
        exportOrder = List.copyOf(exportOrder);
    }

    public ResolvedModel model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst()
                .or(() -> filterModel.filter(m -> m.name().equals(name)))
                .orElseThrow(() -> new IllegalArgumentException("no model '" + name + "' in the plan"));
    }

    public List<PlanStep> steps(Phase phase) {
        return steps.stream().filter(s -> s.phase() == phase).toList();
    }

    public long unitCount() {
        return steps.stream().mapToLong(s -> s.units().size()).sum();
    }

    /** Units per phase, in phase order (phases without units left out). */
    public Map<Phase, Long> unitsPerPhase() {
        Map<Phase, Long> counts = new EnumMap<>(Phase.class);
        for (PlanStep s : steps) {
            counts.merge(s.phase(), (long) s.units().size(), Long::sum);
        }
        return counts;
    }

    public RenderOptions render(ResolvedModel m) {
        return new RenderOptions(harmonyDate, m.config().reasoningEffort(), config.flags());
    }

    /**
     * The generation set-up of model {@code m} under condition {@code c}. gpt-oss reasons at {@code medium} as a
     * MedCalc transfer target under {@code ref.oss-transfer-medium}: the reference's transfer script left the effort
     * at its argparse default, and the self-transfer without answer came from the same script.
     */
    public GenerationSetup setup(ResolvedModel m, Condition c) {
        ReasoningEffort effort = reasoningEffort(m.config().reasoningEffort(), m.profile().isGptOss(), benchmark.kind(), c,
                config.flags());
        return new GenerationSetup(m.profile(), benchmark, config.flags(), budgets,
                render(m).withReasoningEffort(effort));
    }

    static ReasoningEffort reasoningEffort(ReasoningEffort configured, boolean gptOss, xcot.tasks.BenchmarkKind kind,
            Condition c,
            xcot.reference.Quirks flags) {
        boolean transferScript = c == Condition.TRANSFER || c == Condition.TRANSFER_WITHOUT_ANSWER
                || c == Condition.DEFAULT_WITHOUT_ANSWER;
        return gptOss && kind.ossTransferMedium(flags) && transferScript ? ReasoningEffort.MEDIUM : configured;
    }

    /** Sampled spec for one (model, item, seed): the profile's values, a uint32 seed derived from all four. */
    static SamplingSpec sampled(ResolvedModel m, String itemId, long seed, String purpose) {
        SamplingDefaults s = m.profile().sampling();
        return new SamplingSpec.Sampled(s.temperature(), s.topK(), s.topP(), s.minP(), derivedSeed(seed, m.name(),
                itemId, purpose), xcot.methods.SamplerOrder.HUGGING_FACE);
    }

    /**
     * A per-generation seed: the reference seeds once per script and lets the generator run on across items, which
     * no resumable run can reproduce; deriving it from (seed, model, item) makes each attempt reproducible alone.
     */
    static long derivedSeed(long seed, String model, String itemId, String purpose) {
        byte[] digest = HexFormat.of().parseHex(Hashing.of(Long.toString(seed), model, itemId, purpose));
        return Integer.toUnsignedLong(ByteBuffer.wrap(digest).getInt());
    }
}
