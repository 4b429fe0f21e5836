package xcot.tasks.medcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import xcot.pycompat.PyError;
import xcot.reference.Quirks;

/**
 * Golden cases for per-calculator normalization (docs/reference-pipeline.md §5.3, data README pitfalls), one or more
 * per rule. Calculator 13 is a date, 69 gestational age, 25 (HAS-BLED) an integer, 2 (creatinine clearance) a decimal.
 */
class AnswerNormalizerTest {
    private final AnswerNormalizer faithful = new AnswerNormalizer(Quirks.faithfulScoring());
    private final AnswerNormalizer fixed = new AnswerNormalizer(Quirks.none());

    private String ref(String extracted, int calculatorId) throws PyError {
        return faithful.normalize(extracted, calculatorId);
    }

    @Test
    void datesMustLeadAndArePadded() throws PyError {
        assertEquals("09/03/2014", ref("9/3/2014", 13));
        assertEquals("09/23/2014", ref("09/23/2014 (estimated)", 68));
        assertEquals("N/A", ref("The due date is 09/23/2014", 13));
        assertEquals("N/A", ref("2014-09-23", 68));
        assertEquals("N/A", ref("9/3/14", 13));
    }

    @Test
    void gestationalAgeReferencePattern() throws PyError {
        assertEquals("(34, 3)", ref("('34 weeks', '3 days')", 69));
        assertEquals("(34, 3)", ref("[34 weeks, 3 days]", 69));
        assertEquals("(4, 2)", ref("(4, 2)", 69));
        // The fragile regex: one number split in two.
        assertEquals("(4, 2)", ref("42 days", 69));
        assertEquals("(1, 3)", ref("13 weeks", 69));
    }

    @Test
    void gestationalAgeWithoutTwoNumbersRaisesInTheReference() {
        PyError e = assertThrows(PyError.class, () -> ref("6 days", 69));
        assertEquals("'NoneType' object has no attribute 'group'", e.getMessage());
    }

    @Test
    void gestationalAgeFixedReadsUnits() throws PyError {
        assertEquals("(6, 0)", fixed.normalize("42 days", 69));
        assertEquals("(0, 6)", fixed.normalize("6 days", 69));
        assertEquals("(1, 0)", fixed.normalize("1 week", 69));
        assertEquals("(13, 0)", fixed.normalize("13 weeks", 69));
        assertEquals("(34, 3)", fixed.normalize("('34 weeks', '3 days')", 69));
        assertEquals("(4, 2)", fixed.normalize("(4, 2)", 69));
        assertEquals("N/A", fixed.normalize("unknown", 69));
    }

    @Test
    void integerRulesInOrder() throws PyError {
        assertEquals("3", ref("3 out of 5", 25));
        assertEquals("3", ref("3, 4, 5", 25));
        assertEquals("2", ref("1,200", 25));
        assertEquals("10", ref("score 3 (max 10)", 25));
        assertEquals("4.0", ref("4.0", 25));
        assertEquals("-1", ref("-1", 25));
        assertEquals("N/A", ref("none", 25));
    }

    @Test
    void decimalStrExpressionIsEvaluated() throws PyError {
        assertEquals("10.0", ref("str(round(2.5 * 4, 1))", 2));
        assertEquals("4.0", ref("str(sqrt(16))", 2));
        assertEquals("24.221453287197235", ref("str(70 kg / 1.7^2)", 2));
        assertEquals("5", ref("str(5 # comment)", 2));
        assertEquals("-961", ref("str(round((140 * (3.15 - 136) / 1400) * 72.36)", 2));
        assertEquals("True", ref("str(7 is odd)", 2));
        assertEquals("40.0", ref("str(weight 70 / height 1.75)", 2));
        assertEquals("33.333333333333336", ref("str(100/3)", 2));
        assertEquals("(1, 2)", ref("str((1, 2))", 2));
    }

    @Test
    void decimalStrExpressionErrorsBecomeNotAvailable() throws PyError {
        assertEquals("N/A", ref("str(1/0)", 2));
        // "g" is deleted from the expression, so math.log becomes math.lo.
        assertEquals("N/A", ref("str(math.log(2))", 2));
    }

    @Test
    void decimalUnitPercentAndLastNumber() throws PyError {
        assertEquals("8.1", ref("8.1 mL/min/1.73 m²", 2));
        assertEquals("25", ref("25 mL/min/1.73m2 or 30%", 2));
        assertEquals("0.531", ref("53.1%", 2));
        assertEquals("0.01", ref("1.0%", 46));
        assertEquals("11.1", ref("11.1", 2));
        assertEquals("3", ref("3", 2));
        assertEquals("0.30000000000000004", ref("0.1 * 3 = 0.30000000000000004", 2));
        assertEquals("-0.0", ref("-0.0", 2));
        assertEquals("N/A", ref("no number", 2));
    }

    @Test
    void decimalLiteralErrorsEscapeAsTheReferenceStoresThem() {
        String leadingZeros = "leading zeros in decimal integer literals are not permitted; use an 0o prefix for "
                + "octal integers (<string>, line 1)";
        assertEquals(leadingZeros, assertThrows(PyError.class, () -> ref("08", 2)).getMessage());
        // Python prints 1e-05 for small floats; its last number "-05" cannot be read back.
        assertEquals(leadingZeros, assertThrows(PyError.class, () -> ref("1e-05", 2)).getMessage());
        assertEquals("invalid character '٥' (U+0665) (<string>, line 1)",
                assertThrows(PyError.class, () -> ref("٣٫٥", 2)).getMessage());
    }

    @Test
    void nonAsciiDigitsAreKeptAsWrittenForIntegers() throws PyError {
        assertEquals("٣", ref("٣", 25));
    }

    @Test
    void cleaningFollowsTheReferenceReplacementOrder() {
        assertEquals("(math.sqrt(4)+1)", AnswerNormalizer.cleanExpression("(sqrt(4)+1"));
        assertEquals("math.sqrt(2)", AnswerNormalizer.cleanExpression("math.sqrt(2)"));
        assertEquals("np.sqrt(2)", AnswerNormalizer.cleanExpression("np.sqrt(2)"));
        assertEquals("((1+2))", AnswerNormalizer.cleanExpression("(1+2))"));
        assertEquals("70  / 1.7**2", AnswerNormalizer.cleanExpression("70 kg / 1.7^2"));
    }
}
