package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.build.BuildInfo;
import xcot.methods.ensemble.IncrementalEnsembleSource;
import xcot.runs.config.ConfigReader;
import xcot.runs.export.RunFiles;
import xcot.runs.folder.RunFolderException;
import xcot.runs.folder.RunLock;
import xcot.runs.store.RunStore;
import xcot.runs.store.SqliteStore;

/**
 * A run folder over its life, on two toy zoo models: what the first run writes (config.yaml, run.json, run.log,
 * cache-keys.tsv, the exports) and what the cache holds; a rerun of the same config from the cache, its harmony date
 * kept; another config refused, then replaced with --force; a second process refused by the lock; another folder
 * served from the same cache.
 */
class RunFolderLifecycleTest {
    static final String CONFIG = """
            name: life
            benchmark: {name: toy, limit: 3}
            models:
              - {name: a, zoo: plain-a, context: 256, threads: 1}
              - {name: b, zoo: swap-b, context: 256, threads: 1}
            conditions: [empty, default, transfer, ensemble]
            ensemble: [{generators: [a], evaluators: [b]}]
            without-answer: false
            """;

    @TempDir
    Path dir;

    RunOptions options(LocalDate today) {
        return new RunOptions(new PrintWriter(new StringWriter(), true), false, Map.of(), today,
                RunOptions::createBenchmark, new IncrementalEnsembleSource(), dir.resolve("cache"), false, false, false);
    }

    static List<String> sorted(String... names) {
        return Stream.of(names).sorted().toList();
    }

    List<String> listing(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aRunFolderOverItsLife() throws Exception {
        Path run = dir.resolve("run");
        RunResult first = Runner.run(RunTesting.config(CONFIG, dir), run, options(LocalDate.of(2026, 1, 18)));
        assertEquals(sorted(RunFiles.ANSWERS, RunFiles.CACHE_KEYS, RunFiles.CONFIG, RunFiles.TRACES, RunFiles.LOG,
                RunFiles.RUN_JSON), listing(run), "the cache is not in the run folder; the lock is gone");
        assertTrue(first.computedUnits() > 0);

        JsonNode json = new ObjectMapper().readTree(run.resolve(RunFiles.RUN_JSON).toFile());
        assertEquals(1, json.get("formatVersion").asInt());
        assertEquals(BuildInfo.current().commit(), json.at("/xcot/commit").asText());
        assertFalse(json.at("/llamaCpp/buildKey").asText().isEmpty());
        assertEquals("finished", json.at("/run/status").asText());
        assertEquals("2026-01-18", json.at("/run/harmonyDate").asText());
        assertEquals(64, json.at("/models/0/sha256").asText().length());
        assertEquals(2 + 1 + 2, json.get("steps").size(), "own CoT x2, ensemble, inserted x2");
        long computed = 0;
        for (JsonNode step : json.get("steps")) {
            computed += step.get("computed").asLong();
            assertTrue(step.get("seconds").asDouble() >= 0);
        }
        assertEquals(first.computedUnits(), computed);
        List<String> keys = Files.readAllLines(run.resolve(RunFiles.CACHE_KEYS));
        try (RunStore cache = SqliteStore.open(dir.resolve("cache"))) {
            assertEquals(cache.count("generations"), keys.stream().filter(k -> k.startsWith("generation\t")).count());
            assertEquals(cache.count("attempts"), keys.stream().filter(k -> k.startsWith("attempt\t")).count());
            assertEquals(json.at("/cache/generation/added").asLong(), cache.count("generations"));
        }
        assertTrue(Files.readString(run.resolve(RunFiles.LOG)).contains(" info llama_model_loader: "),
                "llama.cpp's log is in run.log");

        // config.yaml is a config: read back, it resolves to itself.
        Path written = dir.resolve("written.yaml");
        Files.copy(run.resolve(RunFiles.CONFIG), written);
        Path again = dir.resolve("again");
        Runner.run(ConfigReader.read(written), again, options(LocalDate.of(2030, 5, 5)));
        assertEquals(Files.readString(run.resolve(RunFiles.CONFIG)), Files.readString(again.resolve(RunFiles.CONFIG)));

        // The same config on another day: everything from the cache, the run's harmony date kept.
        RunResult rerun = Runner.run(RunTesting.config(CONFIG, dir), run, options(LocalDate.of(2026, 2, 1)));
        assertEquals(0, rerun.computedUnits());
        assertEquals(Files.readString(first.answers()), Files.readString(rerun.answers()));
        JsonNode second = new ObjectMapper().readTree(run.resolve(RunFiles.RUN_JSON).toFile());
        assertEquals("2026-01-18", second.at("/run/harmonyDate").asText());
        assertEquals(json.at("/run/firstStarted").asText(), second.at("/run/firstStarted").asText());
        assertEquals(0, second.at("/cache/attempt/added").asLong());

        // Another config: refused before anything runs; with --force the old outputs go (the ensemble's traces too).
        String changed = CONFIG.replace("conditions: [empty, default, transfer, ensemble]", "conditions: [empty, default]");
        RunFolderException refused = assertThrows(RunFolderException.class,
                () -> Runner.run(RunTesting.config(changed, dir), run, options(LocalDate.of(2026, 1, 18))));
        assertTrue(refused.getMessage().startsWith(run + ": holds a run of another config (conditions: [empty, "
                + "default, transfer, ensemble] there, [empty, default] now)"), refused.getMessage());
        assertTrue(Files.exists(run.resolve(RunFiles.TRACES)), "refused: nothing touched");
        Runner.run(RunTesting.config(changed, dir), run, options(LocalDate.of(2026, 1, 18))
                .withSwitches(true, false, false));
        assertEquals(sorted(RunFiles.ANSWERS, RunFiles.CACHE_KEYS, RunFiles.CONFIG, RunFiles.LOG, RunFiles.RUN_JSON),
                listing(run), "no file of the old run is left");
        assertFalse(Files.readString(run.resolve(RunFiles.ANSWERS)).contains("transfer"));

        // A second process on the folder is refused by the lock.
        try (RunLock held = RunLock.acquire(run)) {
            RunFolderException busy = assertThrows(RunFolderException.class,
                    () -> Runner.run(RunTesting.config(changed, dir), run, options(LocalDate.of(2026, 1, 18))));
            assertTrue(busy.getMessage().contains("another xcot process is writing this folder"), busy.getMessage());
        }
    }
}
