package xcot.bench;

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
import xcot.methods.ensemble.IncrementalModel;
import xcot.methods.ensemble.ReferenceModel;
import xcot.methods.ensemble.ScoreSpan;
import xcot.methods.ensemble.SessionOptions;

/**
 * An evaluator scoring N candidates after a context of {@code prefixTokens} tokens (full-sequence mean NLL, the
 * paper's score), three ways in one run:
 * <ul>
 *   <li>{@code batchedSharedPrefix}: xcot's way. The context is in the KV cache; every candidate becomes its own
 *       sequence sharing the cached cells, all of them in one {@code llama_decode}, with logits only on the
 *       candidates' tokens; log-probs by the zero-copy kernel; the prefix NLL from the running sum.</li>
 *   <li>{@code separateSharedPrefix}: the same, one decode per candidate (what the engine does for near-ties).</li>
 *   <li>{@code referenceFullSequences}: the reference algorithm. Each {@code context + candidate} is re-tokenized
 *       and decoded from an empty cache with logits at every position, and the NLL averaged over all of them.</li>
 * </ul>
 * One tiny seeded Qwen3 (2 layers, 64 wide, 151,669-token vocabulary), one llama.cpp thread, no flash attention.
 * Scores are ms per scoring call (all N candidates). Run with {@code bench/run-benchmarks.sh scoring}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Benchmark)
public class CandidateScoringBench {
    @Param({"256", "1024"})
    public int prefixTokens;

    @Param({"6"})
    public int candidates;

    private TinyEnsembleModels tiny;
    private IncrementalModel incremental;
    private ReferenceModel reference;
    private List<String> suffixes;

    @Setup(Level.Trial)
    public void setUp() {
        tiny = new TinyEnsembleModels();
        SessionOptions session = SessionOptions.of(TinyEnsembleModels.CONTEXT_TOKENS, 1);
        String context = TinyEnsembleModels.contextOfTokens(tiny.models.get(2).vocab(), prefixTokens);
        incremental = IncrementalModel.open("evaluator", tiny.models.get(2), session, null, true);
        reference = ReferenceModel.open("evaluator", tiny.models.get(2), session, null);
        incremental.start(context);
        reference.start(context);
        suffixes = TinyEnsembleModels.CANDIDATES.subList(0, candidates);
        double[] a = incremental.meanNllNats(suffixes, ScoreSpan.FULL_SEQUENCE);
        double[] b = reference.meanNllNats(suffixes, ScoreSpan.FULL_SEQUENCE);
        for (int i = 0; i < a.length; i++) {
            if (Math.abs(a[i] - b[i]) > 1e-5 * b[i]) {
                throw new IllegalStateException("candidate " + i + ": " + a[i] + " vs reference " + b[i]);
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        incremental.close();
        reference.close();
        tiny.close();
    }

    @Benchmark
    public double[] batchedSharedPrefix() {
        return incremental.meanNllNats(suffixes, ScoreSpan.FULL_SEQUENCE);
    }

    @Benchmark
    public double[] separateSharedPrefix() {
        return incremental.meanNllNatsSeparately(suffixes, ScoreSpan.FULL_SEQUENCE);
    }

    @Benchmark
    public double[] referenceFullSequences() {
        return reference.meanNllNats(suffixes, ScoreSpan.FULL_SEQUENCE);
    }
}
