package xcot.runs.folder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.runs.export.RunFiles;

/** A folder holding a run takes the same config again, refuses another, and with force keeps nothing of the old. */
class FolderGuardTest {
    static final String CONFIG = """
            name: r
            benchmark: {name: toy, subset: held-out, similarity: minilm-bertscore}
            models:
              - {name: a, zoo: plain-a, threads: 2, rpc: [], context: 256}
              - {name: b, zoo: swap-b, threads: 2, rpc: [], context: 256}
            budgets: {cot: 40, answer: 8, inserted: 40}
            cache: /home/u/.cache/xcot
            """;

    @TempDir
    Path dir;

    @Test
    void machineKeysMayDifferAndTheFirstRealDifferenceIsNamed() {
        assertEquals(Optional.empty(), FolderGuard.difference(CONFIG, CONFIG.replace("threads: 2", "threads: 16")
                .replace("cache: /home/u/.cache/xcot", "cache: /elsewhere")));
        assertEquals(Optional.of("budgets.cot: 40 there, 64 now"),
                FolderGuard.difference(CONFIG, CONFIG.replace("cot: 40", "cot: 64")));
        assertEquals(Optional.of("models[1].context: 256 there, 512 now"), FolderGuard.difference(CONFIG,
                CONFIG.replace("swap-b, threads: 2, rpc: [], context: 256", "swap-b, threads: 2, rpc: [], context: 512")));
        assertEquals(Optional.of("conditions: not set there, [empty] now"),
                FolderGuard.difference(CONFIG, CONFIG + "conditions: [empty]\n"));
    }

    @Test
    void anotherConfigIsRefusedAndForceRemovesEveryOutputButNothingElse() throws Exception {
        assertEquals(FolderGuard.Outcome.NEW, FolderGuard.prepare(dir, CONFIG, false));
        Files.writeString(dir.resolve(RunFiles.CONFIG), CONFIG);
        for (String name : List.of(RunFiles.ANSWERS, RunFiles.TRACES, RunFiles.RUN_JSON, RunFiles.SUMMARY,
                RunFiles.LOG, RunFiles.CACHE_KEYS)) {
            Files.writeString(dir.resolve(name), "old");
        }
        Files.createDirectories(dir.resolve(RunFiles.GENEX_DIR)).resolve("x.jsonl").toFile().createNewFile();
        Files.writeString(dir.resolve("notes.md"), "the user's own file");
        assertEquals(FolderGuard.Outcome.SAME_CONFIG, FolderGuard.prepare(dir, CONFIG, false));

        String other = CONFIG.replace("cot: 40", "cot: 48");
        RunFolderException e = assertThrows(RunFolderException.class, () -> FolderGuard.prepare(dir, other, false));
        assertEquals(dir + ": holds a run of another config (budgets.cot: 40 there, 48 now); give another --out, or "
                + "--force to replace that run's outputs", e.getMessage());
        assertEquals(Stream.of(".", RunFiles.ANSWERS, RunFiles.CACHE_KEYS, RunFiles.CONFIG, RunFiles.TRACES,
                RunFiles.GENEX_DIR, "genex-medcalc/x.jsonl", "notes.md", RunFiles.LOG, RunFiles.RUN_JSON,
                RunFiles.SUMMARY).sorted().toList(), listing(dir), "refused: nothing touched");

        assertEquals(FolderGuard.Outcome.REPLACED, FolderGuard.prepare(dir, other, true));
        assertEquals(List.of(".", "notes.md"), listing(dir));
    }

    @Test
    void aFolderWithOutputsButNoConfigIsAnOlderRun() throws Exception {
        Files.writeString(dir.resolve(RunFiles.ANSWERS), "{}\n");
        Files.writeString(dir.resolve(RunFiles.LEGACY_STORE), "");
        RunFolderException e = assertThrows(RunFolderException.class, () -> FolderGuard.prepare(dir, CONFIG, false));
        assertTrue(e.getMessage().contains("it has no config.yaml: a run of an older xcot"), e.getMessage());
        assertEquals(FolderGuard.Outcome.REPLACED, FolderGuard.prepare(dir, CONFIG, true));
        assertEquals(List.of("."), listing(dir));
    }

    static List<String> listing(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).map(s -> s.isEmpty() ? "." : s).sorted().toList();
        }
    }
}
