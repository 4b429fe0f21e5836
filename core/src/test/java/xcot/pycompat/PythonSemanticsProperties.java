package xcot.pycompat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the Python-semantics layer over arbitrary inputs. */
class PythonSemanticsProperties {
    @Property(tries = 3000)
    void evaluatingAnyStringOnlyEverFailsWithPyError(@ForAll("expressionLike") String source) {
        for (PyEnvironment env : PyEnvironment.values()) {
            try {
                PyExpressions.eval(source, env).str();
            } catch (PyError expected) {
                // the documented failure
            }
        }
    }

    @Property(tries = 2000)
    void anyUnicodeStringOnlyEverFailsWithPyError(@ForAll String source) {
        try {
            PyExpressions.eval(source, PyEnvironment.STANDARD);
        } catch (PyError expected) {
            // the documented failure
        }
        try {
            PyStrptime.monthDayYear(source);
        } catch (PyError expected) {
            // the documented failure
        }
    }

    @Property(tries = 5000)
    void printedFloatsRoundTripThroughTheEvaluator(@ForAll double value) throws PyError {
        String printed = PyFloatRepr.repr(value);
        if (!Double.isFinite(value)) {
            return;
        }
        PyValue parsed = PyExpressions.eval(printed, PyEnvironment.STANDARD);
        assertEquals(value, ((PyValue.PyFloat) parsed).value(), 0.0, printed);
        assertEquals(Double.doubleToLongBits(value), Double.doubleToLongBits(((PyValue.PyFloat) parsed).value()),
                printed);
        assertEquals(printed, parsed.str());
    }

    @Property(tries = 2000)
    void printedIntegersRoundTrip(@ForAll long value) throws PyError {
        PyValue parsed = PyExpressions.eval(Long.toString(value), PyEnvironment.STANDARD);
        assertEquals(Long.toString(value), parsed.str());
    }

    @Provide
    Arbitrary<String> expressionLike() {
        return Arbitraries.strings()
                .withChars("0123456789.+-*/%()eE_, abcNnAmathsqrtoundpwi[]'\"<>=!^#x\t٣²")
                .ofMaxLength(40);
    }
}
