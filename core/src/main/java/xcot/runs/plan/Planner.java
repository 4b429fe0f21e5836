package xcot.runs.plan;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.Condition;
import xcot.methods.SamplingSpec;
import xcot.runs.config.EnsembleConfig;
import xcot.runs.config.RunConfig;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.Budgets;
import xcot.tasks.CotCorruption;

/** Builds a {@link RunPlan} from a validated config, its benchmark and its resolved models. Pure: no I/O. */
public final class Planner {
    private final RunConfig config;
    private final Benchmark benchmark;
    private final List<ResolvedModel> models;
    private final List<BenchmarkItem> items;
    private final List<Positioned> exported = new ArrayList<>();

    private Planner(RunConfig config, Benchmark benchmark, List<ResolvedModel> models) {
        this.config = config;
        this.benchmark = benchmark;
        this.models = List.copyOf(models);
        this.items = benchmark.items();
    }

    public static RunPlan plan(RunConfig config, Benchmark benchmark, List<ResolvedModel> models,
            Optional<ResolvedModel> filterModel, Budgets budgets, LocalDate harmonyDate) {
        Planner p = new Planner(config, benchmark, models);
        List<PlanStep> steps = new ArrayList<>();
        for (int mi = 0; mi < models.size(); mi++) {
            steps.add(p.ownCotStep(mi));
        }
        if (config.runs(Condition.ENSEMBLE)) {
            for (EnsembleConfig combo : config.ensembles()) {
                steps.add(p.ensembleStep(combo));
            }
        }
        List<Unit> removals = p.answerRemovals();
        if (!removals.isEmpty()) {
            steps.add(new PlanStep(Phase.ANSWER_REMOVAL, Phase.ANSWER_REMOVAL.label() + " ("
                    + config.answerRemoval().method().name().toLowerCase(java.util.Locale.ROOT) + ")",
                    filterModel.map(m -> List.of(m.name())).orElse(List.of()), removals));
        }
        for (int ti = 0; ti < models.size(); ti++) {
            steps.add(p.insertStep(ti));
        }
        steps.removeIf(s -> s.units().isEmpty());
        p.exported.sort(Positioned.ORDER);
        return new RunPlan(config, benchmark, models, filterModel, budgets, harmonyDate, steps,
                p.exported.stream().map(Positioned::key).toList());
    }

    /** Default CoTs are made for Default itself and as the sources of Transfer and of the corrupted CoTs' notation. */
    static boolean needsDefault(RunConfig c) {
        return c.runs(Condition.DEFAULT) || c.runs(Condition.TRANSFER) || c.runs(Condition.CORRUPTED);
    }

    /** Each model, loaded once, answers every item on its own: Empty, Default, Sampled (one run per seed). */
    private PlanStep ownCotStep(int mi) {
        ResolvedModel m = models.get(mi);
        List<Unit> units = new ArrayList<>();
        for (int ii = 0; ii < items.size(); ii++) {
            BenchmarkItem item = items.get(ii);
            if (config.runs(Condition.EMPTY)) {
                units.add(attempt(Phase.OWN_COT, ConditionLabel.of(Condition.EMPTY), m, Optional.empty(), item,
                        Optional.of(new CotRef.Empty()), false, false, SamplingSpec.greedy(), OptionalLong.empty(),
                        true, 0, mi, ii));
            }
            if (needsDefault(config)) {
                units.add(attempt(Phase.OWN_COT, ConditionLabel.of(Condition.DEFAULT), m, Optional.empty(), item,
                        Optional.empty(), false, m.profile().isGptOss(), SamplingSpec.greedy(), OptionalLong.empty(),
                        config.runs(Condition.DEFAULT), 0, mi, ii));
            }
            if (config.runs(Condition.SAMPLED)) {
                for (long seed : config.seeds()) {
                    units.add(attempt(Phase.OWN_COT, sampledLabel(Condition.SAMPLED, seed), m, Optional.empty(), item,
                            Optional.empty(), false, m.profile().isGptOss(),
                            RunPlan.sampled(m, item.id(), seed, "sampled"), OptionalLong.of(seed), true, 0, mi, ii));
                }
            }
        }
        return new PlanStep(Phase.OWN_COT, Phase.OWN_COT.label() + ", " + m.name(), List.of(m.name()), units);
    }

