package xcot.runs.phases;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.llm.Backend;
import xcot.methods.TextGenerator;
import xcot.methods.removal.AnswerRemover;
import xcot.methods.removal.LocalModelAnswerRemover;
import xcot.methods.removal.OpenAiAnswerRemover;
import xcot.methods.removal.RuleBasedAnswerRemover;
import xcot.runs.config.AnswerRemovalConfig;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.runs.store.Hashing;

/**
 * Runs the answer-removal step: every CoT a without-answer condition inserts loses its answer sentences, once. Each
 * result is kept in the store by remover and input, so reruns, other conditions and other units with the same text
 * never sanitize it twice. A local filter model loads only if something is missing, and sanitizes the missing CoTs
 * together in one batch ({@link BatchSession}; in the plan's fixed groups when its {@link Batching} is not
 * batch-invariant, each group stored under its own remover id and recomputed whole).
 */
final class AnswerRemovalPhase {
    private final PhaseContext ctx;
    private final LoadedModels models;

    AnswerRemovalPhase(PhaseContext ctx) {
        this(ctx, LoadedModels.perStep());
    }

    AnswerRemovalPhase(PhaseContext ctx, LoadedModels models) {
        this.ctx = ctx;
        this.models = models;
    }

    void run(PlanStep step) {
        RunPlan plan = ctx.plan();
        if (plan.config().answerRemoval().method() == AnswerRemovalConfig.Method.MODEL) {
            runLocalModel(step);
            return;
        }
        boolean rules = plan.config().answerRemoval().method() == AnswerRemovalConfig.Method.RULES;
        // The endpoint (and its key) only once a CoT is not stored: recalling a complete run needs no credentials.
        AnswerRemover remover = rules ? new RuleBasedAnswerRemover() : null;
        String removerId = rules ? remover.id() : OpenAiAnswerRemover.idFromEnvironment(ctx.env());
        String kind = plan.benchmark().kind().name();
        for (Unit unit : step.units()) {
            Optional<String> cot = ctx.cots().text(((Unit.AnswerRemoval) unit).input());
            if (cot.isEmpty()) {
                ctx.listener().unitDone(true); // an ensemble that yielded no CoT: nothing to sanitize
                continue;
            }
            String inputHash = Hashing.of(cot.get());
            Optional<String> stored = ctx.store().sanitized(removerId, kind, inputHash);
            String output;
            if (stored.isPresent()) {
                output = stored.get();
            } else {
                if (remover == null) {
                    remover = OpenAiAnswerRemover.fromEnvironment(ctx.env(),
                            Duration.ofSeconds(plan.config().answerRemoval().timeoutSeconds()), ctx.listener()::waiting);
                }
                output = remover.remove(cot.get(), plan.benchmark().kind());
                ctx.store().putSanitized(removerId, kind, inputHash, output);
            }
            ctx.results().putSanitized(cot.get(), output);
            ctx.listener().unitDone(stored.isPresent());
        }
    }

    private void runLocalModel(PlanStep step) {
        ResolvedModel m = ctx.plan().filterModel().orElseThrow();
        Batching batching = Batching.of(m.config(), Backend.info());
        try (ModelHandle handle = models.open(m);
             BatchSession session = new BatchSession(handle, batching, step.label(), ctx.listener())) {
            for (List<Unit> group : batching.groups(step)) {
                runGroup(group, session);
            }
        }
    }

    /** Sanitizes the CoTs of units that run together: each distinct text once, recalled or computed. */
    private void runGroup(List<Unit> units, BatchSession session) {
        String kind = ctx.plan().benchmark().kind().name();
        Map<String, String> texts = new LinkedHashMap<>();   // input hash -> CoT, first occurrence first
        List<Optional<String>> cots = new ArrayList<>();
        for (Unit unit : units) {
            Optional<String> cot = ctx.cots().text(((Unit.AnswerRemoval) unit).input());
            cots.add(cot);
            cot.ifPresent(text -> texts.putIfAbsent(Hashing.of(text), text));
        }
        Optional<String> batchKey = session.batching().key(Hashing.of(texts.keySet().toArray(String[]::new)));
        String id = remover(session, null, batchKey).id() + batchKey.map(k -> ";" + k).orElse("");
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String hash : texts.keySet()) {
            ctx.store().sanitized(id, kind, hash).ifPresent(out -> outputs.put(hash, out));
        }
        List<String> missing = texts.keySet().stream()
                .filter(h -> !outputs.containsKey(h) || (batchKey.isPresent() && outputs.size() < texts.size()))
                .toList();
        List<BatchSession.Body<String>> bodies = new ArrayList<>();
        for (String hash : missing) {
            bodies.add(client -> {
                String removed = remover(session, client, batchKey).remove(texts.get(hash),
                        ctx.plan().benchmark().kind());
                ctx.store().putSanitized(id, kind, hash, removed);
                ctx.listener().unitDone(false);   // the first unit with this text; the others are told below
                session.reportProgress();
                return removed;
            });
        }
        List<String> computed = session.run(bodies);
        for (int i = 0; i < missing.size(); i++) {
            outputs.putIfAbsent(missing.get(i), computed.get(i));   // a stored output stays as stored
        }
        List<String> told = new ArrayList<>(missing);
        for (Optional<String> cot : cots) {
            // An ensemble that yielded no CoT has nothing to sanitize; a text seen before counts as recalled.
            cot.ifPresent(text -> ctx.results().putSanitized(text, outputs.get(Hashing.of(text))));
            if (cot.isEmpty() || !told.remove(Hashing.of(cot.get()))) {
                ctx.listener().unitDone(true);
            }
        }
    }

    /** The local filter remover on one client's generator (its id needs no generator: {@code client} may be null). */
    private LocalModelAnswerRemover remover(BatchSession session, xcot.llm.GenerationClient client,
                                            Optional<String> batchKey) {
        ResolvedModel m = session.handle().resolved();
        TextGenerator generator = client == null
                ? request -> { throw new IllegalStateException("the remover's id needs no generation"); }
                : new CachedGenerator(session, client, ctx.store(), ctx.plan().config().flags(), ctx.listener(),
                        batchKey);
        return new LocalModelAnswerRemover(generator, m.profile(), ctx.plan().render(m),
                ctx.plan().config().answerRemoval().maxTokens(), m.sha256());
    }
}
