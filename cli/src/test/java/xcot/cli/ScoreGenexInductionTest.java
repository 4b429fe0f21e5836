package xcot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xcot.formats.GenexInductionFixtures;

/** {@code xcot score --format genex-induction} on the published Instruction Induction settings. */
class ScoreGenexInductionTest {
    static List<String> settings() {
        return GenexInductionFixtures.SETTINGS;
    }

    private static ScoreCommandTest.Run score(String setting, String... options) {
        List<String> args = new ArrayList<>(List.of("score", "--format", "genex-induction", "--bootstrap", "200"));
        args.addAll(List.of(options));
        GenexInductionFixtures.setting(setting).directories().forEach(p -> args.add(p.toString()));
        return ScoreCommandTest.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @MethodSource("settings")
    void storedSimilaritiesReproduceThePublishedNumbersToThreeDecimals(String setting) throws IOException {
        ScoreCommandTest.Run run = score(setting, "--similarity", "stored", "--faithful", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        JsonNode json = run.json();
        GenexInductionFixtures.Golden golden = GenexInductionFixtures.GOLDEN.get(setting);
        assertEquals("faithful", json.get("mode").asText());
        assertEquals("stored", json.get("similarity").asText());
        assertEquals(5, json.get("models").size());
        assertEquals(100, json.get("items").asInt());
        assertEquals(10, json.get("pairs").size());
        json.get("pairs").forEach(p -> assertEquals(100, p.get("counted").asInt()));
        assertEquals(golden.consistency(), round3(json.at("/consistency/mean").asDouble()), setting);
        assertEquals(golden.accuracy(), round3(json.at("/accuracy/mean").asDouble()), setting);
    }

    @ParameterizedTest
    @MethodSource("settings")
    void theFigureQuirkGivesThePlottedConsistency(String setting) throws IOException {
        ScoreCommandTest.Run run = score(setting, "--faithful", "--json", "--quirk", "ref.ii-plot-21-tasks");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = run.json();
        GenexInductionFixtures.Golden golden = GenexInductionFixtures.GOLDEN.get(setting);
        assertEquals(golden.consistencyPlotted(), round3(json.at("/consistency/mean").asDouble()), setting);
        assertEquals(golden.accuracy(), round3(json.at("/accuracy/mean").asDouble()), setting);
        assertTrue(json.get("modeDescription").asText().endsWith(", as plotted (ref.ii-plot-21-tasks)"),
                json.get("modeDescription").asText());
    }

    @Test
    void storedScoresOfOtherTextNeedFaithful() {
        ScoreCommandTest.Run run = score("default_without_answer");
        assertEquals(1, run.exitCode());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("xcot: 100 stored similarities do not apply (first: the stored accuracy of "
                + "open-thoughts/OpenThinker-7B on cause_and_effect/4 scored other text"), run.err());
        ScoreCommandTest.Run fixed = score("default");
        assertEquals(0, fixed.exitCode(), fixed.err());
        assertTrue(fixed.out().startsWith("mode: fixed (default)\ninput: genex-induction, 6 path(s), 5 models, "
                + "100 items\nsimilarity: stored\n"), fixed.out());
        assertTrue(fixed.out().contains("consistency         0.588 ± 0.032"), fixed.out());
    }

    @Test
    void aComputedSimilarityScoresTheSameAnswers() throws IOException {
        ScoreCommandTest.Run run = score("transfer_qwq", "--similarity", "token-f1", "--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("token-f1", run.json().get("similarity").asText());
        double consistency = run.json().at("/consistency/mean").asDouble();
        assertTrue(consistency > 0 && consistency < 1, "" + consistency);
        assertNotEquals(0.609, round3(consistency));
    }

    @Test
    void optionsThatDoNotApplyAreRefused() {
        ScoreCommandTest.Run unknown = score("empty", "--similarity", "deberta");
        assertEquals(1, unknown.exitCode());
        assertEquals("xcot: unknown similarity 'deberta' (expected stored, minilm-bertscore, token-f1)\n", unknown.err());
        ScoreCommandTest.Run generation = score("empty", "--quirk", "ref.double-think-tag");
        assertEquals("xcot: ref.double-think-tag changes what is generated, not how answers are scored\n",
                generation.err());
        ScoreCommandTest.Run medcalc = ScoreCommandTest.run("score", "--similarity", "stored", "x.jsonl");
        assertEquals("xcot: --similarity applies to --format genex-induction\n", medcalc.err());
        ScoreCommandTest.Run file = ScoreCommandTest.run("score", "--format", "genex-induction",
                Path.of("no-such-dir").toString());
        assertEquals("xcot: no-such-dir: not a directory (the genex-induction format reads prediction and "
                + "comparison directories)\n", file.err());
    }

    private static double round3(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
