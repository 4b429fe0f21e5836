package xcot.runs.phases;

import java.time.Duration;
import java.util.Optional;
import xcot.methods.removal.AnswerRemover;
import xcot.methods.removal.LocalModelAnswerRemover;
import xcot.methods.removal.OpenAiAnswerRemover;
import xcot.methods.removal.RuleBasedAnswerRemover;
import xcot.runs.plan.PlanStep;
import xcot.runs.plan.ResolvedModel;
import xcot.runs.plan.RunPlan;
import xcot.runs.plan.Unit;
import xcot.runs.store.Hashing;

/**
 * Runs the answer-removal step: every CoT a without-answer condition inserts loses its answer sentences, once. Each
 * result is kept in the store by remover and input, so reruns, other conditions and other units with the same text
 * never sanitize it twice. A local filter model loads only if something is missing.
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
        String kind = plan.benchmark().kind().name();
        Optional<ModelHandle> filter = plan.filterModel().map(models::open);
        try {
            AnswerRemover remover = remover(filter);
            for (Unit unit : step.units()) {
                Optional<String> cot = ctx.cots().text(((Unit.AnswerRemoval) unit).input());
                if (cot.isEmpty()) {
                    ctx.listener().unitDone(true); // an ensemble that yielded no CoT: nothing to sanitize
                    continue;
                }
                String inputHash = Hashing.of(cot.get());
                Optional<String> stored = ctx.store().sanitized(remover.id(), kind, inputHash);
                String output = stored.orElseGet(() -> {
                    String removed = remover.remove(cot.get(), plan.benchmark().kind());
                    ctx.store().putSanitized(remover.id(), kind, inputHash, removed);
                    return removed;
                });
                ctx.results().putSanitized(cot.get(), output);
                ctx.listener().unitDone(stored.isPresent());
            }
        } finally {
            filter.ifPresent(ModelHandle::close);
        }
    }

    private AnswerRemover remover(Optional<ModelHandle> filter) {
        RunPlan plan = ctx.plan();
        return switch (plan.config().answerRemoval().method()) {
            case RULES -> new RuleBasedAnswerRemover();
            case HTTP -> OpenAiAnswerRemover.fromEnvironment(ctx.env(),
                    Duration.ofSeconds(plan.config().answerRemoval().timeoutSeconds()), ctx.listener()::waiting);
            case MODEL -> {
                ModelHandle handle = filter.orElseThrow();
                ResolvedModel m = handle.resolved();
                yield new LocalModelAnswerRemover(new CachedGenerator(handle, ctx.store(), plan.config().flags(),
                        ctx.listener()), m.profile(), plan.render(m), plan.config().answerRemoval().maxTokens(),
                        m.sha256());
            }
        };
    }
}
