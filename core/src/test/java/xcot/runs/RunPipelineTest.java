package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.formats.GenexMedCalcFiles;
import xcot.formats.XcotJsonl;
import xcot.metrics.ScoredAnswer;
import xcot.reports.SummaryTable;
import xcot.runs.config.ConfigException;
import xcot.runs.export.RunFiles;
import xcot.runs.export.SettingSummary;
import xcot.runs.results.AttemptRecord;
import xcot.runs.store.RunStore;
import xcot.runs.store.SqliteStore;
import xcot.tasks.toy.Corruption;
import xcot.tasks.toy.CotStyle;
import xcot.tasks.toy.ToyProblem;

/** Whole runs on seeded random-weight models: every phase, the store, the exports, the toy task's corruptions. */
class RunPipelineTest {
    @TempDir
    Path dir;

    final StringWriter err = new StringWriter();

    RunResult run(String yaml, RunOptions options) {
        return Runner.run(RunTesting.config(yaml, dir), dir.resolve("run"), options);
    }

    List<JsonNode> lines(Path file) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            out.add(new ObjectMapper().readTree(line));
        }
        return out;
    }

    @Test
    void medcalcRunsEveryConditionThenRerunsFromTheStore() throws Exception {
        String yaml = "benchmark: {name: medcalc, limit: 2}\n" + RunTesting.TWO_MODELS
                + "conditions: [empty, default, sampled, transfer]\nbudgets: {cot: 64, answer: 12, inserted: 16}\n";
        RunResult first = run(yaml, RunTesting.options(err, dir.resolve("cache")));
        // 2 models x 2 items x (empty, default, sampled), then 2 targets x 2 items x (2 sources x full and without
        // answer, default without answer, sampled without answer)
        int records = 2 * 2 * 3 + 2 * 2 * (2 * 2 + 1 + 1);
        String answers = Files.readString(first.answers());
        assertEquals(records, answers.lines().count());
        assertTrue(first.computedUnits() > records, "sanitized CoTs are units too: " + first);
        // empty, default, sampled, transfer from each, and the without-answer variants of the last three
        assertEquals(9, first.settings().size(), first.settings().stream().map(SettingSummary::label).toList()
                .toString());
        assertTrue(first.settings().stream().allMatch(s -> s.report().consistency().rows() == 1),
                "every setting has its one pair scored: both models answered at least one item");
        JsonNode transfer = lines(first.answers()).stream()
                .filter(n -> n.get("condition").textValue().equals("transfer-full")).findFirst().orElseThrow();
        assertEquals("tiny-a", transfer.get("source").textValue());
        assertFalse(transfer.get("insertedCot").isNull());

        RunResult second = run(yaml, RunTesting.options(err, dir.resolve("cache")));
        assertEquals(0, second.computedUnits(), err.toString());
        assertEquals(answers, Files.readString(second.answers()));
        assertEquals(first.settings().toString(), second.settings().toString());

        // The reference-format export reads back as the same answers.
        Path original = first.genexFiles().stream().filter(p -> p.getFileName().toString()
                .equals("tiny-b_zero_shot_original.jsonl")).findFirst().orElseThrow();
        var genex = GenexMedCalcFiles.readScored(original);
        assertTrue(genex.problems().isEmpty(), genex.problems().toString());
        List<ScoredAnswer> own = XcotJsonl.read(first.answers()).values().stream()
                .filter(a -> a.condition().equals("default") && a.model().equals("tiny-b")).toList();
        assertEquals(own.stream().map(a -> a.answer() + a.outcome().isCorrect()).toList(),
                genex.values().stream().map(a -> a.answer() + a.outcome().isCorrect()).toList());
        var transferFile = GenexMedCalcFiles.readScored(first.runDir().resolve(RunFiles.GENEX_DIR)
                .resolve("tiny-a_thoughts_to_tiny-b_zero_shot_full.jsonl"));
        assertEquals(Optional.of("tiny-a"), transferFile.values().get(0).sourceModel());
    }

    @Test
    void contextTooSmallForThePromptIsOneErrorBeforeAnyGeneration() {
        String yaml = "benchmark: {name: medcalc, items: [\"32\"]}\nmodels:\n"
                + "  - {name: tiny-a, fixture: {seed: 1, context-length: 2048}, context: 512, threads: 1}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> run(yaml, RunTesting.options(err, dir.resolve("cache"))));
        assertTrue(e.getMessage().matches("test\\.yaml:3: model 'tiny-a': context 512 is too small: the longest "
                + "medcalc prompt \\(item 32\\) is \\d+ tokens, plus 100 answer tokens; raise 'context' to at least \\d+"),
                e.getMessage());
        try (RunStore store = SqliteStore.open(dir.resolve("cache"))) {
            assertEquals(0, store.count("generations"));
        }
    }

    @Test
    void inductionForcesTheInstructionAfterEveryCot() throws Exception {
        String yaml = """
                benchmark: {name: induction, limit: 1}
                models:
                  - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1}
                  - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1}
                conditions: [empty, default, transfer]
                without-answer: false
                budgets: {cot: 8}
                """;
        RunResult r = run(yaml, RunTesting.options(err, dir.resolve("cache")));
        try (RunStore store = SqliteStore.open(dir.resolve("cache"))) {
            assertTrue(store.count("attempts") == 2 * (1 + 1) + 2 * 2, "attempts: " + store.count("attempts"));
        }
        for (JsonNode n : lines(r.answers())) {
            assertTrue(n.has("score"), "induction answers are graded: " + n);
            assertTrue(n.get("generatedTokens").intValue() <= 8 + 30, n.toString());
        }
        assertEquals(List.of("empty", "default", "transfer-full <- tiny-a", "transfer-full <- tiny-b"),
                r.settings().stream().map(SettingSummary::label).toList());
    }

    @Test
    void toyCorruptionsFromEverySourceAndAnEnsembleStoredForReruns() throws Exception {
        StandInEnsemble engine = new StandInEnsemble();
        String yaml = """
                benchmark: {name: toy, limit: 2}
                models:
                  - {name: toy-a, fixture: {seed: 1}, context: 2048, threads: 1, profile: toy, grammar: demo-toy}
                  - {name: toy-b, fixture: {seed: 2}, context: 2048, threads: 1, profile: toy, grammar: demo-toy}
                conditions: [default, transfer, ensemble, corrupted]
                ensemble: [{generators: [toy-a], evaluators: [toy-b]}]
                """;
        RunOptions options = RunTesting.options(err, dir.resolve("cache")).withEnsemble(engine);
        RunResult r = run(yaml, options);
        assertEquals(List.of("toy-a / toy-b"), engine.startedCombinations);
        List<JsonNode> records = lines(r.answers());
        JsonNode own = records.stream().filter(n -> n.get("condition").textValue().equals("default")).findFirst()
                .orElseThrow();
        assertTrue(own.get("output").textValue().startsWith("<think> "), own.toString());
        assertFalse(own.get("thinking").textValue().isEmpty(), own.toString());

        // Each corruption from each source into each target: 3 x 2 x 2 per item, one setting per source.
        for (Corruption kind : Corruption.values()) {
            List<JsonNode> rows = records.stream().filter(n -> n.get("condition").textValue().equals(kind.id()))
                    .toList();
            assertEquals(2 * 2 * 2, rows.size(), kind.id());
            for (JsonNode n : rows) {
                ToyProblem p = ToyProblem.parseId(n.get("item").textValue());
                // The random models' chains are in the plain/swap pattern; either way the chain is the kind's.
                List<String> expected = List.of(kind.apply(p, CotStyle.PLAIN).cot(), kind.apply(p, CotStyle.SWAP).cot());
                assertTrue(expected.contains(n.get("insertedCot").textValue()), n.toString());
                if (kind.leavesThinkingOpen()) {
                    assertTrue(n.get("thinking").textValue().startsWith(n.get("insertedCot").textValue()),
                            "an open chain's thinking is the inserted start and what the target wrote: " + n);
                }
            }
            for (String source : List.of("toy-a", "toy-b")) {
                assertTrue(r.settings().stream().anyMatch(s -> s.label().equals(kind.id() + " <- " + source)),
                        r.settings().stream().map(SettingSummary::label).toList().toString());
            }
        }
        assertEquals(2 * 2, records.stream().filter(n -> n.get("condition").textValue().equals("ensemble")).count());
        assertEquals(2 * 2, records.stream()
                .filter(n -> n.get("condition").textValue().equals("ensemble-without-answer")).count());
        assertTrue(Files.readString(r.runDir().resolve(RunFiles.TRACES)).contains("\"combination\":\"toy-a / toy-b\""));
        assertTrue(r.genexFiles().isEmpty());

        engine.startedCombinations.clear();
        run(yaml, options);
        assertEquals(List.of(), engine.startedCombinations, "a rerun finds every ensemble CoT in the store");
    }

    @Test
    void referenceCompatRunsPassTwoAlwaysAndALocalFilterModelSanitizes() throws Exception {
        String yaml = "benchmark: {name: medcalc, limit: 1}\n" + RunTesting.TWO_MODELS + """
                conditions: [default]
                flags: {reference-compat: true}
                budgets: {cot: 64, answer: 12, inserted: 16}
                answer-removal:
                  method: model
                  model: {name: filter, fixture: {seed: 3}, context: 2048, threads: 1}
                  max-tokens: 8
                """;
        RunResult r = run(yaml, RunTesting.options(err, dir.resolve("cache")));
        try (RunStore store = SqliteStore.open(dir.resolve("cache"))) {
            assertEquals(2, store.count("sanitized"));
        }
        try (RunStore store = SqliteStore.open(dir.resolve("cache"))) {
            List<AttemptRecord> own = store.attemptRecords().stream().map(AttemptRecord::fromJson)
                    .filter(a -> a.answer().condition().equals("default")).toList();
            assertEquals(2, own.size());
            assertTrue(own.stream().allMatch(a -> a.attempt().passes().size() == 2), "Q6: pass 2 always runs");
        }
        assertTrue(r.settings().stream()
                .allMatch(s -> SummaryTable.scoreArguments(r, s, List.of()).contains("--faithful")));
    }

    @Test
    void twoModelsOfOneFileKeepTheirOwnRecords() throws Exception {
        String yaml = """
                benchmark: {name: toy, limit: 2}
                models:
                  - {name: first, zoo: plain-a, context: 256, threads: 1}
                  - {name: second, zoo: plain-a, context: 256, threads: 1}
                conditions: [default]
                without-answer: false
                """;
        RunResult r = run(yaml, RunTesting.options(err, dir.resolve("cache")));
        List<ScoredAnswer> answers = XcotJsonl.read(r.answers()).values();
        assertEquals(List.of("first", "first", "second", "second"), answers.stream().map(ScoredAnswer::model).toList());
    }
}
