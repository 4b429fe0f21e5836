package xcot.runs.dryrun;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xcot.gguf.GgufTensorInfo;
import xcot.llm.Backend;
import xcot.runs.config.AnswerRemovalConfig;
import xcot.runs.config.ModelConfig;
import xcot.runs.plan.Phase;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.tasks.Budgets;

/**
 * What {@code xcot run --dry-run} prints: the plan's steps with their units and the tokens they may decode at the
 * budgets, the totals per phase, and an estimated time from a {@link Calibration} of this machine. The token counts are
 * upper bounds (a generation may stop early), and units already in the cache take no time, so the estimate is the
 * time of a run with nothing cached that uses every budget to the end.
 */
public final class DryRun {
    /** The ensemble's continuations per generator and iteration ({@code EnsembleOptions} defaults). */
    static final int ENSEMBLE_SAMPLES = 3;

    private DryRun() {}

    /** One step: its units and at most how many tokens they decode, and about how long that takes. */
    record StepCost(PlanStep step, long tokens, double nanos) {}

    /** The dry run's text for {@code plan}. */
    public static String describe(RunPlan plan, Calibration calibration, String runDir) {
        List<StepCost> costs = plan.steps().stream().map(s -> cost(plan, s, calibration)).toList();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "plan of %s: %s, %d items, %d models; run folder %s%n",
                plan.config().name(), plan.benchmark().name(), plan.benchmark().items().size(), plan.models().size(),
                runDir));
        Budgets b = plan.budgets();
        out.append(String.format(Locale.ROOT, "budgets: CoT %,d, answer %,d, inserted %,d new tokens%n",
                b.cotTokens(), b.answerTokens(), b.insertedTokens()));
        int width = Math.max(20, costs.stream().mapToInt(c -> c.step().label().length()).max().orElse(0));
        String row = "%-" + width + "s  %7s  %15s  %9s%n";
        out.append(String.format(Locale.ROOT, row, "step", "units", "tokens (at most)", "estimate"));
        Map<Phase, long[]> phases = new EnumMap<>(Phase.class);
        Map<Phase, Double> phaseNanos = new EnumMap<>(Phase.class);
        for (StepCost c : costs) {
            out.append(String.format(Locale.ROOT, row, c.step().label(), count(c.step().units().size()),
                    count(c.tokens()), clock(c.nanos())));
            long[] sums = phases.computeIfAbsent(c.step().phase(), k -> new long[2]);
            sums[0] += c.step().units().size();
            sums[1] += c.tokens();
            phaseNanos.merge(c.step().phase(), c.nanos(), Double::sum);
        }
        out.append("per phase:\n");
        phases.forEach((phase, sums) -> out.append(String.format(Locale.ROOT, row, "  " + phase.label(),
                count(sums[0]), count(sums[1]), clock(phaseNanos.get(phase)))));
        long tokens = costs.stream().mapToLong(StepCost::tokens).sum();
        double nanos = costs.stream().mapToDouble(StepCost::nanos).sum();
        out.append(String.format(Locale.ROOT, row, "total", count(plan.unitCount()), count(tokens), clock(nanos)));
        out.append("estimate: at most the time above, for a run with nothing in the cache that uses every budget to ")
                .append("the end (units\nalready in the cache take none); decoding on the CPU only, from a calibration")
                .append(" of this machine\n(").append(calibration.describe()).append(") and each model's weights:\n");
        Map<String, String> perModel = new LinkedHashMap<>();
        for (ResolvedModel m : plan.models()) {
            perModel.put(m.name(), String.format(Locale.ROOT, "%s of weights, about %.1f tokens/s",
                    mebibytes(weightsBytes(m)), 1e9 / calibration.nanosPerToken(weightsBytes(m))));
        }
        perModel.forEach((name, text) -> out.append("  ").append(name).append(": ").append(text).append('\n'));
        if (Backend.info().devices().stream().anyMatch(d -> !d.type().equals("CPU"))
                && plan.models().stream().anyMatch(m -> m.config().gpuLayers() != 0)) {
            out.append("models offloaded to a GPU decode faster than this CPU estimate\n");
        }
        out.append("nothing was run or written; drop --dry-run to run it\n");
        return out.toString();
    }

    /** The tokens a step's units may decode at the budgets, and their time by the calibration. */
    static StepCost cost(RunPlan plan, PlanStep step, Calibration calibration) {
        Budgets b = plan.budgets();
        long tokens = 0;
        double nanos = 0;
        for (Unit u : step.units()) {
            switch (u) {
                case Unit.Attempt a -> {
                    long n = a.cot().isEmpty() || a.open() ? b.cotTokens() + b.answerTokens() : b.insertedTokens();
                    tokens += n;
                    nanos += n * calibration.nanosPerToken(weightsBytes(plan.model(a.key().model())));
                }
                case Unit.Ensemble e -> {
                    // every generator proposes its samples together, one decode step per token of the CoT
                    for (String g : e.combination().generators()) {
                        tokens += (long) b.cotTokens() * ENSEMBLE_SAMPLES;
                        nanos += b.cotTokens() * calibration.nanosPerToken(weightsBytes(plan.model(g)));
                    }
                }
                case Unit.AnswerRemoval r -> {
                    AnswerRemovalConfig removal = plan.config().answerRemoval();
                    if (removal.method() == AnswerRemovalConfig.Method.MODEL && plan.filterModel().isPresent()) {
                        tokens += removal.maxTokens();
                        nanos += removal.maxTokens() * calibration.nanosPerToken(weightsBytes(plan.filterModel().get()));
                    }
                }
            }
        }
        return new StepCost(step, tokens, nanos);
    }

    static long weightsBytes(ResolvedModel m) {
        return m.gguf().tensors().stream().mapToLong(GgufTensorInfo::sizeBytes).sum();
    }

    /** The most threads any model of the plan uses: the calibration's memory scan uses as many. */
    public static int threads(RunPlan plan) {
        return plan.models().stream().map(ResolvedModel::config).mapToInt(ModelConfig::threads).max().orElse(1);
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String mebibytes(long bytes) {
        return bytes >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
    }

    static String clock(double nanos) {
        long seconds = Math.round(nanos / 1e9);
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
}
