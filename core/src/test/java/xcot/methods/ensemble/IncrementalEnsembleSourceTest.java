package xcot.methods.ensemble;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.llm.ContextOptions;
import xcot.methods.EnsembleCapacity;
import xcot.methods.EnsembleCot;
import xcot.methods.EnsembleCotSource;
import xcot.methods.EnsembleItem;
import xcot.methods.EnsembleParticipant;
import xcot.methods.EnsembleSetup;
import xcot.profiles.ModelFamily;
import xcot.profiles.ModelProfile;
import xcot.reference.Quirk;
import xcot.reference.Quirks;
import xcot.runs.RunOptions;
import xcot.runs.RunResult;
import xcot.runs.RunTesting;
import xcot.runs.Runner;
import xcot.runs.export.RunFiles;
import xcot.tasks.BenchmarkKind;

/** The engine behind {@code xcot run}'s Ensemble condition: registration, flags, and a whole run. */
class IncrementalEnsembleSourceTest {
    @TempDir
    Path dir;

    @Test
    void theRunnerUsesThisEngineByDefault() {
        RunOptions defaults = RunOptions.defaults(new PrintWriter(new StringWriter()), false);
        assertTrue(defaults.ensemble() instanceof IncrementalEnsembleSource, defaults.ensemble().toString());
    }

    @Test
    void flagsChooseTheQuirks() {
        Quirks fixed = Quirks.fixed();
        Quirks reference = Quirks.referenceCompat();
        EnsembleOptions f = IncrementalEnsembleSource.options(fixed, "</think>");
        EnsembleOptions r = IncrementalEnsembleSource.options(reference, "</think>");
        assertEquals(ScoredText.APPENDED, f.scoredText());
        assertEquals(ScoredText.REFERENCE_WITHOUT_SPACE, r.scoredText());
        assertEquals(SentenceRule.REFERENCE_HEURISTIC, f.sentenceRule(), "Q19 is on in both modes");
        assertEquals(SentenceRule.REFERENCE_HEURISTIC, r.sentenceRule());
        assertEquals(SentenceRule.ABBREVIATION_LIST, IncrementalEnsembleSource.options(
                fixed.with(Quirk.SENTENCE_HEURISTIC, false), "</think>").sentenceRule());
        assertEquals(ScoreSpan.FULL_SEQUENCE, r.scoreSpan(), "Q11 is the paper's method");

        assertEquals(LengthCap.medCalc(), IncrementalEnsembleSource.lengthCap(BenchmarkKind.MEDCALC, fixed, 4096));
        assertTrue(IncrementalEnsembleSource.lengthCap(BenchmarkKind.MEDCALC, reference, 4096).isNone(), "Q14");
        assertEquals(LengthCap.induction(), IncrementalEnsembleSource.lengthCap(BenchmarkKind.INDUCTION, fixed, 2018));
        assertEquals(new LengthCap(2018, LengthCap.Counting.LAST_EVALUATOR_CHUNKS),
                IncrementalEnsembleSource.lengthCap(BenchmarkKind.INDUCTION, reference, 2018), "Q18");
    }

