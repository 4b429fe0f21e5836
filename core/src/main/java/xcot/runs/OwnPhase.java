package xcot.runs;

import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.Condition;
import xcot.methods.SamplingSpec;
import xcot.tasks.BenchmarkItem;

/**
 * Phase 1: each model, loaded once, answers every item on its own: Empty (an empty thinking block), Default (its own
 * greedy CoT, also the source of every transfer) and Sampled (one run per seed).
 */
final class OwnPhase {
    private OwnPhase() {}

    /** Default CoTs are made for Default itself and as the sources of Transfer and of the corrupted CoTs' notation. */
    static boolean needsDefault(RunConfig c) {
        return c.runs(Condition.DEFAULT) || c.runs(Condition.TRANSFER) || c.runs(Condition.CORRUPTED);
    }

    static long units(RunContext ctx) {
        RunConfig c = ctx.config;
        int perItem = (c.runs(Condition.EMPTY) ? 1 : 0) + (needsDefault(c) ? 1 : 0)
                + (c.runs(Condition.SAMPLED) ? c.seeds().size() : 0);
        return (long) perItem * ctx.models.size() * ctx.items.size();
    }

    static void run(RunContext ctx, Results results, AttemptRunner runner) {
        RunConfig c = ctx.config;
        for (int mi = 0; mi < ctx.models.size(); mi++) {
            ResolvedModel m = ctx.models.get(mi);
            ctx.progress.phase("own CoT, " + m.name() + ":");
            try (ModelHandle handle = new ModelHandle(m)) {
                CachedGenerator generator = new CachedGenerator(handle, ctx.store, c.flags(), ctx.progress);
                for (int ii = 0; ii < ctx.items.size(); ii++) {
                    BenchmarkItem item = ctx.items.get(ii);
                    if (c.runs(Condition.EMPTY)) {
                        AttemptSpec spec = new AttemptSpec(m, item, Condition.EMPTY.label(), Optional.empty(), false,
                                Optional.of(""), SamplingSpec.greedy(), OptionalLong.empty(),
                                ctx.setup(m, Condition.EMPTY));
                        put(results, Condition.EMPTY, spec, mi, ii, true, runner.run(spec, generator));
                    }
                    if (needsDefault(c)) {
                        AttemptSpec spec = new AttemptSpec(m, item, Condition.DEFAULT.label(), Optional.empty(),
                                m.profile().isGptOss(), Optional.empty(), SamplingSpec.greedy(), OptionalLong.empty(),
                                ctx.setup(m, Condition.DEFAULT));
                        put(results, Condition.DEFAULT, spec, mi, ii, c.runs(Condition.DEFAULT),
                                runner.run(spec, generator));
                    }
                    if (c.runs(Condition.SAMPLED)) {
                        for (long seed : c.seeds()) {
                            AttemptSpec spec = new AttemptSpec(m, item, ctx.sampledLabel(Condition.SAMPLED, seed),
                                    Optional.empty(), m.profile().isGptOss(), Optional.empty(),
                                    ctx.sampled(m, item.id(), seed, "sampled"), OptionalLong.of(seed),
                                    ctx.setup(m, Condition.SAMPLED));
                            put(results, Condition.SAMPLED, spec, mi, ii, true, runner.run(spec, generator));
                        }
                    }
                }
            }
        }
    }

    static void put(Results results, Condition c, AttemptSpec spec, int modelOrder, int itemOrder, boolean exported,
            AttemptRecord record) {
        put(results, c, spec, 0, modelOrder, itemOrder, exported, record);
    }

    /** {@code sourceOrder}: the source's position among the models, or the ensemble combination's among combinations. */
    static void put(Results results, Condition c, AttemptSpec spec, int sourceOrder, int modelOrder, int itemOrder,
            boolean exported, AttemptRecord record) {
        results.put(new Results.Slot(c.ordinal(), spec.label(), sourceOrder, spec.source(), modelOrder,
                spec.model().name(), itemOrder, spec.item().id(), exported), record);
    }
}
