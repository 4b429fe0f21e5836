package xcot.tasks.medcalc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import xcot.pycompat.PyError;

/**
 * MedCalc-Bench v1.0 correctness rules (docs/reference-pipeline.md §5.4), including the error texts that get
 * stored.
 */
class CorrectnessTest {
    private static final GroundTruth DATE = new GroundTruth(13, "09/23/2014", "09/23/2014", "09/23/2014");
    private static final GroundTruth WEEKS = new GroundTruth(69, "('4 weeks', '2 days')", "('4 weeks', '2 days')",
            "('4 weeks', '2 days')");
    private static final GroundTruth SCORE = new GroundTruth(25, "2", "2", "2");
    private static final GroundTruth CLEARANCE = new GroundTruth(2, "25.238", "23.9761", "26.4999");
    private static final GroundTruth NEGATIVE = new GroundTruth(38, "-10.0", "-10.5", "-9.5");
    private static final GroundTruth ZERO = new GroundTruth(46, "0", "0", "0");

    @Test
    void datesCompareAsCalendarDates() throws PyError {
        assertTrue(Correctness.isCorrect("09/23/2014", DATE));
        assertFalse(Correctness.isCorrect("09/24/2014", DATE));
        assertEquals("time data 'N/A' does not match format '%m/%d/%Y'",
                assertThrows(PyError.class, () -> Correctness.isCorrect("N/A", DATE)).getMessage());
        assertEquals("day is out of range for month",
                assertThrows(PyError.class, () -> Correctness.isCorrect("02/30/2014", DATE)).getMessage());
    }

    @Test
    void gestationalAgeComparesTuples() throws PyError {
        assertTrue(Correctness.isCorrect("(4, 2)", WEEKS));
        assertFalse(Correctness.isCorrect("(4, 3)", WEEKS));
        assertFalse(Correctness.isCorrect("N/A", WEEKS));
    }

    @Test
    void integersRoundHalfToEven() throws PyError {
        assertTrue(Correctness.isCorrect("2", SCORE));
        assertTrue(Correctness.isCorrect("2.5", SCORE));
        assertTrue(Correctness.isCorrect("1.5", SCORE));
        assertFalse(Correctness.isCorrect("3.5", SCORE));
        assertEquals("name 'N' is not defined",
                assertThrows(PyError.class, () -> Correctness.isCorrect("N/A", SCORE)).getMessage());
        assertThrows(PyError.class, () -> Correctness.isCorrect("02", SCORE));
    }

    @Test
    void decimalsMustLieWithinTheLimits() throws PyError {
        assertTrue(Correctness.isCorrect("25.238", CLEARANCE));
        assertTrue(Correctness.isCorrect("24", CLEARANCE));
        assertFalse(Correctness.isCorrect("26.5", CLEARANCE));
        assertTrue(Correctness.isCorrect("-10.4", NEGATIVE));
        assertFalse(Correctness.isCorrect("-11", NEGATIVE));
        assertTrue(Correctness.isCorrect("0", ZERO));
        assertTrue(Correctness.isCorrect("0.0", ZERO));
        assertFalse(Correctness.isCorrect("0.01", ZERO));
        assertEquals("'>=' not supported between instances of 'tuple' and 'float'",
                assertThrows(PyError.class, () -> Correctness.isCorrect("(1, 2)", CLEARANCE)).getMessage());
        assertEquals("name 'nan' is not defined",
                assertThrows(PyError.class, () -> Correctness.isCorrect("nan", CLEARANCE)).getMessage());
    }
}
