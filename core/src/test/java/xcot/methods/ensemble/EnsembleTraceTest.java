package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xcot.formats.EnsembleTraceJsonl;
import xcot.llm.ModelFailureException;

class EnsembleTraceTest {
    private static final EnsembleOptions OPTIONS = EnsembleOptions.defaults().withLengthCap(LengthCap.none());

    private static EnsembleResult run(int iterations, boolean failSecondEvaluator) {
        ScriptedModel g0 = ScriptedModel.generator("QwQ", c -> List.of("Aaa.", "Bb.", "C."));
        ScriptedModel g1 = ScriptedModel.generator("DAPO", c -> List.of("D.", "Aaa.", "Eeeeee."));
        ScriptedModel e0 = ScriptedModel.evaluator("OSS", s -> s.length() / 10.0);
        ScriptedModel e1 = ScriptedModel.evaluator("Other", s -> 0.5);
        if (failSecondEvaluator) {
            e1.failure = new ModelFailureException("simulated");
        }
        return new EnsembleEngine(OPTIONS.withMaxIterations(iterations)).run(
                List.of(new EnsembleEngine.Participant(g0, "q"), new EnsembleEngine.Participant(g1, "d")),
                List.of(new EnsembleEngine.Participant(e0, "o"), new EnsembleEngine.Participant(e1, "x")));
    }

    @Test
    void iterationAndItemLinesCarryCandidatesScoresAndShares() throws Exception {
        EnsembleResult result = run(2, true);
        StringWriter out = new StringWriter();
        EnsembleTraceJsonl.write(out, "row-353", result.trace());
        List<String> lines = out.toString().lines().toList();
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("iteration", first.get("type").asText());
        assertEquals("row-353", first.get("item").asText());
        assertEquals(0, first.get("iteration").asInt());
        assertEquals("C.", first.get("chosen").asText());
        assertEquals("QwQ", first.get("chosenGenerator").asText());
        assertEquals(6, first.get("candidates").size());
        JsonNode dapoAaa = first.get("candidates").get(4);
        assertEquals("Aaa.", dapoAaa.get("text").asText());
        assertEquals("DAPO", dapoAaa.get("generator").asText());
        assertEquals(1, dapoAaa.get("sample").asInt());
        assertEquals(Math.exp(" Aaa.".length() / 10.0 + 0.1), dapoAaa.get("perplexities").get("OSS").asDouble(), 1e-12);
        assertTrue(dapoAaa.get("perplexities").get("Other").isNull(), "a failed evaluator is null");
        assertEquals(List.of("Other"), List.of(first.get("failedEvaluators").get(0).asText()));
        JsonNode item = json.readTree(lines.get(2));
        assertEquals("item", item.get("type").asText());
        assertEquals(2, item.get("iterations").asInt());
        assertEquals("ITERATION_LIMIT", item.get("stopReason").asText());
        assertEquals(2, item.get("chunks").get("QwQ").asInt());
        assertEquals(0.0, item.get("shares").get("DAPO").asDouble());
        assertEquals(" C. C.".length(), item.get("ensembleChars").asInt());
    }

    @Test
    void summaryAddsChunksOverItems() {
        EnsembleSummary s = EnsembleSummary.of(List.of(run(2, false), run(3, false), run(6, false)));
        assertEquals(3, s.items());
        assertEquals(11 / 3.0, s.meanIterations(), 1e-12);
        assertEquals(3.0, s.medianIterations());
        assertEquals(6, s.maxIterations());
        assertEquals(Map.of(StopReason.ITERATION_LIMIT, 3), s.stopReasons());
        assertEquals(List.of("QwQ", "DAPO"), List.copyOf(s.chunks().keySet()));
        assertEquals(11, s.chunks().get("QwQ"));
        assertEquals(1.0, s.shares().get("QwQ"));
        assertEquals(2.5, EnsembleSummary.of(List.of(run(2, false), run(3, false))).medianIterations());
        assertEquals("chunks QwQ 11 (100.0 %), DAPO 0 (0.0 %); 3.7 iterations/item (median 3.0, max 6) over 3 items;"
                + " stops ITERATION_LIMIT 3", s.line());
    }

    @Test
    void summaryFromTheItemLinesEqualsTheSummaryOfTheResults() {
        List<EnsembleResult> results = List.of(run(2, false), run(5, true));
        List<String> itemLines = new java.util.ArrayList<>();
        for (EnsembleResult r : results) {
            itemLines.add(EnsembleTraceJsonl.lines("x", r.trace()).getLast());
        }
        assertEquals(EnsembleSummary.of(results), EnsembleSummary.ofItemLines(itemLines));
        assertThrows(IllegalArgumentException.class, () -> EnsembleSummary.ofItemLines(
                List.of(EnsembleTraceJsonl.lines("x", results.getFirst().trace()).getFirst())));
    }
}
