package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.llm.Model;
import xcot.llm.ModelOptions;

class MakeTinyCommandTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void quantizesToQ4KMAndSaysWhatItWrote() throws IOException {
        Path out = dir.resolve("tiny-q4.gguf");
        ScoreCommandTest.Run run = ScoreCommandTest.run("models", "make-tiny", "--seed", "5", "--quantize", "Q4_K_M",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String err = run.err();
        assertTrue(err.contains("wrote " + out), err);
        assertTrue(err.contains("shape:   qwen3 (tiny shape), 2 layers, embedding 64, 4 heads (2 KV) of 16"), err);
        // rows of 64 are no whole Q4_K block (256): llama.cpp falls back to Q5_0 for those
        assertTrue(err.matches("(?s).*tensors: 9 F32, \\d+ Q5_0.*"), err);
        assertTrue(err.matches("(?s).*size: +\\d+\\.\\d MB.*"), err);
        assertTrue(!err.contains("ModelShape["), "no raw record: " + err);
        assertEquals(List.of("tiny-q4.gguf"), files(), "no temporary file left");
        try (Model m = Model.load(out, ModelOptions.defaults())) {
            assertTrue(m.description().contains("Q4_K"), m.description());
        }
    }
}
