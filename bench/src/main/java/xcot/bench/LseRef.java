package xcot.bench;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The scalar C reference of the log-prob kernel ({@code bench/src/main/c/lse_ref.c}, built by the bench module's
 * Maven build into {@code bench/target/native/liblse_ref.so}), called through FFM.
 *
 * <p>The library path is the system property {@value #LIBRARY_PROPERTY}, else {@value #DEFAULT_LIBRARY} relative to
 * the working directory (the repository root, where {@code bench/run-benchmarks.sh} runs). It is loaded once, into
 * the global arena: the benchmark calls it until the JVM exits.
 */
public final class LseRef {
    public static final String LIBRARY_PROPERTY = "xcot.bench.lseRef";
    public static final String DEFAULT_LIBRARY = "bench/target/native/liblse_ref.so";

    private static final MethodHandle LOG_PROB;
    private static final MethodHandle LOG_SUM_EXP;

    static {
        SymbolLookup library = SymbolLookup.libraryLookup(libraryPath(), Arena.global());
        Linker linker = Linker.nativeLinker();
        LOG_PROB = linker.downcallHandle(library.findOrThrow("lse_ref_log_prob"),
                FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT, JAVA_INT));
        LOG_SUM_EXP = linker.downcallHandle(library.findOrThrow("lse_ref_log_sum_exp"),
                FunctionDescriptor.of(JAVA_DOUBLE, ADDRESS, JAVA_INT));
    }

    private LseRef() {}

    /** {@code ln softmax(row)[token]} in nats, computed by the C code; same row layout as the kernel. */
    public static double logProb(MemorySegment logits, long row, int nVocab, int token) {
        Objects.checkIndex(token, nVocab);
        try {
            return (double) LOG_PROB.invokeExact(rowStart(logits, row, nVocab), nVocab, token);
        } catch (Throwable t) {
            throw new IllegalStateException("lse_ref_log_prob failed", t);
        }
    }

    /** {@code ln Σ exp(row)} in nats, computed by the C code. */
    public static double logSumExp(MemorySegment logits, long row, int nVocab) {
        try {
            return (double) LOG_SUM_EXP.invokeExact(rowStart(logits, row, nVocab), nVocab);
        } catch (Throwable t) {
            throw new IllegalStateException("lse_ref_log_sum_exp failed", t);
        }
    }

    /** The C code trusts its arguments, so the slice's own bounds check is what keeps it inside the segment. */
    private static MemorySegment rowStart(MemorySegment logits, long row, int nVocab) {
        long rowBytes = (long) nVocab * Float.BYTES;
        return logits.asSlice(row * rowBytes, rowBytes);
    }

    private static Path libraryPath() {
        Path path = Path.of(System.getProperty(LIBRARY_PROPERTY, DEFAULT_LIBRARY)).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw new IllegalStateException("C reference library not found at " + path
                    + " (build it with: mvn -pl bench -am package; or set -D" + LIBRARY_PROPERTY + ")");
        }
        return path;
    }
}