    @Test
    void groupsComeBackInItemOrderAndDoNotDependOnEarlierGroups() {
        try (TinyEnsemble tiny = new TinyEnsemble()) {
            ModelProfile qwq = ModelProfile.of(ModelFamily.QWQ, Optional.empty());
            List<EnsembleParticipant> p = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                p.add(new EnsembleParticipant("m" + i, tiny.models.get(i), qwq, 1024, 1));
            }
            EnsembleSetup setup = new EnsembleSetup(p.subList(0, 2), p.subList(2, 3), BenchmarkKind.MEDCALC,
                    Quirks.fixed(), new EnsembleCapacity(3, ContextOptions.CacheType.F16, false));
            List<EnsembleItem> items = new ArrayList<>();
            for (String patient : List.of("64 year old man", "71 year old woman", "58 year old man")) {
                String context = TinyEnsemble.PROMPT.replace("64 year old man", patient);
                items.add(new EnsembleItem(patient, Map.of("m0", context, "m1", context, "m2", context), 42, 24));
            }
            try (EnsembleCotSource.EnsembleRun run = new IncrementalEnsembleSource().start(setup)) {
                List<EnsembleCot> first = run.cots(items);
                run.cots(List.of(items.get(2), items.get(0)));
                List<EnsembleCot> again = run.cots(items);
                for (int i = 0; i < items.size(); i++) {
                    assertEquals(first.get(i).firstGeneratorContext(), again.get(i).firstGeneratorContext());
                    assertEquals(first.get(i).chunksPerGenerator(), again.get(i).chunksPerGenerator());
                    assertTrue(first.get(i).firstGeneratorContext().contains(items.get(i).itemId()));
                    assertEquals(first.get(i).chunks(), first.get(i).trace().iterations().stream()
                            .map(t -> " " + t.chosen()).collect(java.util.stream.Collectors.joining()));
                    assertEquals("</think>", first.get(i).closeMarker());
                }
                assertThrows(IllegalArgumentException.class, () -> run.cots(List.of(items.get(0), items.get(1),
                        items.get(2), items.get(0))));
            }
        }
    }

    @Test
    void modelsRunAtOnceOnlyWhenTheirThreadsFitTheCores() {
        assertTrue(IncrementalEnsembleSource.modelsInParallel(List.of(1, 1), 2));
        assertFalse(IncrementalEnsembleSource.modelsInParallel(List.of(2, 2), 2), "they would share the cores");
        assertFalse(IncrementalEnsembleSource.modelsInParallel(List.of(1), 16), "one model has no one to wait for");
    }

    @Test
    void medcalcRunWritesEnsembleCotsTracesAndInsertsThemWithAndWithoutAnswer() throws Exception {
        String yaml = """
                benchmark: {name: medcalc, limit: 2}
                models:
                  - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1, grammar: demo-medcalc-json}
                  - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1, grammar: demo-medcalc-json}
                  - {name: tiny-c, fixture: {seed: 3}, context: 2048, threads: 1, grammar: demo-medcalc-json}
                conditions: [ensemble]
                ensemble: [{generators: [tiny-a, tiny-b], evaluators: [tiny-c]}]
                budgets: {cot: 40, answer: 12, inserted: 16}
                """;
        StringWriter err = new StringWriter();
        RunOptions options = RunTesting.options(err, dir.resolve("cache"));
        RunResult r = Runner.run(RunTesting.config(yaml, dir), dir.resolve("run"), options);

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : Files.readAllLines(r.runDir().resolve(RunFiles.TRACES))) {
            JsonNode n = json.readTree(line);
            assertEquals("tiny-a+tiny-b / tiny-c", n.get("combination").textValue());
            events.add(n.get("event"));
        }
        List<JsonNode> items = events.stream().filter(e -> e.get("type").textValue().equals("item")).toList();
        assertEquals(2, items.size());
        for (JsonNode item : items) {
            // Random weights never write </think>: every item runs to its cap of prompt + 40 tokens (3 to 4 chunks).
            assertEquals("LENGTH_CAP", item.get("stopReason").textValue(), item.toString());
            int iterations = item.get("iterations").intValue();
            assertTrue(iterations >= 2 && iterations <= 40, item.toString());
            assertEquals(iterations, item.get("chunks").get("tiny-a").intValue() + item.get("chunks").get("tiny-b")
                    .intValue());
        }
        JsonNode first = events.getFirst();
        assertEquals("iteration", first.get("type").textValue());
        assertEquals(6, first.get("candidates").size(), "two generators x 3 samples");
        assertTrue(first.get("candidates").get(0).get("perplexities").has("tiny-c"));

        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(r.answers())) {
            records.add(json.readTree(line));
        }
        List<JsonNode> ensemble = records.stream().filter(n -> n.get("condition").textValue().equals("ensemble"))
                .toList();
        assertEquals(3 * 2, ensemble.size(), "every target, every item");
        assertEquals(3 * 2, records.stream()
                .filter(n -> n.get("condition").textValue().equals("ensemble-without-answer")).count());
        for (JsonNode n : ensemble) {
            assertFalse(n.get("insertedCot").textValue().isBlank(), n.toString());
        }
        assertFalse(r.settings().isEmpty());
        assertTrue(err.toString().contains("ensemble"), err.toString());
    }

    @Test
    void inductionRunUnderReferenceFlagsCountsChunksWithTheEvaluatorsTokenizer() throws Exception {
        String yaml = """
                benchmark: {name: induction, limit: 1}
                models:
                  - {name: tiny-a, fixture: {seed: 1}, context: 2048, threads: 1}
                  - {name: tiny-b, fixture: {seed: 2}, context: 2048, threads: 1}
                conditions: [ensemble]
                without-answer: false
                ensemble: [{generators: [tiny-a], evaluators: [tiny-b]}]
                flags: {reference-compat: true}
                budgets: {cot: 20}
                """;
        RunOptions options = RunTesting.options(new StringWriter(), dir.resolve("cache"));
        RunResult r = Runner.run(RunTesting.config(yaml, dir), dir.resolve("run"), options);
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> items = new ArrayList<>();
        for (String line : Files.readAllLines(r.runDir().resolve(RunFiles.TRACES))) {
            JsonNode event = json.readTree(line).get("event");
            if (event.get("type").textValue().equals("item")) {
                items.add(event);
            }
        }
        assertEquals(1, items.size());
        // Q18: the cap counts the chosen chunks (stripped) with the evaluator's tokenizer from the prompt length.
        assertEquals("LENGTH_CAP", items.getFirst().get("stopReason").textValue(), items.toString());
        assertEquals(2, Files.readAllLines(r.answers()).size(), "both targets answer with the ensemble CoT");
    }
}
