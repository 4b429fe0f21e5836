package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xcot.methods.EnsembleCapacity;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.profiles.SamplingDefaults;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/**
 * The Ensemble condition's engine for {@code xcot run} ({@code xcot.runs.RunOptions#defaults} names it): the
 * pipeline calls it once per combination, then per item ({@link EnsembleRun#cot}) or per group of items advancing
 * together ({@link EnsembleRun#cots}). Each participant gets one {@link IncrementalModel} with one lane per item of
 * the largest group ({@link EnsembleCapacity#itemsAtOnce()}), reused across items and groups.
 *
 * <p>What the run's settings decide:
 * <ul>
 *   <li>sampling: top-k 50 as the ensemble passes it, the profile's pinned temperature and top-p (Q25), the item's
 *       seed;</li>
 *   <li>flags: {@code ref.score-without-space} (Q13), {@code ref.no-length-cap} (Q14, MedCalc),
 *       {@code ref.count-with-evaluator} (Q18, Instruction Induction), {@code ref.sentence-heuristic} (Q19),
 *       {@code ref.double-bos} (Q2);</li>
 *   <li>the length cap: the first generator's prompt + the item's {@code maxCotTokens};</li>
 *   <li>the thinking markers: the first generator's as the ensemble's text shows them
 *       ({@link xcot.profiles.ModelProfile#ensembleThinking}): the close marker stops the run and cuts the CoT;</li>
 *   <li>threads: the models of a phase run at once when their threads together fit the machine's cores (the same
 *       results either way), else in turns.</li>
 * </ul>
 */
public final class IncrementalEnsembleSource implements EnsembleCotSource {
    /** The ensemble passes {@code top_k=50} explicitly (docs/reference-pipeline.md §9 step 2). */
    static final int TOP_K = 50;

    @Override
    public String name() {
        return "xcot-incremental-ensemble-v2";
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

    /** The first generator's markers as the ensemble's text shows them. */
    static ThinkingFormat markers(EnsembleSetup setup) {
        return setup.generators().getFirst().profile().ensembleThinking(setup.kind(), setup.flags());
    }

    /** Whether the models may run at once: there are several, and their decode threads together fit the cores. */
    static boolean modelsInParallel(List<Integer> threadsPerModel, int cores) {
        return threadsPerModel.size() > 1 && threadsPerModel.stream().mapToInt(Integer::intValue).sum() <= cores;
    }

    /** One combination: its models' contexts, opened once, and the options its flags imply. */
    private static final class Combination implements EnsembleCotSource.EnsembleRun {
        private final EnsembleSetup setup;
        private final Map<String, IncrementalModel> models = new LinkedHashMap<>();
        private final EnsembleOptions options;
        private final ThinkingFormat markers;
        private final EnsembleEngine.Lineup lineup;
        private final EnsembleEngine engine;

        Combination(EnsembleSetup setup) {
            this.setup = setup;
            this.markers = markers(setup);
            this.options = options(setup.flags(), markers.close());
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
            this.lineup = new EnsembleEngine.Lineup(
                    setup.generators().stream().map(p -> (EnsembleModel) models.get(p.name())).toList(),
                    setup.evaluators().stream().map(p -> (EnsembleModel) models.get(p.name())).toList());
            this.engine = new EnsembleEngine(options, modelsInParallel(
                    distinct(setup).stream().map(EnsembleParticipant::threads).toList(),
                    Runtime.getRuntime().availableProcessors()));
        }

        private void open(EnsembleParticipant p, boolean generates, boolean evaluates) {
            if (models.containsKey(p.name())) {
                return;
            }
            SamplingDefaults pinned = p.profile().sampling();
            Sampling sampling = generates ? new Sampling(TOP_K, pinned.temperature(), pinned.topP(), 42) : null;
            EnsembleCapacity capacity = setup.capacity();
            SessionOptions session = SessionOptions.of(p.contextTokens(), p.threads())
                    .withDoubleBos(setup.flags().has(Quirk.DOUBLE_BOS))
                    .withLanes(capacity.itemsAtOnce())
                    .withFlashAttention(capacity.flashAttention())
                    .withKvCacheType(capacity.kvCacheType());
            models.put(p.name(), IncrementalModel.open(p.name(), p.model(), session, sampling, evaluates));
        }

        private static List<EnsembleParticipant> distinct(EnsembleSetup setup) {
            Set<String> names = new LinkedHashSet<>();
            List<EnsembleParticipant> distinct = new ArrayList<>();
            for (EnsembleParticipant p : concat(setup.generators(), setup.evaluators())) {
                if (names.add(p.name())) {
                    distinct.add(p);
                }
            }
            return distinct;
        }

        @Override
        public EnsembleCot cot(EnsembleItem item) {
            models.values().forEach(m -> m.reseed(item.seed()));
            EnsembleResult result = engine.run(lineup, List.of(start(item))).getFirst();
            return cotOf(item, result);
        }

        @Override
        public List<EnsembleCot> cots(List<EnsembleItem> items) {
            if (items.isEmpty() || items.size() > setup.capacity().itemsAtOnce()) {
                throw new IllegalArgumentException("a group holds 1 to " + setup.capacity().itemsAtOnce()
                        + " items, not " + items.size());
            }
            List<EnsembleEngine.ItemStart> starts = new ArrayList<>();
            for (int lane = 0; lane < items.size(); lane++) {
                for (IncrementalModel m : models.values()) {
                    m.reseed(lane, items.get(lane).seed());
                }
                starts.add(start(items.get(lane)));
            }
            // A group's results must not depend on the groups before it (a resumed run skips those).
            models.values().forEach(IncrementalModel::forgetCache);
            List<EnsembleResult> results = engine.run(lineup, starts);
            List<EnsembleCot> cots = new ArrayList<>(items.size());
            for (int i = 0; i < items.size(); i++) {
                cots.add(cotOf(items.get(i), results.get(i)));
            }
            return cots;
        }

        private EnsembleEngine.ItemStart start(EnsembleItem item) {
            return new EnsembleEngine.ItemStart(contexts(setup.generators(), item), contexts(setup.evaluators(), item),
                    lengthCap(setup.kind(), setup.flags(), item.maxCotTokens()));
        }

        private EnsembleCot cotOf(EnsembleItem item, EnsembleResult result) {
            Map<String, Integer> perGenerator = new LinkedHashMap<>();
            int[] counts = result.chunksPerGenerator();
            for (int g = 0; g < counts.length; g++) {
                perGenerator.merge(result.generators().get(g), counts[g], Integer::sum);
            }
            return new EnsembleCot(result.firstGeneratorContext().strip(), result.ensembleText(),
                    result.ensembleText().contains(markers.close()), perGenerator,
                    result.trace(), markers.open(), markers.close());
        }

        private static List<String> contexts(List<EnsembleParticipant> ps, EnsembleItem item) {
            List<String> out = new ArrayList<>();
            for (EnsembleParticipant p : ps) {
                String context = item.startContexts().get(p.name());
                if (context == null) {
                    throw new IllegalArgumentException("item " + item.itemId() + " has no start context for "
                            + p.name());
                }
                out.add(context);
            }
            return out;
        }

        private static List<EnsembleParticipant> concat(List<EnsembleParticipant> a, List<EnsembleParticipant> b) {
            List<EnsembleParticipant> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }

        @Override
        public void close() {
            models.values().forEach(IncrementalModel::close);
            models.clear();
        }
    }
}
