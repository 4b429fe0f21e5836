package xcot.tasks.medcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import xcot.metrics.Outcome;
import xcot.pycompat.PyError;
import xcot.pycompat.PyFloatRepr;
import xcot.reference.Quirks;

/** Properties of extraction, normalization and judging over arbitrary model output. */
class ExtractionProperties {
    /** One calculator of each kind, with a real ground truth. */
    private static final List<GroundTruth> TRUTHS = List.of(
            new GroundTruth(13, "09/23/2014", "09/23/2014", "09/23/2014"),
            new GroundTruth(69, "('4 weeks', '2 days')", "('4 weeks', '2 days')", "('4 weeks', '2 days')"),
            new GroundTruth(25, "4", "4", "4"),
            new GroundTruth(2, "25.238", "23.9761", "26.4999"));

    @Provide
    Arbitrary<String> answerLike() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.strings().withChars("0123456789.,-/%()[]'\" answerAnsweweksdaystr(){}:“”^*+#\n\t٣")
                        .ofMaxLength(60),
                Arbitraries.strings().withChars("0123456789.,-/ ").ofMaxLength(20).map(s -> "str(" + s + ")"),
                Arbitraries.strings().withChars("0123456789 ").ofMaxLength(12).map(s -> "{\"answer\": \"" + s + "\"}"));
    }

    @Property(tries = 3000)
    void extractionNeverThrows(@ForAll("answerLike") String text) {
        String answer = AnswerExtractor.answerString(text);
        assertTrue(answer.equals(AnswerExtractor.NOT_FOUND) || text.contains(answer) || answer.isEmpty(), answer);
        AnswerExtractor.explanation(text);
    }

    @Property(tries = 3000)
    void normalizationOnlyFailsWithTheDocumentedPyError(@ForAll("answerLike") String text) {
        for (Quirks options : List.of(Quirks.none(), Quirks.faithfulScoring())) {
            AnswerNormalizer normalizer = new AnswerNormalizer(options);
            for (GroundTruth truth : TRUTHS) {
                try {
                    normalizer.normalize(text, truth.calculatorId());
                } catch (PyError expected) {
                    // the documented failure
                }
            }
        }
    }

    @Property(tries = 3000)
    void judgingNeverThrowsAndFailuresCarryTheirText(@ForAll("answerLike") String text) {
        for (Quirks options : List.of(Quirks.none(), Quirks.faithfulScoring())) {
            MedCalcScorer scorer = new MedCalcScorer(options);
            for (GroundTruth truth : TRUTHS) {
                Judgment judgment = scorer.judgeExtracted(truth, text);
                if (judgment.outcome() instanceof Outcome.Failed failed) {
                    assertEquals(failed.reason(), judgment.answer());
                    assertFalse(failed.reason().isEmpty());
                }
            }
        }
    }

    /** A decimal answer printed by Python's str(float) normalizes to itself unless it uses exponent notation. */
    @Property(tries = 3000)
    void printedDecimalsRenormalizeToThemselves(@ForAll double value) throws PyError {
        String printed = PyFloatRepr.repr(value);
        if (!Double.isFinite(value) || printed.contains("e")) {
            return;
        }
        assertEquals(printed, new AnswerNormalizer(Quirks.faithfulScoring()).normalize(printed, 2));
    }

    @Property(tries = 1000)
    void gestationalAgeFixedReadingIsCanonical(@ForAll("weeks") int weeks, @ForAll("days") int days) throws PyError {
        AnswerNormalizer fixed = new AnswerNormalizer(Quirks.none());
        String expected = "(" + (weeks + days / 7) + ", " + (days % 7) + ")";
        assertEquals(expected, fixed.normalize(weeks + " weeks, " + days + " days", 69));
        assertEquals(expected, fixed.normalize("('" + weeks + " weeks', '" + days + " days')", 69));
    }

    @Provide
    Arbitrary<Integer> weeks() {
        return Arbitraries.integers().between(0, 45);
    }

    @Provide
    Arbitrary<Integer> days() {
        return Arbitraries.integers().between(0, 60);
    }
}
