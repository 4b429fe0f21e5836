package xcot.runs;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import xcot.methods.Condition;
import xcot.methods.EnsembleCot;
import xcot.methods.SamplingSpec;
import xcot.reference.Quirk;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.CotCorruption;

/**
 * Phase 4: each target model, loaded once, answers after inserted CoTs: every source's Default CoT (Transfer, self
 * included), the sanitized CoTs (the without-answer conditions), the ensemble CoTs, and the benchmark's corrupted
 * CoTs, each written in the notation of every source's Default CoT (transfer-like: every source × target).
 */
final class InsertPhase {
    private InsertPhase() {}

    static long units(RunContext ctx) {
        RunConfig c = ctx.config;
        long perItem = 0;
        int w = c.withoutAnswer() ? 2 : 1;
        if (c.runs(Condition.TRANSFER)) {
            perItem += (long) ctx.models.size() * w;
        }
        if (c.withoutAnswer() && c.runs(Condition.DEFAULT)) {
            perItem++;
        }
        if (c.withoutAnswer() && c.runs(Condition.SAMPLED)) {
            perItem += c.seeds().size();
        }
        if (c.runs(Condition.ENSEMBLE)) {
            perItem += (long) c.ensembles().size() * w;
        }
        if (c.runs(Condition.CORRUPTED)) {
            perItem += (long) corruptions(ctx).size() * ctx.models.size();
        }
        return perItem * ctx.models.size() * ctx.items.size();
    }

    static List<CotCorruption> corruptions(RunContext ctx) {
        return ctx.benchmark.corruptions().stream()
                .filter(x -> ctx.config.corruptions().isEmpty() || ctx.config.corruptions().contains(x.name()))
                .toList();
    }

    /** The CoT an ensemble result inserts (Q15/Q16), or empty when the target writes its own instead. */
    static Optional<String> ensembleCot(RunContext ctx, EnsembleCot cot) {
        return cot.cotToInsert(ctx.config.flags().has(Quirk.INNER_THINK_TAG), ctx.config.flags().has(Quirk.EMPTY_ON_UNCLOSED));
    }

    static void run(RunContext ctx, Results results, AttemptRunner runner, Map<String, EnsembleCot> ensembleCots,
            Map<String, String> sanitized) {
        RunConfig c = ctx.config;
        for (int ti = 0; ti < ctx.models.size(); ti++) {
            ResolvedModel t = ctx.models.get(ti);
            ctx.progress.phase("inserted CoTs, " + t.name() + ":");
            try (ModelHandle handle = new ModelHandle(t)) {
                CachedGenerator generator = new CachedGenerator(handle, ctx.store, c.flags(), ctx.progress);
                Insert insert = new Insert(ctx, results, runner, generator, t, ti);
                for (int ii = 0; ii < ctx.items.size(); ii++) {
                    BenchmarkItem item = ctx.items.get(ii);
                    if (c.runs(Condition.TRANSFER)) {
                        for (int si = 0; si < ctx.models.size(); si++) {
                            ResolvedModel s = ctx.models.get(si);
                            AttemptRecord source = defaultOf(results, s, item);
                            insert.cot(Condition.TRANSFER, item, ii, si, s.name(), s.profile().isGptOss(),
                                    transferCot(ctx, source, s, t), SamplingSpec.greedy(), OptionalLong.empty());
                            if (c.withoutAnswer()) {
                                insert.cot(Condition.TRANSFER_WITHOUT_ANSWER, item, ii, si, s.name(),
                                        s.profile().isGptOss(), sanitized.get(source.attempt().thinking()),
                                        SamplingSpec.greedy(), OptionalLong.empty());
                            }
                        }
                    }
                    if (c.withoutAnswer() && c.runs(Condition.DEFAULT)) {
                        insert.cot(Condition.DEFAULT_WITHOUT_ANSWER, item, ii, ti, t.name(), t.profile().isGptOss(),
                                sanitized.get(defaultOf(results, t, item).attempt().thinking()), SamplingSpec.greedy(),
                                OptionalLong.empty());
                    }
                    if (c.withoutAnswer() && c.runs(Condition.SAMPLED)) {
                        for (long seed : c.seeds()) {
                            AttemptRecord own = results.get(ctx.sampledLabel(Condition.SAMPLED, seed), t.name(),
                                    Optional.empty(), item.id()).orElseThrow();
                            insert.cot(Condition.SAMPLED_WITHOUT_ANSWER, item, ii, ti, t.name(),
                                    t.profile().isGptOss(), sanitized.get(own.attempt().thinking()),
                                    ctx.sampled(t, item.id(), seed, "sampled-without-answer"), OptionalLong.of(seed));
                        }
                    }
                    if (c.runs(Condition.ENSEMBLE)) {
                        for (int ci = 0; ci < c.ensembles().size(); ci++) {
                            EnsembleConfig combo = c.ensembles().get(ci);
                            Optional<String> cot = ensembleCot(ctx, ensembleCots.get(EnsemblePhase.id(combo, item.id())));
                            insert.ensemble(Condition.ENSEMBLE, item, ii, ci, combo.label(), cot);
                            if (c.withoutAnswer()) {
                                insert.ensemble(Condition.ENSEMBLE_WITHOUT_ANSWER, item, ii, ci, combo.label(),
                                        cot.map(sanitized::get));
                            }
                        }
                    }
                    if (c.runs(Condition.CORRUPTED)) {
                        for (CotCorruption k : corruptions(ctx)) {
                            for (int si = 0; si < ctx.models.size(); si++) {
                                ResolvedModel s = ctx.models.get(si);
                                String cot = k.cotFor().apply(item.id(), defaultOf(results, s, item).attempt().thinking());
                                insert.labelled(Condition.CORRUPTED, k.name(), item, ii, si, Optional.of(s.name()),
                                        s.profile().isGptOss(), Optional.of(cot), SamplingSpec.greedy(),
                                        OptionalLong.empty(), k.leavesThinkingOpen());
                            }
                        }
                    }
                }
            }
        }
    }

