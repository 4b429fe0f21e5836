package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import xcot.runs.config.RunConfig;
import xcot.runs.store.StoreLocation;

/**
 * A run whose answers are removed over HTTP, against a local endpoint: a refused key or a base URL with credentials
 * stops it in preflight, before any model is loaded, in one line that shows neither; a rate-limited endpoint is
 * waited for, and the progress says so; a shared run's export, which only recalls, needs no key.
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
        return Runner.run(RunTesting.config(yaml, dir), dir.resolve("run"), options(Map.of(OpenAiEndpoint.ENV_BASE_URL,
                base, OpenAiEndpoint.ENV_API_KEY, KEY)));
    }

    RunOptions options(Map<String, String> env) {
        return new RunOptions(new PrintWriter(err, true), false, env, LocalDate.of(2026, 1, 18),
                RunOptions::createBenchmark, new IncrementalEnsembleSource(), dir.resolve("cache"), false, false, false);
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

    @Test
    void aSharedRunIsExportedWithoutTheKey() throws Exception {
        try (LocalEndpoint server = new LocalEndpoint((r, i) -> r.path().endsWith("/models")
                ? Answer.of(200, "{\"data\":[]}") : Answer.chat("Hint."))) {
            RunConfig config = RunTesting.config(CONFIG, dir);
            StoreLocation shared = new StoreLocation.Sqlite(dir.resolve("shared"));
            WorkerRunner.Report worked = WorkerRunner.work(config, shared, options(Map.of(OpenAiEndpoint.ENV_BASE_URL,
                    server.base(), OpenAiEndpoint.ENV_API_KEY, KEY)), new WorkerOptions("w1", Duration.ofSeconds(5),
                    Duration.ofMillis(200)));
            assertTrue(worked.unitsRun() > 0, worked.toString());
            int requests = server.requests().size();
            assertTrue(requests > 1, "the worker removed answers over HTTP");

            RunResult exported = WorkerRunner.export(config, dir.resolve("exported"), shared, options(Map.of()));
            assertEquals(0, exported.computedUnits());
            assertEquals(requests, server.requests().size(), "the export asked the endpoint nothing");
            assertTrue(exported.settings().stream().anyMatch(x -> x.condition().equals("transfer-without-answer")),
                    "the transfers without the answer sentences are exported: " + exported.settings());
        }
    }
}
