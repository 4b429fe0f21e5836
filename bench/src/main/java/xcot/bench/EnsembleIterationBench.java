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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xcot.methods.ensemble.EnsembleEngine;
import xcot.methods.ensemble.EnsembleModel;
import xcot.methods.ensemble.EnsembleOptions;
import xcot.methods.ensemble.ItemRun;
import xcot.methods.ensemble.IncrementalModel;
import xcot.methods.ensemble.IterationTrace;
import xcot.methods.ensemble.LengthCap;
import xcot.methods.ensemble.ReferenceModel;
import xcot.methods.ensemble.Sampling;
import xcot.methods.ensemble.SessionOptions;

/**
 * One whole ensemble iteration (two generators sample 3 × ≤ 15 tokens each, one evaluator scores the distinct
 * candidates, the winner is appended to all three contexts) after a context of {@code prefixTokens} tokens:
 * <ul>
 *   <li>{@code incremental}: xcot's engine, every context in its model's KV cache ({@link IncrementalModel});</li>
 *   <li>{@code reference}: the reference algorithm ({@link ReferenceModel}): each sampling call prefills the whole
 *       context, each candidate is scored from an empty cache with logits at every position.</li>
 * </ul>
 * Both run the same {@link EnsembleEngine} loop on three seeded tiny Qwen3 models, one llama.cpp thread each, no
 * flash attention. Before each operation the run is rewound to the prefix (not timed: the incremental models only
 * drop the appended cells, the reference models only reset their text), so every operation is iteration 0 on the
 * same contexts and proposes the same candidates. The trial set-up checks that both choose the same chunk. Scores are
 * ms per iteration. Run with {@code bench/run-benchmarks.sh iteration}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
public class EnsembleIterationBench {
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
            try (Ensemble incremental = Ensemble.incremental(this); Ensemble reference = Ensemble.reference(this)) {
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

        private Ensemble(List<EnsembleModel> models, String context, EnsembleOptions options) {
            this.models = models;
            this.generators = List.of(new EnsembleEngine.Participant(models.get(0), context),
                    new EnsembleEngine.Participant(models.get(1), context));
            this.evaluators = List.of(new EnsembleEngine.Participant(models.get(2), context));
            this.engine = new EnsembleEngine(options);
        }

        static Ensemble incremental(Models m) {
            List<EnsembleModel> models = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                models.add(IncrementalModel.open("g" + g, m.tiny.models.get(g), SESSION, SAMPLING[g], false));
            }
            models.add(IncrementalModel.open("e", m.tiny.models.get(2), SESSION, null, true));
            return new Ensemble(models, m.context, OPTIONS);
        }

        static Ensemble reference(Models m) {
            List<EnsembleModel> models = new ArrayList<>();
            for (int g = 0; g < 2; g++) {
                models.add(ReferenceModel.open("g" + g, m.tiny.models.get(g), SESSION, SAMPLING[g]));
            }
            models.add(ReferenceModel.open("e", m.tiny.models.get(2), SESSION, null));
            // The reference algorithm has no near-tie step (its scores are from scratch already).
            return new Ensemble(models, m.context, OPTIONS.withNearTieTolerance(0));
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
            return Ensemble.incremental(m);
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
    public boolean reference(ReferenceState s) {
        return s.run.step();
    }
}
