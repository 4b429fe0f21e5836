package xcot.runs.phases;

import java.util.Optional;
import xcot.methods.Attempt;
import xcot.methods.CotGeneration;
import xcot.methods.GenerationSetup;
import xcot.methods.TextGenerator;
import xcot.metrics.ScoredAnswer;
import xcot.runs.config.ModelConfig;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.Unit;
import xcot.runs.results.AttemptRecord;
import xcot.runs.store.Hashing;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Completion;

/**
 * Runs the steps of the own-CoT and inserted-CoT phases: one model, loaded on the first unit not in the store, makes
 * each attempt of the step (its own CoT, or after the CoT the unit inserts), the benchmark scores it, and it is stored
 * in its own transaction. Both phases work alike; they differ only in what their units insert.
 */
final class AttemptPhase {
    private final PhaseContext ctx;
    private final LoadedModels models;

    AttemptPhase(PhaseContext ctx) {
        this(ctx, LoadedModels.perStep());
    }

    AttemptPhase(PhaseContext ctx, LoadedModels models) {
        this.ctx = ctx;
        this.models = models;
    }

    void run(PlanStep step) {
        ResolvedModel m = ctx.plan().model(step.models().getFirst());
        try (ModelHandle handle = models.open(m)) {
            CachedGenerator generator = new CachedGenerator(handle, ctx.store(), ctx.plan().config().flags(),
                    ctx.listener());
            for (Unit unit : step.units()) {
                Unit.Attempt a = (Unit.Attempt) unit;
                ctx.results().put(a.key(), attempt(a, m, generator));
            }
        }
    }

    /** Makes one attempt (or recalls it), scores it, and stores it. */
    AttemptRecord attempt(Unit.Attempt unit, ResolvedModel m, TextGenerator generator) {
        GenerationSetup setup = ctx.plan().setup(m, unit.key().condition().condition());
        Optional<String> cot = unit.cot().flatMap(ctx.cots()::text);
        String key = key(unit, m, setup, cot);
        Optional<String> stored = ctx.store().attempt(key);
        if (stored.isPresent()) {
            ctx.listener().unitDone(true);
            return AttemptRecord.fromJson(stored.get());
        }
        var prompt = unit.item().prompt();
        Attempt attempt;
        if (cot.isEmpty()) {
            attempt = CotGeneration.ownCot(generator, setup, prompt, unit.sampling());
        } else if (unit.open()) {
            attempt = CotGeneration.continued(generator, setup, prompt, cot.get(), unit.sampling());
        } else {
            attempt = CotGeneration.inserted(generator, setup, prompt, cot.get(), unit.sampling());
        }
        Completion completion = new Completion(attempt.promptText(), attempt.continuation(),
                setup.format().answerStart(), m.profile().isGptOss(), unit.sourceIsGptOss());
        var benchmark = ctx.plan().benchmark();
        ScoredAnswer answer = benchmark.score(unit.item().id(), completion,
                new AnswerLabel(unit.key().condition().label(), m.name(), unit.key().source()));
        AttemptRecord record = new AttemptRecord(answer, unit.seed(), attempt, benchmark.explanation(completion));
        ctx.store().putAttempt(key, unit.key().slot(), record.toJson());
        ctx.listener().unitDone(false);
        return record;
    }

    /**
     * The attempt's content key: every input that decides its output, so a changed input is a new attempt and an
     * unchanged one is found in the store. The model's name is part of it because the stored record carries it: two
     * config entries with the same file must not share records.
     */
    static String key(Unit.Attempt unit, ResolvedModel m, GenerationSetup setup, Optional<String> cot) {
        ModelConfig c = m.config();
        var item = unit.item();
        return Hashing.of("attempt-v2", m.sha256(), m.name(), setup.benchmark().name(), item.id(),
                unit.key().condition().label(),
                unit.key().source().orElse("-"), Boolean.toString(unit.sourceIsGptOss()),
                cot.map(text -> (unit.open() ? "open:" : "") + Hashing.of(text)).orElse("own-cot"),
                unit.sampling().key(), setup.profile().family().id(), setup.kind().name(), setup.budgets().toString(),
                setup.render().harmonyDate().toString(), setup.render().reasoningEffort().id(),
                String.join(",", setup.flags().enabled()), item.prompt().system().orElse("-"), item.prompt().user(),
                c.grammar().orElse("-"), c.runtimeKey());
    }
}
