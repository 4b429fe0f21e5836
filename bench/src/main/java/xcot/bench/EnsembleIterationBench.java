package xcot.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xcot.methods.IterationTrace;
import xcot.methods.ensemble.EnsembleEngine;
import xcot.methods.ensemble.EnsembleModel;
import xcot.methods.ensemble.EnsembleOptions;
import xcot.methods.ensemble.GroupRun;
import xcot.methods.ensemble.IncrementalModel;
import xcot.methods.ensemble.ItemRun;
import xcot.methods.ensemble.LengthCap;
import xcot.methods.ensemble.ReferenceModel;
import xcot.methods.ensemble.Sampling;
import xcot.methods.ensemble.SessionOptions;

/**
 * One whole ensemble iteration (two generators sample 3 × ≤ 15 tokens each, one evaluator scores the distinct
 * candidates, the winner is appended to all three contexts) after a context of {@code prefixTokens} tokens:
 * <ul>
 *   <li>{@code incremental}: xcot's engine, every context in its model's KV cache ({@link IncrementalModel}), the
 *       models of each phase taking turns: the baseline of the two below;</li>
 *   <li>{@code incrementalModelsInParallel}: the same, the models of each phase at once, each on its own thread
 *       (same results);</li>
 *   <li>{@code itemsTogether}: {@value #ITEMS} items (distinct contexts of the same length) advancing together, every
 *       model serving all of them in each call ({@link GroupRun}), models in turns or at once; one operation is one
 *       step of all {@value #ITEMS}, counted as {@value #ITEMS} item-iterations, so its ms/op compares with
 *       {@code incremental}'s;</li>
 *   <li>{@code reference}: the reference algorithm ({@link ReferenceModel}): each sampling call prefills the whole
 *       context, each candidate is scored from an empty cache with logits at every position.</li>
 * </ul>
 * All run the same {@link EnsembleEngine} loop on three seeded tiny Qwen3 models, one llama.cpp thread each, no
 * flash attention. Before each operation the run is rewound to the prefix (not timed: the incremental models only
 * drop the appended cells, the reference models only reset their text), so every operation is iteration 0 on the
 * same contexts and proposes the same candidates. The trial set-up checks that the single-item algorithms choose the
 * same chunk. Scores are ms per item-iteration. Run with {@code bench/run-benchmarks.sh iteration} (all prefixes) or
 * {@code bench/run-benchmarks.sh iteration -p prefixTokens=1024}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class EnsembleIterationBench {
    static final int ITEMS = 16;
    static final SessionOptions SESSION = SessionOptions.of(TinyEnsembleModels.CONTEXT_TOKENS, 1);
    /** No stop rule may end iteration 0; the near-tie step is part of xcot's engine and is kept. */
    static final EnsembleOptions OPTIONS = EnsembleOptions.defaults().withLengthCap(LengthCap.none());
    private static final Sampling[] SAMPLING = {Sampling.ensembleDefault(),
            Sampling.ensembleDefault().withTemperature(0.7f).withTopP(0.95f)};

    /** The three models and the prefix text, shared by both algorithms. */
    @State(Scope.Benchmark)
    public static class Models {
        @Param({"256", "1024", "4096"})
        public int prefixTokens;

        TinyEnsembleModels tiny;
        String context;

        @Setup(Level.Trial)
        public void setUp() {
            tiny = new TinyEnsembleModels();
            context = TinyEnsembleModels.contextOfTokens(tiny.models.get(0).vocab(), prefixTokens);
            try (Ensemble incremental = Ensemble.incremental(this, false);
                    Ensemble reference = Ensemble.reference(this)) {
                IterationTrace a = incremental.firstIteration();
                IterationTrace b = reference.firstIteration();
                if (!a.chosen().equals(b.chosen())) {
                    throw new IllegalStateException("incremental chose '" + a.chosen() + "', reference '"
                            + b.chosen() + "'");
                }
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            tiny.close();
        }
    }

    /** Three ensemble models of one algorithm over the shared models, and the engine that drives them. */
    static final class Ensemble implements AutoCloseable {
        final List<EnsembleModel> models;
        final List<EnsembleEngine.Participant> generators;
        final List<EnsembleEngine.Participant> evaluators;
        final EnsembleEngine engine;

        private Ensemble(List<EnsembleModel> models, String context, EnsembleEngine engine) {
            this.models = models;
            this.generators = List.of(new EnsembleEngine.Participant(models.get(0), context),
                    new EnsembleEngine.Participant(models.get(1), context));
            this.evaluators = List.of(new EnsembleEngine.Participant(models.get(2), context));
            this.engine = engine;
        }

        static Ensemble incremental(Models m, boolean modelsInParallel) {
            return new Ensemble(incrementalModels(m, SESSION), m.context, new EnsembleEngine(OPTIONS,
                    modelsInParallel));
        }

        static Ensemble reference(Models m) {
            List<EnsembleModel> models = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                models.add(ReferenceModel.open("g" + g, m.tiny.models.get(g), SESSION, SAMPLING[g]));
            }
            models.add(ReferenceModel.open("e", m.tiny.models.get(2), SESSION, null));
            // The reference algorithm has no near-tie step (its scores are from scratch already).
            return new Ensemble(models, m.context, new EnsembleEngine(OPTIONS.withNearTieTolerance(0)));
        }

        /** A run rewound to the prefix: starting again keeps whatever the models cache of it. */
        ItemRun rewind() {
            return engine.begin(generators, evaluators);
        }

        IterationTrace firstIteration() {
            ItemRun run = rewind();
            if (!run.step()) {
                throw new IllegalStateException("iteration 0 did not run: " + run.stopReason());
            }
            return run.iterations().getFirst();
        }

        @Override
        public void close() {
            models.forEach(EnsembleModel::close);
        }
    }

    /** The two generators and the evaluator, as incremental models in {@code session}. */
    static List<EnsembleModel> incrementalModels(Models m, SessionOptions session) {
        List<EnsembleModel> models = new ArrayList<>();
        for (int g = 0; g < 2; g++) {
            models.add(IncrementalModel.open("g" + g, m.tiny.models.get(g), session, SAMPLING[g], false));
        }
        models.add(IncrementalModel.open("e", m.tiny.models.get(2), session, null, true));
        return models;
    }

    /** One ensemble over the shared models, rewound to the prefix before every operation. */
    public abstract static class EnsembleState {
        Ensemble ensemble;
        ItemRun run;

        abstract Ensemble open(Models m);

        @Setup(Level.Trial)
        public void setUp(Models m) {
            ensemble = open(m);
        }

        @Setup(Level.Invocation)
        public void rewind() {
            run = ensemble.rewind();
        }

        @TearDown(Level.Trial)
        public void close() {
            ensemble.close();
        }
    }

    @State(Scope.Benchmark)
    public static class IncrementalState extends EnsembleState {
        @Override
        Ensemble open(Models m) {
            return Ensemble.incremental(m, false);
        }
    }

    @State(Scope.Benchmark)
    public static class IncrementalParallelState extends EnsembleState {
        @Override
        Ensemble open(Models m) {
            return Ensemble.incremental(m, true);
        }
    }

    /** {@value #ITEMS} items in lanes of the same three models, rewound to their prefixes before every operation. */
    @State(Scope.Benchmark)
    public static class GroupState {
        @Param({"false", "true"})
        public boolean modelsInParallel;

        /**
         * llama.cpp's flash attention: on CPU it skips the cells the mask hides, so a token no longer pays for the
         * other items' cells in the shared cache (its scores move by a few 1e-5, within the near-tie tolerance).
         */
        @Param({"false", "true"})
        public boolean flashAttention;

        List<EnsembleModel> models;
        EnsembleEngine.Lineup lineup;
        List<EnsembleEngine.ItemStart> items;
        EnsembleEngine engine;
        GroupRun run;

        @Setup(Level.Trial)
        public void setUp(Models m) {
            // Each lane's window holds its prefix and one iteration's samples, candidates and chunk.
            models = incrementalModels(m, SessionOptions.of(m.prefixTokens + 512, 1).withLanes(ITEMS)
                    .withFlashAttention(flashAttention));
            lineup = new EnsembleEngine.Lineup(models.subList(0, 2), models.subList(2, 3));
            items = new ArrayList<>();
            for (int i = 0; i < ITEMS; i++) {
                String c = TinyEnsembleModels.contextOfTokens(m.tiny.models.get(0).vocab(), m.prefixTokens, i);
                items.add(new EnsembleEngine.ItemStart(List.of(c, c), List.of(c), LengthCap.none()));
            }
            engine = new EnsembleEngine(OPTIONS, modelsInParallel);
            GroupRun first = engine.begin(lineup, items);
            if (!first.step()) {
                throw new IllegalStateException("the group's iteration 0 did not run");
            }
            for (int i = 0; i < ITEMS; i++) {
                if (first.iterations(i).size() != 1) {
                    throw new IllegalStateException("item " + i + " did not run iteration 0: " + first.stopReason(i));
                }
            }
        }

        @Setup(Level.Invocation)
        public void rewind() {
            run = engine.begin(lineup, items);
        }

        @TearDown(Level.Trial)
        public void close() {
            models.forEach(EnsembleModel::close);
        }
    }

    @State(Scope.Benchmark)
    public static class ReferenceState extends EnsembleState {
        @Override
        Ensemble open(Models m) {
            return Ensemble.reference(m);
        }
    }

    @Benchmark
    public boolean incremental(IncrementalState s) {
        return s.run.step();
    }

    @Benchmark
    public boolean incrementalModelsInParallel(IncrementalParallelState s) {
        return s.run.step();
    }

    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public boolean itemsTogether(GroupState s) {
        return s.run.step();
    }

    @Benchmark
    public boolean reference(ReferenceState s) {
        return s.run.step();
    }
}
