package xcot.pycompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PyFloatReprTest {
    /** 3,529 doubles (edge values, random bit patterns, random magnitudes) with CPython 3.11's repr of each. */
    @Test
    void matchesCPythonRepr() throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = Golden.rows("float-repr.tsv");
        for (String[] row : rows) {
            double value = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            String actual = PyFloatRepr.repr(value);
            if (!actual.equals(row[1])) {
                mismatches.add(row[0] + ": python " + row[1] + ", xcot " + actual);
            }
        }
        assertEquals(List.of(), mismatches, mismatches.size() + " of " + rows.size() + " differ");
    }

    @Test
    void layoutThresholds() {
        assertEquals("0.0001", PyFloatRepr.repr(1e-4));
        assertEquals("1e-05", PyFloatRepr.repr(1e-5));
        assertEquals("1e+16", PyFloatRepr.repr(1e16));
        assertEquals("1000000000000000.0", PyFloatRepr.repr(1e15));
        assertEquals("25.0", PyFloatRepr.repr(25.0));
        assertEquals("-0.0", PyFloatRepr.repr(-0.0));
        assertEquals("inf", PyFloatRepr.repr(Double.POSITIVE_INFINITY));
        assertEquals("nan", PyFloatRepr.repr(Double.NaN));
    }
}
