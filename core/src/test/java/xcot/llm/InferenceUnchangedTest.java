package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.zoo.CommittedZoo;

/**
 * The training patches must leave inference unchanged: logits of fixed models for fixed inputs are bit-identical
 * between the patched library (this JVM) and the pinned commit built without patches ({@code build-llama.sh
 * --no-patches}, run in a child JVM). A stored golden file would not do: with GGML_NATIVE the logits depend on the
 * CPU's features, so both libraries are built and compared on the machine running the test. The first run on a
 * machine builds the unpatched library (a few minutes, then cached), so it is opt-in: {@code mvn verify
 * -Pnative-checks}.
 */
@Tag("slow-native")
class InferenceUnchangedTest {
    @TempDir
    Path dir;

    @Test
    void patchedAndUnpatchedLibrariesGiveBitIdenticalLogits() throws Exception {
        Path unpatched = buildUnpatched();
        assertFalse(Backend.info().patches().isBlank(), "this JVM should run the patched library");
        for (Path model : List.of(ToyFixture.untrained(dir), CommittedZoo.path("plain-a"))) {
            List<float[]> here = LogitsProbe.logits(model);
            Path out = dir.resolve(model.getFileName() + ".logits");
            runChild(unpatched, model, out);
            assertEquals("", Files.readString(Path.of(out + ".patches")).strip(), "the child loaded a patched build");
            List<float[]> there = read(out);
            assertEquals(here.size(), there.size());
            for (int r = 0; r < here.size(); r++) {
                for (int i = 0; i < here.get(r).length; i++) {
                    int a = Float.floatToRawIntBits(here.get(r)[i]);
                    int b = Float.floatToRawIntBits(there.get(r)[i]);
                    if (a != b) {
                        throw new AssertionError(model.getFileName() + ": row " + r + " token " + i + ": patched "
                                + here.get(r)[i] + ", unpatched " + there.get(r)[i]);
                    }
                }
            }
        }
    }

    private static Path buildUnpatched() throws IOException, InterruptedException {
        Path script = projectRoot().resolve("native").resolve("build-llama.sh");
        Process build = new ProcessBuilder("bash", script.toString(), "--no-patches")
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String stdout = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(build.waitFor(40, TimeUnit.MINUTES), "build-llama.sh --no-patches did not finish");
        assertEquals(0, build.exitValue(), "build-llama.sh --no-patches failed");
        Path dir = Path.of(stdout.lines().reduce((a, b) -> b).orElseThrow().strip());
        assertTrue(Files.isRegularFile(dir.resolve("lib").resolve("libllama.so")), dir.toString());
        return dir;
    }

    private static void runChild(Path libDir, Path model, Path out) throws IOException, InterruptedException {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-D" + xcot.bindings.LlamaLibrary.LIB_DIR_PROPERTY + "=" + libDir,
                "-cp", System.getProperty("java.class.path"), LogitsProbe.class.getName(), model.toString(),
                out.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the probe did not finish");
        assertEquals(0, child.exitValue(), output);
    }

    private static List<float[]> read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
            int rows = in.readInt();
            List<float[]> out = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                float[] row = new float[in.readInt()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = Float.intBitsToFloat(in.readInt());
                }
                out.add(row);
            }
            return out;
        }
    }

    /** The directory holding {@code native/build-llama.sh}, searched upwards from the working directory. */
    private static Path projectRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("native").resolve("build-llama.sh"))) {
                return p;
            }
        }
        throw new IllegalStateException("native/build-llama.sh not found above " + Path.of("").toAbsolutePath());
    }
}
