package xcot.runs.phases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import xcot.llm.Backend;
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
 *
 * <p>The attempts are decoded together ({@link BatchSession}): each unit is a script that makes its generations
 * through a {@link CachedGenerator}. With a batch-invariant {@link Batching} the whole step is one batch and each unit
 * is recalled or computed on its own; otherwise the units run in the plan's fixed item groups
 * ({@link PlanStep#itemGroups}), and a group is recalled only if every attempt of it is stored, else computed whole.
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
        Batching batching = Batching.of(m.config(), Backend.info());
        try (ModelHandle handle = models.open(m);
             BatchSession session = new BatchSession(handle, batching, step.label(), ctx.listener())) {
            for (List<Unit> group : batching.groups(step)) {
                runGroup(group, m, session);
            }
        }
    }

    /** One unit as the phase sees it before anything runs: its set-up, the CoT it inserts and its store key. */
    private record Prepared(Unit.Attempt unit, GenerationSetup setup, Optional<String> cot, String key) {}

    /** Recalls or computes the attempts of units that run together, and puts them into the results in unit order. */
    void runGroup(List<Unit> units, ResolvedModel m, BatchSession session) {
        List<Prepared> prepared = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Unit u : units) {
            Unit.Attempt a = (Unit.Attempt) u;
            GenerationSetup setup = ctx.plan().setup(m, a.key().condition().condition());
            Optional<String> cot = a.cot().flatMap(ctx.cots()::text);
            String key = session.batching().samplingKey(a.sampling()).map(k -> Hashing.of(key(a, m, setup, cot), k))
                    .orElseGet(() -> key(a, m, setup, cot));
            keys.add(key);
            prepared.add(new Prepared(a, setup, cot, key));
        }
        Optional<String> batchKey = session.batching().key(Hashing.of(keys.toArray(String[]::new)));
        List<Prepared> work = new ArrayList<>();
        AttemptRecord[] records = new AttemptRecord[prepared.size()];
        for (int i = 0; i < prepared.size(); i++) {
            Prepared p = prepared.get(i);
            if (batchKey.isPresent()) {
                p = new Prepared(p.unit(), p.setup(), p.cot(), Hashing.of(p.key(), batchKey.get()));
                prepared.set(i, p);
            }
            records[i] = ctx.store().attempt(p.key()).map(AttemptRecord::fromJson).orElse(null);
        }
        // A group that is not batch-invariant is computed whole, or its batches would differ from the first run's.
        boolean whole = batchKey.isPresent() && Arrays.asList(records).contains(null);
        for (int i = 0; i < prepared.size(); i++) {
            if (records[i] == null || whole) {
                work.add(prepared.get(i));
            } else {
                ctx.listener().unitDone(true);
            }
        }
        List<BatchSession.Body<AttemptRecord>> bodies = new ArrayList<>();
        for (Prepared p : work) {
            bodies.add(client -> {
                TextGenerator generator = new CachedGenerator(session, client, ctx.store(), ctx.plan().config().flags(),
                        ctx.listener(), batchKey);
                AttemptRecord record = attempt(p, m, generator);
                ctx.store().putAttempt(p.key(), p.unit().key().slot(), record.toJson());
                ctx.listener().unitDone(false);
                session.reportProgress();
                return record;
            });
        }
        List<AttemptRecord> computed = session.run(bodies);
        for (int i = 0, w = 0; i < prepared.size(); i++) {
            if (w < work.size() && work.get(w) == prepared.get(i)) {
                // An attempt stored before the group was recomputed stays as stored: the store keeps the first write.
                records[i] = records[i] != null ? records[i] : computed.get(w);
                w++;
            }
            ctx.results().put(prepared.get(i).unit().key(), records[i]);
        }
    }

    /** Makes one attempt and scores it. */
    private AttemptRecord attempt(Prepared p, ResolvedModel m, TextGenerator generator) {
        Unit.Attempt unit = p.unit();
        GenerationSetup setup = p.setup();
        var prompt = unit.item().prompt();
        Attempt attempt;
        if (p.cot().isEmpty()) {
            attempt = CotGeneration.ownCot(generator, setup, prompt, unit.sampling());
        } else if (unit.open()) {
            attempt = CotGeneration.continued(generator, setup, prompt, p.cot().get(), unit.sampling());
        } else {
            attempt = CotGeneration.inserted(generator, setup, prompt, p.cot().get(), unit.sampling());
        }
        Completion completion = new Completion(attempt.promptText(), attempt.continuation(),
                setup.format().answerStart(), m.profile().isGptOss(), unit.sourceIsGptOss());
        var benchmark = ctx.plan().benchmark();
        ScoredAnswer answer = benchmark.score(unit.item().id(), completion,
                new AnswerLabel(unit.key().condition().label(), m.name(), unit.key().source()));
        return new AttemptRecord(answer, unit.seed(), attempt, benchmark.explanation(completion));
    }

    /**
     * The attempt's content key: every input that decides its output, so a changed input is a new attempt and an
     * unchanged one is found in the store. The model's name is part of it because the stored record carries it: two
     * config entries with the same file must not share records. A batch that is not batch-invariant adds itself
     * ({@link Batching#key}).
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
