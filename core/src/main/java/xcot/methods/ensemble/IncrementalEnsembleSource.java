package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.profiles.SamplingDefaults;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/**
 * The Ensemble condition's engine for {@code xcot run} ({@code xcot.runs.RunOptions#defaults} names it): the
 * pipeline calls it once per combination and item. Each participant gets one {@link IncrementalModel}, reused (and
 * its cached common prefix with it) across the items.
 *
 * <p>What the run's settings decide:
 * <ul>
 *   <li>sampling: top-k 50 as the ensemble passes it, the profile's pinned temperature and top-p (Q25), the item's
 *       seed;</li>
 *   <li>flags: {@code ref.score-without-space} (Q13), {@code ref.no-length-cap} (Q14, MedCalc),
 *       {@code ref.count-with-evaluator} (Q18, Instruction Induction), {@code ref.sentence-heuristic} (Q19),
 *       {@code ref.double-bos} (Q2);</li>
 *   <li>the length cap: the first generator's prompt + the item's {@code maxCotTokens};</li>
 *   <li>the stop marker: the first generator's closing thinking marker ({@code </think>} for QwQ).</li>
 * </ul>
 */
public final class IncrementalEnsembleSource implements EnsembleCotSource {
    /** The ensemble passes {@code top_k=50} explicitly (PAPER-SPEC §9 step 2). */
    static final int TOP_K = 50;

    @Override
    public String name() {
        return "xcot-incremental-ensemble-v1";
    }

    @Override
    public EnsembleCotSource.EnsembleRun start(EnsembleSetup setup) {
        return new Combination(setup);
    }

    /** The algorithm's options under the run's flags (the length cap is set per item). */
    static EnsembleOptions options(Quirks flags, String stopMarker) {
        return EnsembleOptions.defaults()
                .withScoredText(flags.has(Quirk.SCORE_WITHOUT_SPACE) ? ScoredText.REFERENCE_WITHOUT_SPACE : ScoredText.APPENDED)
                .withSentenceRule(flags.has(Quirk.SENTENCE_HEURISTIC) ? SentenceRule.REFERENCE_HEURISTIC
                        : SentenceRule.ABBREVIATION_LIST)
                .withStopMarker(stopMarker);
    }

    /**
     * The length cap of one item: {@code newTokens} past the first generator's prompt. MedCalc has none under
     * {@code ref.no-length-cap} (Q14); Instruction Induction counts with the last evaluator's tokenizer under
     * {@code ref.count-with-evaluator} (Q18).
     */
    static LengthCap lengthCap(BenchmarkKind kind, Quirks flags, int newTokens) {
        if (kind.ensembleUncapped(flags)) {
            return LengthCap.none();
        }
        return new LengthCap(newTokens, kind.ensembleCountsWithEvaluator(flags) ? LengthCap.Counting.LAST_EVALUATOR_CHUNKS
                : LengthCap.Counting.FIRST_GENERATOR_CONTEXT);
    }

    /** One combination: its models' contexts, opened once, and the options its flags imply. */
    private static final class Combination implements EnsembleCotSource.EnsembleRun {
        private final EnsembleSetup setup;
        private final Map<String, IncrementalModel> models = new LinkedHashMap<>();
        private final EnsembleOptions options;
        private final String stopMarker;

        Combination(EnsembleSetup setup) {
            this.setup = setup;
            Quirks flags = setup.flags();
            EnsembleParticipant first = setup.generators().getFirst();
            this.stopMarker = first.profile().thinking(setup.kind(), flags).close();
            this.options = options(flags, stopMarker);
            try {
                for (EnsembleParticipant p : setup.generators()) {
                    open(p, true, setup.evaluators().stream().anyMatch(e -> e.name().equals(p.name())));
                }
                for (EnsembleParticipant p : setup.evaluators()) {
                    open(p, false, true);
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        private void open(EnsembleParticipant p, boolean generates, boolean evaluates) {
            if (models.containsKey(p.name())) {
                return;
            }
            SamplingDefaults pinned = p.profile().sampling();
            Sampling sampling = generates ? new Sampling(TOP_K, pinned.temperature(), pinned.topP(), 42) : null;
            SessionOptions session = SessionOptions.of(p.contextTokens(), p.threads())
                    .withDoubleBos(setup.flags().has(Quirk.DOUBLE_BOS));
            models.put(p.name(), IncrementalModel.open(p.name(), p.model(), session, sampling, evaluates));
        }

        @Override
        public EnsembleCot cot(EnsembleItem item) {
            models.values().forEach(m -> m.reseed(item.seed()));
            EnsembleOptions itemOptions = options.withLengthCap(lengthCap(setup.kind(), setup.flags(),
                    item.maxCotTokens()));
            EnsembleResult result = new EnsembleEngine(itemOptions).run(participants(setup.generators(), item),
                    participants(setup.evaluators(), item));
            Map<String, Integer> perGenerator = new LinkedHashMap<>();
            int[] counts = result.chunksPerGenerator();
            for (int g = 0; g < counts.length; g++) {
                perGenerator.merge(result.generators().get(g), counts[g], Integer::sum);
            }
            return new EnsembleCot(result.firstGeneratorContext().strip(), result.ensembleText(),
                    result.ensembleText().contains(stopMarker), perGenerator,
                    EnsembleTraceJsonl.lines(item.itemId(), result));
        }

        private List<EnsembleEngine.Participant> participants(List<EnsembleParticipant> ps, EnsembleItem item) {
            List<EnsembleEngine.Participant> out = new ArrayList<>();
            for (EnsembleParticipant p : ps) {
                String context = item.startContexts().get(p.name());
                if (context == null) {
                    throw new IllegalArgumentException("item " + item.itemId() + " has no start context for "
                            + p.name());
                }
                out.add(new EnsembleEngine.Participant(models.get(p.name()), context));
            }
            return out;
        }

        @Override
        public void close() {
            models.values().forEach(IncrementalModel::close);
            models.clear();
        }
    }
}
