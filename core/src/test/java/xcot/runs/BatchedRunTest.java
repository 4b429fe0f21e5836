package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.export.RunFiles;

/**
 * A run whose models decode 4 sequences at once gives the exports of one decoding a sequence at a time, byte for byte,
 * on the CPU with flash attention (separate KV buffers: a sequence's logits do not depend on its batch), and its
 * run.json keeps each step's sequences in flight and tokens/s.
 */
class BatchedRunTest {
    static final String YAML = "benchmark: {name: medcalc, limit: 2}\n" + RunTesting.TWO_MODELS
            + "conditions: [empty, default, sampled, transfer]\nbudgets: {cot: 48, answer: 12, inserted: 16}\n";

    @TempDir
    Path dir;

    RunResult run(int parallel, StringWriter err) {
        var config = RunTesting.config(YAML, dir).withParallel(parallel);
        return Runner.run(config, dir.resolve("run-" + parallel), RunTesting.options(err, dir.resolve("cache-"
                + parallel)));
    }

    @Test
    void parallelFourGivesTheExportsOfParallelOneAndRunJsonKeepsTheBatches() throws Exception {
        StringWriter oneErr = new StringWriter();
        RunResult one = run(1, oneErr);
        StringWriter fourErr = new StringWriter();
        RunResult four = run(4, fourErr);
        assertTrue(fourErr.toString().contains("xcot: model 'tiny-a': parallel 4 (configured; "), fourErr.toString());
        assertTrue(fourErr.toString().contains("separate KV buffers (batch-invariant)"), fourErr.toString());

        assertArrayEquals(Files.readAllBytes(one.answers()), Files.readAllBytes(four.answers()));
        List<Path> genex = files(one.runDir().resolve(RunFiles.GENEX_DIR));
        assertEquals(genex.stream().map(p -> p.getFileName().toString()).toList(),
                files(four.runDir().resolve(RunFiles.GENEX_DIR)).stream().map(p -> p.getFileName().toString())
                        .toList());
        for (Path p : genex) {
            assertArrayEquals(Files.readAllBytes(p),
                    Files.readAllBytes(four.runDir().resolve(RunFiles.GENEX_DIR).resolve(p.getFileName())), p.toString());
        }

        // Each generating step says how it batched, on stderr and in run.json.
        assertTrue(fourErr.toString().contains(": generated ") && fourErr.toString().contains("(parallel 4, "),
                fourErr.toString());
        JsonNode steps = new ObjectMapper().readTree(four.runDir().resolve(RunFiles.RUN_JSON).toFile()).get("steps");
        JsonNode own = null;
        for (JsonNode s : steps) {
            if (s.has("parallel") && own == null) {
                own = s;
            }
        }
        assertTrue(own != null, steps.toString());
        assertEquals(4, own.get("parallel").asInt());
        assertTrue(own.get("maxInFlight").asInt() > 1 && own.get("maxInFlight").asInt() <= 4, own.toString());
        assertTrue(own.get("meanInFlight").asDouble() > 1, own.toString());
        assertTrue(own.get("tokensPerSecond").asDouble() > 0, own.toString());
    }

    private static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> s = Files.list(folder)) {
            return s.sorted().toList();
        }
    }
}
