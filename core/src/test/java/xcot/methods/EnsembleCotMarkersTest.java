package xcot.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.profiles.ModelFamily;
import xcot.profiles.ModelProfile;
import xcot.profiles.ThinkingFormat;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;

/**
 * The ensemble CoT is cut at the first generator's own close marker, as its profile gives it for the ensemble's
 * text: with an OpenThinker or gpt-oss first generator the answer it wrote after closing its thinking is no part of
 * the inserted CoT.
 */
class EnsembleCotMarkersTest {
    private static final String ANSWER = " The answer is 5.";

    private static EnsembleCot cot(ThinkingFormat markers, String prompt, String chunks) {
        return new EnsembleCot(prompt + chunks, chunks, chunks.contains(markers.close()), Map.of(), EnsembleTrace.none(),
                markers.open(), markers.close());
    }

    @Test
    void everyFamilyIsCutAtItsOwnCloseMarker() {
        for (ModelFamily family : ModelFamily.values()) {
            for (BenchmarkKind kind : List.of(BenchmarkKind.MEDCALC, BenchmarkKind.INDUCTION)) {
                for (Quirks flags : List.of(Quirks.fixed(), Quirks.referenceCompat())) {
                    ThinkingFormat markers = ModelProfile.of(family, Optional.empty()).ensembleThinking(kind, flags);
                    String what = family + " " + kind + " " + flags.enabled();
                    String chunks = " First step. Second step." + markers.close() + ANSWER;
                    EnsembleCot c = cot(markers, "prompt" + markers.open(), chunks);
                    assertEquals("First step. Second step.", c.cotToInsert(false, false).orElseThrow(), what);
                    assertEquals(" First step. Second step.", c.cotToInsert(true, true).orElseThrow(), what);
                    assertTrue(c.closedThinking(), what);
                    EnsembleCot open = cot(markers, "prompt" + markers.open(), " First step." + ANSWER);
                    assertTrue(open.cotToInsert(true, true).isEmpty(), what + ": unclosed, the target writes its own");
                    assertEquals("First step." + ANSWER, open.cotToInsert(false, false).orElseThrow(), what);
                }
            }
        }
    }

    @Test
    void theMarkersAreTheOnesTheEnsemblesTextShows() {
        ThinkingFormat qwq = ModelProfile.of(ModelFamily.QWQ, Optional.empty())
                .ensembleThinking(BenchmarkKind.MEDCALC, Quirks.fixed());
        assertEquals("</think>", qwq.close());
        ThinkingFormat openThinker = ModelProfile.of(ModelFamily.OPENTHINKER, Optional.empty())
                .ensembleThinking(BenchmarkKind.MEDCALC, Quirks.fixed());
        assertEquals("<|end_of_thought|>", openThinker.close());
        // Candidates are decoded with special tokens skipped: harmony's <|end|><|start|>assistant<|channel|>final
        // <|message|> reads "assistantfinal" in the ensemble's text, in every mode.
        for (Quirks flags : List.of(Quirks.fixed(), Quirks.referenceCompat())) {
            ThinkingFormat oss = ModelProfile.of(ModelFamily.GPT_OSS, Optional.empty())
                    .ensembleThinking(BenchmarkKind.INDUCTION, flags);
            assertEquals("assistantfinal", oss.close());
            assertEquals("assistantanalysis", oss.open());
        }
        EnsembleCot ossCot = cot(ModelProfile.of(ModelFamily.GPT_OSS, Optional.empty())
                        .ensembleThinking(BenchmarkKind.MEDCALC, Quirks.fixed()), "<|channel|>analysis<|message|>",
                " We add the points. The score is 5.assistantfinal{\"answer\": 5}");
        assertEquals("We add the points. The score is 5.", ossCot.cotToInsert(false, false).orElseThrow());
        assertFalse(ossCot.cotToInsert(false, false).orElseThrow().contains("answer"));
    }
}
