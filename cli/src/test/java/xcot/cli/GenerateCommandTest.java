package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import xcot.fixtures.TinyModels;

class GenerateCommandTest {
    @Test
    void severalSequencesInOneBatchReportPrefillAndGenerationApart() throws Exception {
        String model = TinyModels.cachedTinyQwen3(7).toString();
        ScoreCommandTest.Run run = ScoreCommandTest.run("generate", "--model", model, "--prompt", "Hello there",
                "--prompt", "What is 2+2?", "--n-sequences", "4", "--parallel", "2", "--max-tokens", "6",
                "--ignore-eos", "--threads", "2", "--context", "512");
        assertEquals(0, run.exitCode(), run.err());
        for (int i = 1; i <= 4; i++) {
            assertTrue(run.out().contains("--- sequence " + i + " ---"), run.out());
        }
        String summary = run.err().lines().filter(l -> l.startsWith("[")).reduce((a, b) -> b).orElse("");
        assertTrue(summary.matches("\\[.*: 4 sequences, up to 2 per batch; prompts \\d+ tokens decoded \\+ \\d+ reused,"
                + " prefill [\\d.]+ tokens/s; 24 new tokens, generation [\\d.]+ tokens/s aggregate .*; stops:"
                + " \\{TOKEN_LIMIT=4}]"), summary);

        run = ScoreCommandTest.run("generate", "--model", model, "--prompt", "Hello", "--max-tokens", "3",
                "--ignore-eos", "--threads", "2", "--context", "512");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.err().lines().anyMatch(l -> l.matches("\\[.*: prompt \\d+ tokens, prefill [\\d.]+ tokens/s; 3 new"
                + " tokens, generation [\\d.]+ tokens/s; stop: TOKEN_LIMIT]")), run.err());
    }

    @Test
    void parallelAboveTheLimitIsAUsageError() throws Exception {
        ScoreCommandTest.Run run = ScoreCommandTest.run("generate", "--model",
                TinyModels.cachedTinyQwen3(7).toString(), "--prompt", "x", "--parallel", "300");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--parallel must be in [1, 256], not 300"), run.err());
    }
}
