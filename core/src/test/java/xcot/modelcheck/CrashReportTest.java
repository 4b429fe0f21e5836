package xcot.modelcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the parent words a dead child, from the lines llama.cpp, the C++ runtime and the JVM leave behind. */
class CrashReportTest {
    @Test
    void ggmlAssertion() {
        assertEquals("the check process aborted (SIGABRT, exit 134) while llama.cpp read the model: "
                        + "GGML_ASSERT(x > 0) failed at src/llama-model.cpp:1226",
                CrashReport.describe(134, List.of("load_tensors: ...",
                        "/root/.cache/xcot/llama/.build-1/src/src/llama-model.cpp:1226: GGML_ASSERT(x > 0) failed",
                        ""), List.of()));
    }

    @Test
    void uncaughtCppException() {
        assertEquals("the check process aborted (SIGABRT, exit 134) while llama.cpp read the model: terminate called "
                        + "after throwing an instance of 'std::out_of_range' (what():  _Map_base::at)",
                CrashReport.describe(134, List.of("terminate called after throwing an instance of 'std::out_of_range'",
                        "  what():  _Map_base::at"), List.of()));
    }

    @Test
    void signalCaughtByTheJvm() {
        assertEquals("the check process crashed in native code (exit 1) while llama.cpp read the model: SIGSEGV in "
                        + "ggml_compute_forward_mul_mat in libggml-cpu",
                CrashReport.describe(1, List.of("WARNING: Using incubator modules"), List.of("#",
                        "#  SIGSEGV (0xb) at pc=0x0000000000000000, pid=7343, tid=7345", "# Problematic frame:",
                        "# C  [libggml-cpu.so.0.23.0+0x174b1]  ggml_compute_forward_mul_mat+0xc31")));
    }

    @Test
    void killedWithoutAWord() {
        assertEquals("the check process was killed (SIGKILL, exit 137; out of memory?) while llama.cpp read the model",
                CrashReport.describe(137, List.of(), List.of()));
    }
}
