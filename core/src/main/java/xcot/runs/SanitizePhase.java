package xcot.runs;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xcot.methods.AnswerRemover;
import xcot.methods.Condition;
import xcot.methods.EnsembleCot;
import xcot.methods.LocalModelAnswerRemover;
import xcot.methods.OpenAiAnswerRemover;
import xcot.methods.RuleBasedAnswerRemover;
import xcot.tasks.BenchmarkItem;

/**
 * Phase 3: every CoT that a without-answer condition inserts loses its answer sentences, once: the Default CoTs
 * (for Default and Transfer without answer), the Sampled CoTs, the ensemble CoTs. Each result is cached in the store
 * by remover and input, so reruns and other conditions never sanitize the same CoT twice. A local filter model loads
 * only if something is missing.
 */
final class SanitizePhase {
    private SanitizePhase() {}

    static boolean active(RunConfig c) {
        return c.withoutAnswer() && (sanitizesDefaults(c) || c.runs(Condition.SAMPLED) || c.runs(Condition.ENSEMBLE));
    }

    /** Default and Transfer have without-answer variants; the corrupted CoTs, which also read Default CoTs, do not. */
    private static boolean sanitizesDefaults(RunConfig c) {
        return c.runs(Condition.DEFAULT) || c.runs(Condition.TRANSFER);
    }

    static Set<String> inputs(RunContext ctx, Results results, Map<String, EnsembleCot> ensembleCots) {
        RunConfig c = ctx.config;
        Set<String> inputs = new LinkedHashSet<>();
        if (!active(c)) {
            return inputs;
        }
        for (ResolvedModel m : ctx.models) {
            for (BenchmarkItem item : ctx.items) {
                if (sanitizesDefaults(c)) {
                    results.get(Condition.DEFAULT.label(), m.name(), Optional.empty(), item.id())
                            .ifPresent(r -> inputs.add(r.attempt().thinking()));
                }
                if (c.runs(Condition.SAMPLED)) {
                    for (long seed : c.seeds()) {
                        results.get(ctx.sampledLabel(Condition.SAMPLED, seed), m.name(), Optional.empty(), item.id())
                                .ifPresent(r -> inputs.add(r.attempt().thinking()));
                    }
                }
            }
        }
        if (c.runs(Condition.ENSEMBLE)) {
            for (EnsembleCot cot : ensembleCots.values()) {
                InsertPhase.ensembleCot(ctx, cot).ifPresent(inputs::add);
            }
        }
        return inputs;
    }

    /** Sanitizes every input (or recalls it); returns the sanitized text of each input. */
    static Map<String, String> run(RunContext ctx, Set<String> inputs) {
        Map<String, String> sanitized = new HashMap<>();
        if (inputs.isEmpty()) {
            return sanitized;
        }
        ctx.progress.phase("answer removal (" + ctx.config.answerRemoval().method().name().toLowerCase(Locale.ROOT)
                + "):");
        ModelHandle filter = ctx.filterModel.map(ModelHandle::new).orElse(null);
        try {
            AnswerRemover remover = remover(ctx, filter);
            for (String cot : inputs) {
                String inputHash = Hashing.of(cot);
                Optional<String> stored = ctx.store.sanitized(remover.id(), ctx.kind().name(), inputHash);
                if (stored.isPresent()) {
                    sanitized.put(cot, stored.get());
                    ctx.progress.unitDone(true);
                    continue;
                }
                String output = remover.remove(cot, ctx.kind());
                ctx.store.putSanitized(remover.id(), ctx.kind().name(), inputHash, output);
                sanitized.put(cot, output);
                ctx.progress.unitDone(false);
            }
        } finally {
            if (filter != null) {
                filter.close();
            }
        }
        return sanitized;
    }

    private static AnswerRemover remover(RunContext ctx, ModelHandle filter) {
        return switch (ctx.config.answerRemoval().method()) {
            case RULES -> new RuleBasedAnswerRemover();
            case HTTP -> OpenAiAnswerRemover.fromEnvironment(ctx.options.env());
            case MODEL -> new LocalModelAnswerRemover(
                    new CachedGenerator(filter, ctx.store, ctx.config.flags(), ctx.progress),
                    filter.resolved().profile(), ctx.render(filter.resolved()), ctx.config.answerRemoval().maxTokens(),
                    filter.resolved().sha256());
        };
    }

}
