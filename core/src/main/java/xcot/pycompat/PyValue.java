package xcot.pycompat;

import java.math.BigInteger;
import java.util.List;

/**
 * A value of the small Python subset that the MedCalc reference code evaluates: answer strings and limits go through
 * {@code eval}, and the decimal answer path renders results with {@code str()}. {@link #str()} is Python's
 * {@code str(value)}; {@link #repr()} is {@code repr(value)}.
 */
public sealed interface PyValue {
    /** Python's {@code str(value)}. */
    String str();

    /** Python's {@code repr(value)}. */
    default String repr() {
        return str();
    }

    /** Python's {@code type(value).__name__}, used in error texts. */
    String typeName();

    /** An {@code int}: arbitrary precision, as in Python. */
    record PyInt(BigInteger value) implements PyValue {
        public static PyInt of(long value) {
            return new PyInt(BigInteger.valueOf(value));
        }

        @Override
        public String str() {
            return value.toString();
        }

        @Override
        public String typeName() {
            return "int";
        }
    }

    /** A {@code float}: an IEEE double, printed with Python's shortest round-trip repr. */
    record PyFloat(double value) implements PyValue {
        @Override
        public String str() {
            return PyFloatRepr.repr(value);
        }

        @Override
        public String typeName() {
            return "float";
        }
    }

    /** {@code True} or {@code False}; a subtype of int in Python, so it takes part in arithmetic as 1 or 0. */
    record PyBool(boolean value) implements PyValue {
        @Override
        public String str() {
            return value ? "True" : "False";
        }

        @Override
        public String typeName() {
            return "bool";
        }
    }

    /** {@code None}. */
    record PyNone() implements PyValue {
        @Override
        public String str() {
            return "None";
        }

        @Override
        public String typeName() {
            return "NoneType";
        }
    }

    /** A {@code str} literal. */
    record PyStr(String value) implements PyValue {
        @Override
        public String str() {
            return value;
        }

        @Override
        public String repr() {
            return PyStrings.repr(value);
        }

        @Override
        public String typeName() {
            return "str";
        }
    }

    /** A tuple, e.g. the {@code (weeks, days)} pair of calculator 69. */
    record PyTuple(List<PyValue> items) implements PyValue {
        public PyTuple {
            items = List.copyOf(items);
        }

        @Override
        public String str() {
            StringBuilder out = new StringBuilder("(");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(items.get(i).repr());
            }
            return out.append(items.size() == 1 ? ",)" : ")").toString();
        }

        @Override
        public String typeName() {
            return "tuple";
        }
    }

    /** A built-in function or module attribute that can be called, e.g. {@code round} or {@code math.sqrt}. */
    record PyFunction(String name, PyBuiltins.Body body) implements PyValue {
        @Override
        public String str() {
            return "<built-in function " + name + ">";
        }

        @Override
        public String typeName() {
            return "builtin_function_or_method";
        }
    }

    /** A module object ({@code math}, {@code np}); only attribute access is supported. */
    record PyModule(String name) implements PyValue {
        @Override
        public String str() {
            return "<module '" + name + "' (built-in)>";
        }

        @Override
        public String typeName() {
            return "module";
        }
    }
}
