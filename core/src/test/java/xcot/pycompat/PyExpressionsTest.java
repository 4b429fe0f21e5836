package xcot.pycompat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator against CPython 3.11's own results for the same expressions (files from generate_golden.py). */
class PyExpressionsTest {
    @Test
    void matchesCPythonInCheckCorrectnessScope() throws IOException {
        assertMatchesGolden("eval-standard.tsv", PyEnvironment.STANDARD);
    }

    @Test
    void matchesCPythonInRestrictedAnswerScope() throws IOException {
        assertMatchesGolden("eval-restricted.tsv", PyEnvironment.RESTRICTED);
    }

    private static void assertMatchesGolden(String file, PyEnvironment env) throws IOException {
        List<String> mismatches = new ArrayList<>();
        List<String[]> rows = Golden.rows(file);
        for (String[] row : rows) {
            String expected = row[1].equals("VALUE") ? "VALUE " + row[2] : "ERROR " + row[2] + ": " + row[3];
            String actual;
            try {
                PyValue value = PyExpressions.eval(row[0], env);
                actual = "VALUE " + (value instanceof PyValue.PyFunction || value instanceof PyValue.PyModule
                        ? "<callable or module>" : value.str());
            } catch (PyError e) {
                actual = "ERROR " + e.pythonType() + ": " + e.getMessage();
            }
            if (!expected.equals(actual)) {
                mismatches.add(row[0] + "\n    python: " + expected + "\n    xcot:   " + actual);
            }
        }
        assertEquals(List.of(), mismatches, file + ": " + mismatches.size() + " of " + rows.size() + " differ");
    }

    @Test
    void storedFailureTextsAreExact() {
        PyError leadingZero = assertThrows(PyError.class, () -> PyExpressions.eval("08", PyEnvironment.STANDARD));
        assertEquals("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
                + "integers (<string>, line 1)", leadingZero.getMessage());
        PyError name = assertThrows(PyError.class, () -> PyExpressions.eval("N/A", PyEnvironment.STANDARD));
        assertEquals("name 'N' is not defined", name.getMessage());
    }

    @Test
    void deepNestingIsADocumentedFailureNotACrash() {
        String deep = "(".repeat(100_000) + "1" + ")".repeat(100_000);
        assertThrows(PyError.class, () -> PyExpressions.eval(deep, PyEnvironment.STANDARD));
    }

    @Test
    void hugePowersAreRefusedInsteadOfExhaustingMemory() {
        assertThrows(PyError.class, () -> PyExpressions.eval("9**9**9", PyEnvironment.STANDARD));
    }
}
