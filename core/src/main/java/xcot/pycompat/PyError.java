package xcot.pycompat;

/**
 * A Python exception as the reference scoring code would have raised it: its type name and its {@code str(e)} text.
 *
 * <p>This is the one documented failure of the Python-semantics layer: the evaluator, the literal parser and
 * {@link PyStrptime} throw nothing else for any input string. The reference stores {@code str(e)} as the answer of a
 * failed row and later filters rows by substrings of it, so {@link #getMessage()} reproduces CPython 3.11's text
 * exactly where such a text can reach a stored answer (name, syntax, comparison and date errors).
 */
public final class PyError extends Exception {
    private final String pythonType;

    public PyError(String pythonType, String message) {
        super(message, null, false, false);
        this.pythonType = pythonType;
    }

    /** The Python exception class name, e.g. {@code NameError}. */
    public String pythonType() {
        return pythonType;
    }

    static PyError syntax(String message) {
        // str(SyntaxError) from eval(...) carries the pseudo file name and line.
        return new PyError("SyntaxError", message + " (<string>, line 1)");
    }

    static PyError name(String name) {
        return new PyError("NameError", "name '" + name + "' is not defined");
    }

    static PyError type(String message) {
        return new PyError("TypeError", message);
    }

    static PyError value(String message) {
        return new PyError("ValueError", message);
    }

    static PyError overflow(String message) {
        return new PyError("OverflowError", message);
    }

    static PyError zeroDivision(String message) {
        return new PyError("ZeroDivisionError", message);
    }
}