    /** One combination, every participant loaded at once, writes one CoT per item. */
    private PlanStep ensembleStep(EnsembleConfig combo) {
        List<Unit> units = items.stream().<Unit>map(item -> new Unit.Ensemble(combo, item)).toList();
        return new PlanStep(Phase.ENSEMBLE, "ensemble " + combo.label(), combo.participants(), units);
    }

    /**
     * Every CoT that a without-answer condition inserts, once: the Default CoTs (for Default and Transfer without
     * answer), the Sampled CoTs, the ensemble CoTs. The corrupted CoTs, which also read Default CoTs, have no
     * without-answer variant.
     */
    private List<Unit> answerRemovals() {
        List<Unit> units = new ArrayList<>();
        if (!config.withoutAnswer()) {
            return units;
        }
        boolean defaults = config.runs(Condition.DEFAULT) || config.runs(Condition.TRANSFER);
        for (ResolvedModel m : models) {
            for (BenchmarkItem item : items) {
                if (defaults) {
                    units.add(new Unit.AnswerRemoval(new CotRef.Thinking(defaultKey(m, item))));
                }
                if (config.runs(Condition.SAMPLED)) {
                    for (long seed : config.seeds()) {
                        units.add(new Unit.AnswerRemoval(new CotRef.Thinking(sampledKey(m, item, seed))));
                    }
                }
            }
        }
        if (config.runs(Condition.ENSEMBLE)) {
            for (EnsembleConfig combo : config.ensembles()) {
                for (BenchmarkItem item : items) {
                    units.add(new Unit.AnswerRemoval(new CotRef.Ensemble(new EnsembleKey(combo.label(), item.id()))));
                }
            }
        }
        return units;
    }

    /**
     * Each target, loaded once, answers after inserted CoTs: every source's Default CoT (Transfer, self included), the
     * sanitized CoTs (the without-answer conditions), the ensemble CoTs, and the benchmark's corrupted CoTs, each
     * written in the notation of every source's Default CoT.
     */
    private PlanStep insertStep(int ti) {
        ResolvedModel t = models.get(ti);
        boolean without = config.withoutAnswer();
        List<Unit> units = new ArrayList<>();
        for (int ii = 0; ii < items.size(); ii++) {
            BenchmarkItem item = items.get(ii);
            if (config.runs(Condition.TRANSFER)) {
                for (int si = 0; si < models.size(); si++) {
                    ResolvedModel s = models.get(si);
                    AttemptKey source = defaultKey(s, item);
                    units.add(inserted(Condition.TRANSFER, t, Optional.of(s.name()), item,
                            new CotRef.Transfer(source, t.name()), s.profile().isGptOss(), si, ti, ii));
                    if (without) {
                        units.add(inserted(Condition.TRANSFER_WITHOUT_ANSWER, t, Optional.of(s.name()), item,
                                new CotRef.Sanitized(new CotRef.Thinking(source)), s.profile().isGptOss(), si, ti, ii));
                    }
                }
            }
            if (without && config.runs(Condition.DEFAULT)) {
                units.add(inserted(Condition.DEFAULT_WITHOUT_ANSWER, t, Optional.of(t.name()), item,
                        new CotRef.Sanitized(new CotRef.Thinking(defaultKey(t, item))), t.profile().isGptOss(), ti, ti,
                        ii));
            }
            if (without && config.runs(Condition.SAMPLED)) {
                for (long seed : config.seeds()) {
                    units.add(attempt(Phase.INSERTED_COT, sampledLabel(Condition.SAMPLED_WITHOUT_ANSWER, seed), t,
                            Optional.of(t.name()), item,
                            Optional.of(new CotRef.Sanitized(new CotRef.Thinking(sampledKey(t, item, seed)))), false,
                            t.profile().isGptOss(), RunPlan.sampled(t, item.id(), seed, "sampled-without-answer"),
                            OptionalLong.of(seed), true, ti, ti, ii));
                }
            }
            if (config.runs(Condition.ENSEMBLE)) {
                for (int ci = 0; ci < config.ensembles().size(); ci++) {
                    EnsembleConfig combo = config.ensembles().get(ci);
                    CotRef cot = new CotRef.Ensemble(new EnsembleKey(combo.label(), item.id()));
                    units.add(inserted(Condition.ENSEMBLE, t, Optional.of(combo.label()), item, cot, false, ci, ti, ii));
                    if (without) {
                        units.add(inserted(Condition.ENSEMBLE_WITHOUT_ANSWER, t, Optional.of(combo.label()), item,
                                new CotRef.Sanitized(cot), false, ci, ti, ii));
                    }
                }
            }
            if (config.runs(Condition.CORRUPTED)) {
                for (CotCorruption k : corruptions()) {
                    for (int si = 0; si < models.size(); si++) {
                        ResolvedModel s = models.get(si);
                        units.add(attempt(Phase.INSERTED_COT, ConditionLabel.corrupted(k.name()), t,
                                Optional.of(s.name()), item,
                                Optional.of(new CotRef.Corrupted(k.name(), defaultKey(s, item))), k.leavesThinkingOpen(),
                                s.profile().isGptOss(), SamplingSpec.greedy(), OptionalLong.empty(), true, si, ti, ii));
                    }
                }
            }
        }
        return new PlanStep(Phase.INSERTED_COT, Phase.INSERTED_COT.label() + ", " + t.name(), List.of(t.name()), units);
    }

