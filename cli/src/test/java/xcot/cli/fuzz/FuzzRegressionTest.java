package xcot.cli.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every input that ever crashed xcot ({@code src/test/resources/xcot/fuzz/regressions}, listed with its crash in the
 * README there) goes through inspect, check and generate in a worker JVM: none may crash xcot, every failure is one
 * line, and a crash that only the isolated check can catch (a llama.cpp bug on some CPUs) is reported by it.
 */
class FuzzRegressionTest {
    static final List<String> FILES = List.of("llama-block-count-0", "llama-block-count-1000",
            "llama-duplicate-token", "qwen3-duplicate-token", "llama-i32-weight", "llama-q8-norm",
            "llama-wordpiece-byte-tokens", "llama-no-vocab", "qwen3-alignment-1", "qwen3-q8-attn-output-amx");

    @TempDir
    Path dir;

    @Test
    void noKeptCrashingInputCrashesXcot() throws Exception {
        try (FuzzCorpus corpus = new FuzzCorpus(dir)) {
            for (String name : FILES) {
                Path file = dir.resolve(name + ".gguf");
                try (InputStream in = new GZIPInputStream(getClass().getResourceAsStream(
                        "/xcot/fuzz/regressions/" + name + ".gguf.gz"))) {
                    Files.copy(in, file);
                }
                corpus.judge(file, name);
            }
            System.out.println("fuzz regressions: " + corpus.outcomes);
            corpus.contained.forEach(c -> System.out.println("  contained: " + c));
            assertEquals(List.of(), corpus.problems);
            assertTrue(corpus.outcomes.getOrDefault("refused by rules", 0) >= FILES.size() - 1, corpus.outcomes
                    .toString());
        }
    }
}
