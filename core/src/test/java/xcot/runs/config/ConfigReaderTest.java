package xcot.runs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.methods.Condition;
import xcot.profiles.ModelFamily;
import xcot.reference.Quirk;
import xcot.tasks.catalog.BenchmarkCatalog;

/** Config validation: every problem is one error naming the file and line, found before anything runs. */
class ConfigReaderTest {
    @TempDir
    Path dir;

    @BeforeEach
    void modelFile() throws IOException {
        Files.writeString(dir.resolve("m.gguf"), "not read by the config reader");
    }

    RunConfig parse(String yaml) {
        return ConfigReader.parse(yaml, "run.yaml", dir, "run");
    }

    String error(String yaml) {
        return assertThrows(ConfigException.class, () -> parse(yaml)).getMessage();
    }

    @Test
    void minimalConfigGetsTheDefaults() {
        RunConfig c = parse("""
                benchmark: medcalc
                models:
                  - {name: a, path: m.gguf}
                  - {name: b, fixture: {seed: 3}, profile: dapo, context: 8192}
                """);
        assertEquals("run", c.name());
        assertEquals(BenchmarkCatalog.MEDCALC, c.benchmark());
        assertEquals("paper", c.selection().subset());
        assertEquals(List.of(Condition.EMPTY, Condition.DEFAULT, Condition.SAMPLED, Condition.TRANSFER), c.conditions());
        assertTrue(c.withoutAnswer());
        assertEquals(List.of(42L), c.seeds());
        assertEquals(dir.resolve("m.gguf"), ((ModelSource.File) c.models().get(0).source()).path());
        assertEquals(new ModelSource.RandomFixture(3, 2, 8192), c.models().get(1).source());
        assertEquals(ModelFamily.DAPO, c.models().get(1).profile().orElseThrow());
        assertEquals(AnswerRemovalConfig.Method.RULES, c.answerRemoval().method());
        assertFalse(c.flags().has(Quirk.DOUBLE_THINK_TAG));
    }

    @Test
    void fullConfig() {
        RunConfig c = parse("""
                name: paper-medcalc
                benchmark: {name: medcalc, subset: paper, items: ["353", "561"], limit: 1}
                models:
                  - name: Qwen/QwQ-32B
                    path: m.gguf
                    gpu-layers: 0
                    threads: 2
                    sampling: {temperature: 0.7, top-k: 40, top-p: 0.95}
                    reasoning-effort: medium
                conditions: [empty, transfer, ensemble]
                without-answer: false
                seeds: [1, 2]
                budgets: {cot: 100}
                flags: {reference-compat: true, ref.double-bos: false}
                harmony-date: 2025-08-05
                answer-removal: {method: model, model: {name: filter, path: m.gguf}, max-tokens: 512}
                ensemble: [{generators: [Qwen/QwQ-32B], evaluators: [Qwen/QwQ-32B]}]
                """);
        assertEquals("paper-medcalc", c.name());
        assertEquals(List.of("353", "561"), c.selection().ids().orElseThrow());
        assertEquals(1, c.selection().limit().getAsInt());
        assertEquals(0.95f, c.models().get(0).topP().orElseThrow());
        assertEquals(List.of(1L, 2L), c.seeds());
        assertEquals(100, c.budgets().cotTokens().orElseThrow());
        assertTrue(c.flags().has(Quirk.DOUBLE_THINK_TAG));
        assertFalse(c.flags().has(Quirk.DOUBLE_BOS));
        assertEquals("2025-08-05", c.harmonyDate().orElseThrow().toString());
        assertEquals(512, c.answerRemoval().maxTokens());
        assertEquals(60, c.answerRemoval().timeoutSeconds(), "the default");
        assertEquals("Qwen/QwQ-32B / Qwen/QwQ-32B", c.ensembles().get(0).label());
    }

    @Test
    void unknownTopLevelKeyNamesFileLineAndKey() {
        String e = error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\nseed: 42\n");
        assertTrue(e.startsWith("run.yaml:3: unknown key 'seed' (known: "), e);
    }

    @Test
    void unknownNestedKeyNamesItsPath() {
        String e = error("""
                benchmark: medcalc
                models:
                  - name: a
                    path: m.gguf
                  - name: b
                    pathh: m.gguf
                """);
        assertTrue(e.startsWith("run.yaml:6: unknown key 'models[1].pathh'"), e);
    }

