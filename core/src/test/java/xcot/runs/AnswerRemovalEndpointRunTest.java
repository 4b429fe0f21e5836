package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.methods.ensemble.IncrementalEnsembleSource;
import xcot.methods.removal.AnswerRemovalException;
import xcot.methods.removal.LocalEndpoint;
import xcot.methods.removal.LocalEndpoint.Answer;
import xcot.methods.removal.OpenAiEndpoint;
import xcot.runs.config.ConfigException;

/**
 * A run whose answers are removed over HTTP, against a local endpoint: a refused key or a base URL with credentials
 * stops it in preflight, before any model is loaded, in one line that shows neither; a rate-limited endpoint is
 * waited for, and the progress says so.
 */
class AnswerRemovalEndpointRunTest {
    static final String KEY = "sk-run-7Hq2Wm9Zx4Lc1Vb8Nt5R";
    static final String CONFIG = """
            name: http
            benchmark: {name: toy, limit: 2}
            models:
              - {name: a, zoo: plain-a, context: 256, threads: 1}
              - {name: b, zoo: swap-b, context: 256, threads: 1}
            conditions: [default, transfer]
            answer-removal: {method: http}
            """;

    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    RunResult run(String yaml, String base) {
        RunOptions options = new RunOptions(new PrintWriter(err, true), false, Map.of(OpenAiEndpoint.ENV_BASE_URL,
                base, OpenAiEndpoint.ENV_API_KEY, KEY), LocalDate.of(2026, 1, 18), RunOptions::createBenchmark,
                new IncrementalEnsembleSource(), dir.resolve("cache"), false, false, false);
        return Runner.run(RunTesting.config(yaml, dir), dir.resolve("run"), options);
    }

    @Test
    void aRefusedKeyStopsTheRunBeforeAnyModelIsLoadedInOneLineWithoutTheKey() throws Exception {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> Answer.of(401, "{\"error\":{\"message\":\"bad key: "
                + r.authorization() + "\"}}"))) {
            AnswerRemovalException e = assertThrows(AnswerRemovalException.class, () -> run(CONFIG, server.base()));
            String m = e.getMessage();
            assertEquals("answer removal: endpoint check: " + server.base() + "/models answered HTTP 401 Unauthorized:"
                    + " bad key: Bearer *** (the key in " + OpenAiEndpoint.ENV_API_KEY + " was refused)", m);
            assertEquals(1, server.requests().size(), server.requests().toString());
            assertFalse(err.toString().contains("own CoT"), "a phase started: " + err);
            assertFalse(err.toString().contains(KEY.substring(7)), err.toString());
            assertFalse(Files.exists(dir.resolve("run")), "the refused run left its folder");
        }
    }

    @Test
    void credentialsInTheBaseUrlAreRefusedBeforeAnythingRuns() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> run(CONFIG, "http://alice:pa55-w0rd@127.0.0.1:9/v1"));
        assertEquals("test.yaml: " + OpenAiEndpoint.ENV_BASE_URL + " holds credentials (user:password@); leave them "
                + "out and put the key in " + OpenAiEndpoint.ENV_API_KEY, e.getMessage());
        assertFalse(err.toString().contains("pa55") || err.toString().contains("own CoT"), err.toString());
    }

    @Test
    void aRateLimitedEndpointIsWaitedForAndTheProgressSaysSo() throws Exception {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> r.path().endsWith("/models")
                ? Answer.of(200, "{\"data\":[]}")
                : i == 1 ? new Answer(429, "", Map.of("Retry-After", "0")) : Answer.chat("Hint."))) {
            RunResult result = run(CONFIG.replace("{method: http}", "{method: http, timeout-seconds: 5}"),
                    server.base());
            assertTrue(result.computedUnits() > 0, result.toString());
            assertTrue(err.toString().contains("xcot: answer removal: waiting for " + server.base()
                    + "/chat/completions (try 2 of 4 in 0 s: HTTP 429 Too Many Requests)\n"), err.toString());
            assertTrue(Files.readString(dir.resolve("run/config.yaml")).contains("timeout-seconds: 5"));
        }
    }
}
