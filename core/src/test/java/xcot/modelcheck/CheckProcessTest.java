package xcot.modelcheck;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.gguf.GgufValue;
import xcot.gguf.rules.BrokenModels;

/**
 * The abort that xcot's rules now prevent, reached on purpose in a child that loads without them: llama.cpp's own
 * {@code GGML_ASSERT} kills the child (this is what killed the JVM before), and the parent turns it into one line with
 * the assertion and where it is.
 */
class CheckProcessTest {
    @TempDir
    Path dir;

    @Test
    void aRealLlamaCppAbortBecomesOneLineWithItsAssertion() throws IOException {
        Path layers = BrokenModels.withMetadata(dir, "layers.gguf",
                kv -> kv.put("llama.block_count", GgufValue.u32(0)));
        try (CheckProcess child = CheckProcess.start(StandInChildren.UnguardedLoad.class.getName())) {
            CheckProcess.Outcome o = child.check(layers.toAbsolutePath(), false, Duration.ofSeconds(120));
            assertTrue(o.crashed());
            assertFalse(o.passed());
            assertTrue(o.reason().startsWith("the check process aborted (SIGABRT, exit 134)"), o.reason());
            assertTrue(o.reason().contains("GGML_ASSERT(hparams.n_layer_all > 0 && hparams.n_layer_all <= "
                    + "LLAMA_MAX_LAYERS) failed at src/llama-model.cpp:"), o.reason());
        }
    }

    @Test
    void aDuplicateTokenAbortsUnguardedLlamaCpp() throws IOException {
        Path dup = BrokenModels.withToken(dir, "dup.gguf", 280, "a");
        try (CheckProcess child = CheckProcess.start(StandInChildren.UnguardedLoad.class.getName())) {
            CheckProcess.Outcome o = child.check(dup.toAbsolutePath(), false, Duration.ofSeconds(120));
            assertTrue(o.crashed(), o.reason());
            assertTrue(o.reason().contains("GGML_ASSERT(id_to_token.size() == token_to_id.size()) failed at "
                    + "src/llama-vocab.cpp:"), o.reason());
        }
    }
}