    @Test
    void missingModelFileIsNamed() {
        String e = error("benchmark: medcalc\nmodels:\n  - {name: a, path: nowhere/qwq.gguf}\n");
        assertTrue(e.startsWith("run.yaml:3: 'models[0].path' names a model file that does not exist: "), e);
        assertTrue(e.endsWith(dir.resolve("nowhere/qwq.gguf").toString()), e);
    }

    @Test
    void aDirectoryGivenAsAModelIsCalledOne() {
        String e = error("benchmark: medcalc\nmodels:\n  - {name: a, path: .}\n");
        assertEquals("run.yaml:3: 'models[0].path' names " + dir + ", which is a directory, not a GGUF file", e);
    }

    @Test
    void unknownFlagConditionProfileAndGrammarAreNamed() {
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\nflags: {ref.double-think: true}\n")
                .startsWith("run.yaml:3: unknown key 'flags.ref.double-think'"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\nconditions: [empty, greedy]\n")
                .contains("unknown condition 'greedy'"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf, profile: llama}]\n")
                .contains("'models[0].profile' is 'llama'; known: auto, qwq, dapo"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf, grammar: json}]\n")
                .contains("built-in grammars:"));
    }

    @Test
    void wrongTypesDuplicatesAndSyntaxErrorsHaveLines() {
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf, context: big}]\n")
                .startsWith("run.yaml:2: 'models[0].context' must be an integer, not 'big'"));
        assertTrue(error("benchmark: medcalc\nbenchmark: induction\nmodels: [{name: a, path: m.gguf}]\n")
                .startsWith("run.yaml:2: key 'benchmark' appears twice (first on line 1)"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}\n").startsWith("run.yaml:"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}, {name: a, path: m.gguf}]\n")
                .contains("model name 'a' is used twice"));
        assertTrue(error("benchmark: gsm8k\nmodels: [{name: a, path: m.gguf}]\n")
                .contains("must be medcalc, induction or toy"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf, fixture: {seed: 1}}]\n")
                .contains("exactly one of 'path'"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\nseeds: [-1]\n")
                .contains("'seeds' must be in [0, 4294967295]"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\n"
                + "answer-removal: {method: http, timeout-seconds: 0}\n")
                .contains("'answer-removal.timeout-seconds' must be in [1, 3600], not 0"));
    }

    @Test
    void ensembleNeedsKnownModels() {
        assertTrue(error("""
                benchmark: medcalc
                models: [{name: a, path: m.gguf}]
                conditions: [ensemble]
                ensemble: [{generators: [a, b], evaluators: [a]}]
                """).contains("names model 'b', which is not in 'models'"));
        assertTrue(error("benchmark: medcalc\nmodels: [{name: a, path: m.gguf}]\nconditions: [ensemble]\n")
                .contains("no 'ensemble' combinations"));
    }

    @Test
    void zooModelsAndTheSecondSummaryAreChecked() {
        RunConfig c = ConfigReader.parse("benchmark: toy\nmodels: [{name: a, zoo: plain-a}, {name: b, zoo: weak-e}]\n"
                + "summary-without: []\n", "run.yaml", dir, "run");
        assertEquals(new ModelSource.Zoo("plain-a"), c.models().get(0).source());
        assertEquals("held-out", c.selection().subset(), "the toy task's default subset: the problems no model saw");
        assertEquals("run.yaml:2: 'models[0].zoo' is 'plain-z'; the committed zoo has plain-a, swap-b, words-c, "
                + "mix-d, weak-e", error("benchmark: toy\nmodels: [{name: a, zoo: plain-z}]\n"));
        assertTrue(error("benchmark: toy\nmodels: [{name: a, zoo: plain-a, path: m.gguf}]\n")
                .contains("exactly one of 'path' (a GGUF file), 'fixture' (random weights) and 'zoo'"));
        assertTrue(error("benchmark: toy\nmodels: [{name: a, zoo: plain-a}, {name: b, zoo: swap-b}]\n"
                + "summary-without: [c]\n").contains("'summary-without' names model 'c', which is not in 'models'"));
        assertTrue(error("benchmark: toy\nmodels: [{name: a, zoo: plain-a}, {name: b, zoo: swap-b}]\n"
                + "summary-without: [a]\n").contains("must leave at least two models to compare"));
    }
}