    /** The benchmark's corruptions the config asks for (all when it names none). */
    private List<CotCorruption> corruptions() {
        return benchmark.corruptions().stream()
                .filter(x -> config.corruptions().isEmpty() || config.corruptions().contains(x.name())).toList();
    }

    private Unit inserted(Condition c, ResolvedModel target, Optional<String> source, BenchmarkItem item, CotRef cot,
            boolean sourceIsGptOss, int sourceOrder, int targetOrder, int itemOrder) {
        return attempt(Phase.INSERTED_COT, ConditionLabel.of(c), target, source, item, Optional.of(cot), false,
                sourceIsGptOss, SamplingSpec.greedy(), OptionalLong.empty(), true, sourceOrder, targetOrder, itemOrder);
    }

    private Unit attempt(Phase phase, ConditionLabel label, ResolvedModel m, Optional<String> source,
            BenchmarkItem item, Optional<CotRef> cot, boolean open, boolean sourceIsGptOss, SamplingSpec sampling,
            OptionalLong seed, boolean exportedRecord, int sourceOrder, int modelOrder, int itemOrder) {
        AttemptKey key = new AttemptKey(label, m.name(), source, item.id());
        if (exportedRecord) {
            exported.add(new Positioned(key, sourceOrder, modelOrder, itemOrder));
        }
        return new Unit.Attempt(phase, key, item, cot, open, sourceIsGptOss, sampling, seed, exportedRecord);
    }

    private ConditionLabel sampledLabel(Condition c, long seed) {
        return ConditionLabel.sampled(c, seed, config.seeds().size() > 1);
    }

    private static AttemptKey defaultKey(ResolvedModel m, BenchmarkItem item) {
        return new AttemptKey(ConditionLabel.of(Condition.DEFAULT), m.name(), Optional.empty(), item.id());
    }

    private AttemptKey sampledKey(ResolvedModel m, BenchmarkItem item, long seed) {
        return new AttemptKey(sampledLabel(Condition.SAMPLED, seed), m.name(), Optional.empty(), item.id());
    }

    /** An exported record with its place in the run's order. */
    private record Positioned(AttemptKey key, int sourceOrder, int modelOrder, int itemOrder) {
        static final Comparator<Positioned> ORDER = Comparator
                .comparingInt((Positioned p) -> p.key.condition().condition().ordinal())
                .thenComparing(p -> p.key.condition().label()).thenComparingInt(Positioned::sourceOrder)
                .thenComparingInt(Positioned::modelOrder).thenComparingInt(Positioned::itemOrder);
    }

}
