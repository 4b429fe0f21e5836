package xcot.pycompat;

/** The Python operations the MedCalc judge applies to evaluated values, outside any expression. */
public final class PyOperators {
    private PyOperators() {}

    /** {@code a op b} for {@code < <= > >= == !=}, raising Python's TypeError for unorderable types. */
    public static boolean compare(String op, PyValue a, PyValue b) throws PyError {
        return PyArithmetic.compare(op, a, b);
    }

    /** Python's {@code round(x)}: half to even, an int result. */
    public static PyValue round(PyValue x) throws PyError {
        return PyBuiltins.round(x, null);
    }

    /** Python's {@code a / b}. */
    public static PyValue divide(PyValue a, PyValue b) throws PyError {
        return PyArithmetic.binary("/", a, b);
    }
}
