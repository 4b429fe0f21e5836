package xcot.pycompat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import xcot.pycompat.PyValue.PyBool;
import xcot.pycompat.PyValue.PyFloat;
import xcot.pycompat.PyValue.PyInt;
import xcot.pycompat.PyValue.PyStr;
import xcot.pycompat.PyValue.PyTuple;

/**
 * Python's arithmetic and comparison rules on {@link PyValue}s: int/float promotion, true division, floor division
 * and modulo that round toward negative infinity, exact int-vs-float comparison, and CPython's error texts.
 */
final class PyArithmetic {
    /** Guards {@code int ** int} against results too large to hold; Python would run out of memory instead. */
    private static final int MAX_RESULT_BITS = 1 << 20;
    private static final BigInteger TWO_POW_53 = BigInteger.ONE.shiftLeft(53);

    private PyArithmetic() {}

    static boolean isNumber(PyValue v) {
        return v instanceof PyInt || v instanceof PyFloat || v instanceof PyBool;
    }

    /** The integer value of an int or bool, or null. */
    static BigInteger asInteger(PyValue v) {
        if (v instanceof PyInt i) {
            return i.value();
        }
        if (v instanceof PyBool b) {
            return b.value() ? BigInteger.ONE : BigInteger.ZERO;
        }
        return null;
    }

    static double toDouble(PyValue v) throws PyError {
        if (v instanceof PyFloat f) {
            return f.value();
        }
        BigInteger i = asInteger(v);
        double d = i.doubleValue();
        if (Double.isInfinite(d)) {
            throw PyError.overflow("int too large to convert to float");
        }
        return d;
    }

    static boolean truthy(PyValue v) {
        return switch (v) {
            case PyBool b -> b.value();
            case PyInt i -> i.value().signum() != 0;
            case PyFloat f -> f.value() != 0.0;
            case PyStr s -> !s.value().isEmpty();
            case PyTuple t -> !t.items().isEmpty();
            case PyValue.PyNone n -> false;
            default -> true;
        };
    }

    static PyValue unary(String op, PyValue v) throws PyError {
        BigInteger i = asInteger(v);
        if (i != null) {
            return switch (op) {
                case "-" -> new PyInt(i.negate());
                case "+" -> new PyInt(i);
                default -> new PyInt(i.not());
            };
        }
        if (v instanceof PyFloat f && !op.equals("~")) {
            return new PyFloat(op.equals("-") ? -f.value() : f.value());
        }
        throw PyError.type("bad operand type for unary " + op + ": '" + v.typeName() + "'");
    }

