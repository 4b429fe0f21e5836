package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.gguf.GgufValue;
import xcot.gguf.rules.BrokenModels;

/**
 * The model files of issue 12 through the commands. The first three aborted the JVM (SIGABRT, exit 134) in
 * {@code xcot generate}, so they run in a child JVM, as a user would; the others were called fine by {@code models
 * inspect} and generated garbage. Every one is now one line naming the file, the key and the value, exit code 1.
 */
class ModelValidationCommandTest {
    @TempDir
    Path dir;

    record Result(int exit, List<String> err) {}

    private Result childGenerate(Path model) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder b = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--add-modules",
                "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "generate", "--model", model.toString(), "--prompt", "1+2=", "--max-tokens", "2", "--threads", "1")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("XCOT_CACHE", dir.resolve("cache").toString());
        b.environment().put("GGML_NO_BACKTRACE", "1");
        Process p = b.start();
        List<String> err = new String(p.getErrorStream().readAllBytes()).lines()
                .filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        return new Result(p.exitValue(), err);
    }

    private static void oneLine(Result r, Path model, String... parts) {
        assertEquals(1, r.exit(), "exit code, stderr: " + r.err());
        assertEquals(1, r.err().size(), r.err().toString());
        String line = r.err().getFirst();
        assertTrue(line.startsWith("xcot: " + model + ": not loadable by llama.cpp: "), line);
        for (String part : parts) {
            assertTrue(line.contains(part), "'" + part + "' missing in: " + line);
        }
    }

    @Test
    void blockCountZeroOrAboveTheLimitNoLongerAbortsGenerate() throws Exception {
        for (long n : new long[] {0, 1000}) {
            Path m = BrokenModels.withMetadata(dir, "layers-" + n + ".gguf",
                    kv -> kv.put("llama.block_count", GgufValue.u32(n)));
            oneLine(childGenerate(m), m, "key 'llama.block_count' is " + n);
        }
    }

    @Test
    void aDuplicatedTokenNoLongerAbortsGenerate() throws Exception {
        Path m = BrokenModels.withToken(dir, "dup.gguf", 280, "a");
        oneLine(childGenerate(m), m, "tokens 279 and 280", "are both 'a'");
    }

    @Test
    void inspectSaysTheseFilesAreNotLoadable() throws IOException {
        List<Path> files = new ArrayList<>(List.of(
                BrokenModels.withMetadata(dir, "layers.gguf", kv -> kv.put("llama.block_count", GgufValue.u32(0))),
                BrokenModels.withToken(dir, "dup.gguf", 280, "a"),
                BrokenModels.withMetadata(dir, "rope.gguf", kv -> kv.put("llama.rope.freq_base",
                        GgufValue.f32(Float.NaN))),
                BrokenModels.withMetadata(dir, "eps.gguf", kv -> kv.put("llama.attention.layer_norm_rms_epsilon",
                        GgufValue.f32(0f))),
                BrokenModels.withMetadata(dir, "bos.gguf", kv -> kv.put("tokenizer.ggml.bos_token_id",
                        GgufValue.u32(4000)))));
        for (Path f : files) {
            ScoreCommandTest.Run r = ScoreCommandTest.run("models", "inspect", f.toString());
            assertEquals(1, r.exitCode(), r.out() + r.err());
            assertTrue(r.out().contains("loadable        no: not loadable by llama.cpp: "), r.out());
            List<String> err = r.err().lines().toList();
            assertEquals(1, err.size(), r.err());
            assertTrue(err.getFirst().startsWith("xcot: " + f + ": not loadable by llama.cpp: "), err.getFirst());
        }
        ScoreCommandTest.Run valid = ScoreCommandTest.run("models", "inspect", BrokenModels.valid(dir).toString());
        assertEquals(0, valid.exitCode(), valid.err());
        assertTrue(valid.out().contains("loadable        "), valid.out());
    }

    @Test
    void generateNamesDirectoriesFifosAndDevices() throws Exception {
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        for (String[] c : new String[][] {{dir.toString(), "is a directory"}, {fifo.toString(), "is a FIFO"},
                {"/dev/zero", "is a character device"}}) {
            ScoreCommandTest.Run r = ScoreCommandTest.run("generate", "--model", c[0], "--prompt", "x");
            assertEquals(1, r.exitCode());
            assertEquals("xcot: " + c[0] + ": " + c[1], r.err().strip().substring(0, ("xcot: " + c[0] + ": "
                    + c[1]).length()), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }
}
