package xcot.bench;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xcot.bindings.llama_h;
import xcot.bindings.llama_model_params;
import xcot.llm.Backend;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.Vocab;

/**
 * The cost of crossing into native code through FFM (J1 of docs/performance-notes.md §7), with its baselines in the
 * same class:
 * <ul>
 *   <li>{@code emptyJavaCall}: a Java static method the JIT may not inline: the floor of any call;</li>
 *   <li>{@code libcAbs} / {@code libcAbsCritical}: a trivial libc function ({@code abs}) through a plain downcall and
 *       through one linked with {@code Linker.Option.critical(false)} (no thread-state transition);</li>
 *   <li>{@code llamaMaxDevices}: a trivial llama.cpp function through the generated binding (plain downcall);</li>
 *   <li>{@code llamaVocabNTokens}: {@code llama_vocab_n_tokens} through the generated binding, which links it
 *       critical (it is in {@code bindings.conf}'s list of tiny non-blocking calls);</li>
 *   <li>{@code vocabIsEndOfGeneration}: what the rest of xcot pays: {@link Vocab#isEndOfGeneration}, a handle
 *       method with its Java checks (token range, model open) around a critical downcall.</li>
 * </ul>
 * Scores are ns per call. Run with {@code bench/run-benchmarks.sh ffm}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class DowncallBench {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final FunctionDescriptor INT_TO_INT = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
    private static final MethodHandle ABS = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("abs"), INT_TO_INT);
    private static final MethodHandle ABS_CRITICAL = LINKER.downcallHandle(
            LINKER.defaultLookup().findOrThrow("abs"), INT_TO_INT, Linker.Option.critical(false));

    /** Read from a field so that no call can be folded into a constant. */
    public int argument = -12345;
    private Arena arena;
    private MemorySegment rawModel;
    private MemorySegment rawVocab;
    private Model model;
    private Vocab vocab;

    @Setup(Level.Trial)
    public void setUp() {
        Backend.ensureInitialized();
        arena = Arena.ofConfined();
        String path = TinyEnsembleModels.path(TinyEnsembleModels.SEEDS[0]).toString();
        MemorySegment params = llama_h.llama_model_default_params(arena);
        llama_model_params.vocab_only(params, true);
        rawModel = llama_h.llama_model_load_from_file(arena.allocateFrom(path), params);
        if (rawModel.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("llama.cpp could not load " + path);
        }
        rawVocab = llama_h.llama_model_get_vocab(rawModel);
        model = Model.load(TinyEnsembleModels.path(TinyEnsembleModels.SEEDS[0]), ModelOptions.vocabularyOnly());
        vocab = model.vocab();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        model.close();
        llama_h.llama_model_free(rawModel);
        arena.close();
    }

    @CompilerControl(CompilerControl.Mode.DONT_INLINE)
    private static int javaAbs(int x) {
        return Math.abs(x);
    }

    @Benchmark
    public int emptyJavaCall() {
        return javaAbs(argument);
    }

    @Benchmark
    public int libcAbs() throws Throwable {
        return (int) ABS.invokeExact(argument);
    }

    @Benchmark
    public int libcAbsCritical() throws Throwable {
        return (int) ABS_CRITICAL.invokeExact(argument);
    }

    @Benchmark
    public long llamaMaxDevices() {
        return llama_h.llama_max_devices();
    }

    @Benchmark
    public int llamaVocabNTokens() {
        return llama_h.llama_vocab_n_tokens(rawVocab);
    }

    @Benchmark
    public boolean vocabIsEndOfGeneration() {
        return vocab.isEndOfGeneration(-argument);
    }
}
