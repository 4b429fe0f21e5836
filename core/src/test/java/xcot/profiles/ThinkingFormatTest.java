package xcot.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import xcot.tasks.BenchmarkKind;
import xcot.reference.Quirks;

/** End markers and the closing rule of docs/reference-pipeline.md §4.1 step 4, §5.1 and §6.2–6.4. */
class ThinkingFormatTest {
    static final Quirks FIXED = Quirks.fixed();
    static final Quirks REF = Quirks.referenceCompat();

    @Test
    void medcalcMarkersPerFamily() {
        ThinkingFormat qwen = ThinkingFormat.of(ModelFamily.QWQ, BenchmarkKind.MEDCALC, REF);
        assertEquals("<think>", qwen.open());
        assertEquals("</think>", qwen.close());
        ThinkingFormat openT = ThinkingFormat.of(ModelFamily.OPENTHINKER, BenchmarkKind.MEDCALC, REF);
        assertEquals("<|begin_of_thought|>", openT.open());
        assertEquals("<|end_of_thought|>", openT.close());
        ThinkingFormat ossRef = ThinkingFormat.of(ModelFamily.GPT_OSS, BenchmarkKind.MEDCALC, REF);
        assertEquals("assistantanalysis", ossRef.open());
        assertEquals("assistantfinal", ossRef.close());
        ThinkingFormat ossFixed = ThinkingFormat.of(ModelFamily.GPT_OSS, BenchmarkKind.MEDCALC, FIXED);
        assertEquals("<|channel|>analysis<|message|>", ossFixed.open());
        assertEquals("<|channel|>final<|message|>", ossFixed.answerStart());
    }

    @Test
    void inductionMarkers() {
        ThinkingFormat oss = ThinkingFormat.of(ModelFamily.GPT_OSS, BenchmarkKind.INDUCTION, REF);
        assertEquals("<|start|>assistant<|channel|>analysis<|message|>", oss.open());
        assertEquals("<|end|>", oss.close());
        assertEquals("<|channel|>final<|message|>", oss.answerStart());
    }

    @Test
    void closingAppendsTheEndMarkerOnlyWhenMissing() {
        ThinkingFormat qwen = ThinkingFormat.of(ModelFamily.DAPO, BenchmarkKind.MEDCALC, FIXED);
        assertEquals("</think>", qwen.closingFor(" Okay, so"));
        assertEquals("", qwen.closingFor(" Okay.</think> {\"answer\": 3}"));
        ThinkingFormat openT = ThinkingFormat.of(ModelFamily.OPENTHINKER, BenchmarkKind.MEDCALC, FIXED);
        assertEquals("<|end_of_thought|><|begin_of_solution|>", openT.closingFor("Okay"));
        assertEquals("<|begin_of_solution|>", openT.closingFor("Okay<|end_of_thought|>"));
        assertEquals("", openT.closingFor("Okay<|end_of_thought|> <|begin_of_solution|>x"));
        ThinkingFormat ossRef = ThinkingFormat.of(ModelFamily.GPT_OSS, BenchmarkKind.MEDCALC, REF);
        assertEquals("assistantfinal", ossRef.closingFor("analysisWe need"));
        ThinkingFormat ossFixed = ThinkingFormat.of(ModelFamily.GPT_OSS, BenchmarkKind.MEDCALC, FIXED);
        assertEquals("<|end|><|start|>assistant<|channel|>final<|message|>",
                ossFixed.closingFor("<|channel|>analysis<|message|>We need"));
        assertEquals("<|start|>assistant<|channel|>final<|message|>",
                ossFixed.closingFor("<|channel|>analysis<|message|>We need<|end|>"));
        assertEquals(" </think>", ThinkingFormat.of(ModelFamily.TOY, BenchmarkKind.TOY, FIXED).closingFor(" 6+1=7"));
    }
}