    static PyValue binary(String op, PyValue a, PyValue b) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            BigInteger x = asInteger(a);
            BigInteger y = asInteger(b);
            return (x != null && y != null) ? integers(op, x, y) : floats(op, toDouble(a), toDouble(b));
        }
        return sequences(op, a, b);
    }

    private static PyValue integers(String op, BigInteger x, BigInteger y) throws PyError {
        return switch (op) {
            case "+" -> new PyInt(x.add(y));
            case "-" -> new PyInt(x.subtract(y));
            case "*" -> new PyInt(x.multiply(y));
            case "/" -> new PyFloat(trueDivide(x, y));
            case "//" -> {
                if (y.signum() == 0) {
                    throw PyError.zeroDivision("integer division or modulo by zero");
                }
                yield new PyInt(floorDivide(x, y));
            }
            case "%" -> {
                if (y.signum() == 0) {
                    throw PyError.zeroDivision("integer modulo by zero");
                }
                yield new PyInt(x.subtract(floorDivide(x, y).multiply(y)));
            }
            case "**" -> integerPower(x, y);
            default -> throw new IllegalArgumentException(op);
        };
    }

    private static BigInteger floorDivide(BigInteger x, BigInteger y) {
        BigInteger[] qr = x.divideAndRemainder(y);
        if (qr[1].signum() != 0 && qr[1].signum() != y.signum()) {
            return qr[0].subtract(BigInteger.ONE);
        }
        return qr[0];
    }

    /** int / int: Python rounds the exact quotient once. */
    private static double trueDivide(BigInteger x, BigInteger y) throws PyError {
        if (y.signum() == 0) {
            throw PyError.zeroDivision("division by zero");
        }
        if (x.abs().compareTo(TWO_POW_53) <= 0 && y.abs().compareTo(TWO_POW_53) <= 0) {
            // Both operands are exact doubles, so IEEE division rounds the exact quotient once, as Python does.
            return x.doubleValue() / y.doubleValue();
        }
        double quotient = new BigDecimal(x).divide(new BigDecimal(y), new MathContext(40)).doubleValue();
        if (Double.isInfinite(quotient)) {
            throw PyError.overflow("integer division result too large for a float");
        }
        return quotient;
    }

    private static PyValue integerPower(BigInteger x, BigInteger y) throws PyError {
        if (y.signum() < 0) {
            if (x.signum() == 0) {
                throw PyError.zeroDivision("0.0 cannot be raised to a negative power");
            }
            return floats("**", toDoubleExact(x), y.doubleValue());
        }
        if (x.signum() == 0) {
            return new PyInt(y.signum() == 0 ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (x.abs().equals(BigInteger.ONE)) {
            return new PyInt(x.signum() < 0 && y.testBit(0) ? x : BigInteger.ONE);
        }
        if (y.bitLength() > 31 || (long) x.bitLength() * y.intValue() > MAX_RESULT_BITS) {
            throw new PyError("MemoryError", "integer power result too large for xcot's evaluator");
        }
        return new PyInt(x.pow(y.intValue()));
    }

    private static double toDoubleExact(BigInteger x) throws PyError {
        return toDouble(new PyInt(x));
    }

    private static PyValue floats(String op, double x, double y) throws PyError {
        return switch (op) {
            case "+" -> new PyFloat(x + y);
            case "-" -> new PyFloat(x - y);
            case "*" -> new PyFloat(x * y);
            case "/" -> {
                if (y == 0.0) {
                    throw PyError.zeroDivision("float division by zero");
                }
                yield new PyFloat(x / y);
            }
            case "//" -> {
                if (y == 0.0) {
                    throw PyError.zeroDivision("float floor division by zero");
                }
                yield new PyFloat(floatDivmod(x, y)[0]);
            }
            case "%" -> {
                if (y == 0.0) {
                    throw PyError.zeroDivision("float modulo");
                }
                yield new PyFloat(floatDivmod(x, y)[1]);
            }
            case "**" -> new PyFloat(floatPower(x, y));
            default -> throw new IllegalArgumentException(op);
        };
    }

    /** CPython's {@code float_divmod}: Java's {@code %} on doubles is C's {@code fmod}. */
    private static double[] floatDivmod(double vx, double wx) {
        double mod = vx % wx;
        double div = (vx - mod) / wx;
        if (mod != 0.0) {
            if ((wx < 0) != (mod < 0)) {
                mod += wx;
                div -= 1.0;
            }
        } else {
            mod = Math.copySign(0.0, wx);
        }
        double floorDiv;
        if (div != 0.0) {
            floorDiv = Math.floor(div);
            if (div - floorDiv > 0.5) {
                floorDiv += 1.0;
            }
        } else {
            floorDiv = Math.copySign(0.0, vx / wx);
        }
        return new double[] {floorDiv, mod};
    }

    /** CPython's {@code float_pow} error cases around C {@code pow}. */
    static double floatPower(double x, double y) throws PyError {
        if (x == 0.0 && y < 0.0) {
            throw PyError.zeroDivision("0.0 cannot be raised to a negative power");
        }
        if (x < 0.0 && Double.isFinite(y) && y != Math.rint(y)) {
            // Python returns a complex number here; xcot has none, and such an answer is never a valid score.
            throw new PyError("ValueError", "complex result is not supported by xcot's evaluator");
        }
        double result = Math.pow(x, y);
        if (Double.isInfinite(result) && Double.isFinite(x) && Double.isFinite(y)) {
            throw PyError.overflow("(34, 'Numerical result out of range')");
        }
        return result;
    }

    private static PyValue sequences(String op, PyValue a, PyValue b) throws PyError {
        if (op.equals("+") && a instanceof PyStr x && b instanceof PyStr y) {
            return new PyStr(x.value() + y.value());
        }
        if (op.equals("+") && a instanceof PyTuple x && b instanceof PyTuple y) {
            List<PyValue> items = new ArrayList<>(x.items());
            items.addAll(y.items());
            return new PyTuple(items);
        }
        String symbol = op.equals("**") ? "** or pow()" : op;
        throw PyError.type("unsupported operand type(s) for " + symbol + ": '" + a.typeName() + "' and '"
                + b.typeName() + "'");
    }

    /** One comparison {@code a op b} as Python evaluates it. */
    static boolean compare(String op, PyValue a, PyValue b) throws PyError {
        if (op.equals("==") || op.equals("!=")) {
            boolean equal = equal(a, b);
            return op.equals("==") == equal;
        }
        int order = order(op, a, b);
        return switch (op) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    static boolean equal(PyValue a, PyValue b) {
        if (isNumber(a) && isNumber(b)) {
            return numericOrder(a, b) == 0;
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            if (x.items().size() != y.items().size()) {
                return false;
            }
            for (int i = 0; i < x.items().size(); i++) {
                if (!equal(x.items().get(i), y.items().get(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /** Ordering for {@code < <= > >=}; NaN compares as unordered, which {@link #numericOrder} encodes as 2. */
    private static int order(String op, PyValue a, PyValue b) throws PyError {
        if (isNumber(a) && isNumber(b)) {
            int order = numericOrder(a, b);
            return order == 2 ? (op.startsWith("<") ? 1 : -1) : order;
        }
        if (a instanceof PyStr x && b instanceof PyStr y) {
            return Integer.signum(x.value().compareTo(y.value()));
        }
        if (a instanceof PyTuple x && b instanceof PyTuple y) {
            int n = Math.min(x.items().size(), y.items().size());
            for (int i = 0; i < n; i++) {
                if (!equal(x.items().get(i), y.items().get(i))) {
                    return compare("<", x.items().get(i), y.items().get(i)) ? -1 : 1;
                }
            }
            return Integer.compare(x.items().size(), y.items().size());
        }
        throw PyError.type("'" + op + "' not supported between instances of '" + a.typeName() + "' and '"
                + b.typeName() + "'");
    }

    /** -1, 0, 1, or 2 when a NaN makes the pair unordered. Ints and floats compare exactly, as in Python. */
    private static int numericOrder(PyValue a, PyValue b) {
        BigInteger x = asInteger(a);
        BigInteger y = asInteger(b);
        if (x != null && y != null) {
            return x.compareTo(y);
        }
        if (x == null && y == null) {
            double p = ((PyFloat) a).value();
            double q = ((PyFloat) b).value();
            if (Double.isNaN(p) || Double.isNaN(q)) {
                return 2;
            }
            return p < q ? -1 : p > q ? 1 : 0;
        }
        boolean floatFirst = x == null;
        double f = floatFirst ? ((PyFloat) a).value() : ((PyFloat) b).value();
        BigInteger i = floatFirst ? y : x;
        int floatVsInt;
        if (Double.isNaN(f)) {
            return 2;
        } else if (Double.isInfinite(f)) {
            floatVsInt = f > 0 ? 1 : -1;
        } else {
            floatVsInt = new BigDecimal(f).compareTo(new BigDecimal(i));
        }
        return floatFirst ? floatVsInt : -floatVsInt;
    }
}