    private static AttemptRecord defaultOf(Results results, ResolvedModel m, BenchmarkItem item) {
        return results.get(Condition.DEFAULT.label(), m.name(), Optional.empty(), item.id()).orElseThrow();
    }

    /**
     * The CoT a transfer inserts: the source's extracted thinking; for Instruction Induction under
     * {@code ref.ii-target-regex} (Q9), the source's whole output parsed with the target's markers.
     */
    static String transferCot(RunContext ctx, AttemptRecord source, ResolvedModel s, ResolvedModel t) {
        var target = ctx.setup(t, Condition.TRANSFER).format();
        return ctx.benchmark.transferCot(source.attempt().thinking(), source.attempt().fullText(), target.open(),
                target.close(), ctx.config.flags());
    }

    /** The insertions of one target. */
    private record Insert(RunContext ctx, Results results, AttemptRunner runner, CachedGenerator generator,
                          ResolvedModel target, int targetOrder) {
        void cot(Condition c, BenchmarkItem item, int itemOrder, int sourceOrder, String source, boolean sourceIsOss,
                String cot, SamplingSpec sampling, OptionalLong seed) {
            String label = c == Condition.SAMPLED_WITHOUT_ANSWER && seed.isPresent()
                    ? ctx.sampledLabel(c, seed.getAsLong()) : c.label();
            labelled(c, label, item, itemOrder, sourceOrder, Optional.of(source), sourceIsOss, Optional.of(cot),
                    sampling, seed, false);
        }

        /** An ensemble CoT, or the target's own greedy CoT when the ensemble yields none (Q15). */
        void ensemble(Condition c, BenchmarkItem item, int itemOrder, int comboOrder, String combo, Optional<String> cot) {
            labelled(c, c.label(), item, itemOrder, comboOrder, Optional.of(combo), false, cot, SamplingSpec.greedy(),
                    OptionalLong.empty(), false);
        }

        void labelled(Condition c, String label, BenchmarkItem item, int itemOrder, int sourceOrder,
                Optional<String> source, boolean sourceIsOss, Optional<String> cot, SamplingSpec sampling,
                OptionalLong seed, boolean open) {
            AttemptSpec spec = new AttemptSpec(target, item, label, source, sourceIsOss, cot, sampling, seed,
                    ctx.setup(target, c), open);
            OwnPhase.put(results, c, spec, sourceOrder, targetOrder, itemOrder, true, runner.run(spec, generator));
        }
    }
}
