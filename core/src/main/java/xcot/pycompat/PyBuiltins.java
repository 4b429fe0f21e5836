package xcot.pycompat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import xcot.pycompat.PyValue.PyFloat;
import xcot.pycompat.PyValue.PyFunction;
import xcot.pycompat.PyValue.PyInt;
import xcot.pycompat.PyValue.PyModule;
import xcot.pycompat.PyValue.PyStr;
import xcot.pycompat.PyValue.PyTuple;

/**
 * The callables the reference code's {@code eval} can reach: {@code round abs int float min max pow}, and the
 * {@code math} and {@code numpy} attributes that an arithmetic answer can use. Numeric results follow CPython
 * (round half to even on the exact binary value, {@code int()} truncation, int results of {@code math.floor}).
 */
final class PyBuiltins {
    /** The body of a built-in function. */
    @FunctionalInterface
    interface Body {
        PyValue call(List<PyValue> args, Map<String, PyValue> keywords) throws PyError;
    }

    private PyBuiltins() {}

    static PyFunction function(String name) {
        Body body = switch (name) {
            case "round" -> PyBuiltins::round;
            case "abs" -> (a, k) -> abs(one("abs", a, k));
            case "int" -> (a, k) -> toInt(one("int", a, k));
            case "float" -> (a, k) -> toFloat(one("float", a, k));
            case "min" -> (a, k) -> extreme("min", a, k, "<");
            case "max" -> (a, k) -> extreme("max", a, k, ">");
            case "pow" -> PyBuiltins::pow;
            default -> throw new IllegalArgumentException(name);
        };
        return new PyFunction(name, body);
    }

    /** {@code module.name}, or Python's AttributeError text. */
    static PyValue attribute(PyModule module, String name) throws PyError {
        boolean numpy = module.name().equals("numpy");
        PyValue value = numpy ? numpyAttribute(name) : mathAttribute(name);
        if (value == null) {
            throw new PyError("AttributeError", "module '" + module.name() + "' has no attribute '" + name + "'");
        }
        return value;
    }

    private static PyValue mathAttribute(String name) {
        return switch (name) {
            case "pi" -> new PyFloat(Math.PI);
            case "e" -> new PyFloat(Math.E);
            case "inf" -> new PyFloat(Double.POSITIVE_INFINITY);
            case "nan" -> new PyFloat(Double.NaN);
            case "sqrt" -> mathFunction(name, x -> x < 0 ? Double.NaN : Math.sqrt(x));
            case "exp" -> mathFunction(name, Math::exp);
            case "log" -> mathFunction(name, x -> x <= 0 ? Double.NaN : Math.log(x));
            case "log10" -> mathFunction(name, x -> x <= 0 ? Double.NaN : Math.log10(x));
            case "fabs" -> mathFunction(name, Math::abs);
            case "floor" -> new PyFunction(name, (a, k) -> roundedToInt(one(name, a, k), Math::floor));
            case "ceil" -> new PyFunction(name, (a, k) -> roundedToInt(one(name, a, k), Math::ceil));
            case "pow" -> new PyFunction(name, (a, k) -> {
                requireCount(name, a, 2);
                double result = Math.pow(PyArithmetic.toDouble(a.get(0)), PyArithmetic.toDouble(a.get(1)));
                return checkedMath(result);
            });
            default -> null;
        };
    }

    private static PyValue numpyAttribute(String name) {
        return switch (name) {
            case "pi" -> new PyFloat(Math.PI);
            case "e" -> new PyFloat(Math.E);
            case "inf" -> new PyFloat(Double.POSITIVE_INFINITY);
            case "nan" -> new PyFloat(Double.NaN);
            // NumPy returns nan/inf with a warning where math raises.
            case "sqrt" -> numpyFunction(name, Math::sqrt);
            case "exp" -> numpyFunction(name, Math::exp);
            case "log" -> numpyFunction(name, Math::log);
            case "log10" -> numpyFunction(name, Math::log10);
            case "floor" -> numpyFunction(name, Math::floor);
            case "ceil" -> numpyFunction(name, Math::ceil);
            case "fabs" -> numpyFunction(name, Math::abs);
            case "abs", "absolute" -> new PyFunction(name, (a, k) -> abs(one(name, a, k)));
            case "power" -> new PyFunction(name, (a, k) -> {
                requireCount(name, a, 2);
                return PyArithmetic.binary("**", a.get(0), a.get(1));
            });
            case "round", "around" -> new PyFunction(name, PyBuiltins::numpyRound);
            default -> null;
        };
    }

    private interface DoubleOp {
        double apply(double x);
    }

    private static PyFunction mathFunction(String name, DoubleOp op) {
        return new PyFunction(name, (a, k) -> checkedMath(op.apply(PyArithmetic.toDouble(one(name, a, k)))));
    }

    private static PyFunction numpyFunction(String name, DoubleOp op) {
        return new PyFunction(name, (a, k) -> new PyFloat(op.apply(PyArithmetic.toDouble(one(name, a, k)))));
    }

    private static PyValue checkedMath(double result) throws PyError {
        if (Double.isNaN(result)) {
            throw PyError.value("math domain error");
        }
        if (Double.isInfinite(result)) {
            throw PyError.overflow("math range error");
        }
        return new PyFloat(result);
    }

    private static PyValue one(String name, List<PyValue> args, Map<String, PyValue> keywords) throws PyError {
        if (!keywords.isEmpty()) {
            throw PyError.type(name + "() takes no keyword arguments");
        }
        requireCount(name, args, 1);
        return args.get(0);
    }

    private static void requireCount(String name, List<PyValue> args, int count) throws PyError {
        if (args.size() != count) {
            throw PyError.type(name + "() takes exactly " + (count == 1 ? "one argument" : count + " arguments")
                    + " (" + args.size() + " given)");
        }
    }

    private static PyValue round(List<PyValue> args, Map<String, PyValue> keywords) throws PyError {
        PyValue ndigits = keywords.get("ndigits");
        if (args.isEmpty() || args.size() > 2 || keywords.size() > (ndigits == null ? 0 : 1)
                || (args.size() == 2 && ndigits != null)) {
            throw PyError.type("round() takes at most 2 arguments (" + (args.size() + keywords.size()) + " given)");
        }
        if (args.size() == 2) {
            ndigits = args.get(1);
        }
        return round(args.get(0), ndigits instanceof PyValue.PyNone ? null : ndigits);
    }

    /** Python's {@code round(x)} / {@code round(x, n)}. */
    static PyValue round(PyValue x, PyValue ndigits) throws PyError {
        BigInteger n = null;
        if (ndigits != null) {
            n = PyArithmetic.asInteger(ndigits);
            if (n == null) {
                throw PyError.type("'" + ndigits.typeName() + "' object cannot be interpreted as an integer");
            }
        }
        BigInteger integer = PyArithmetic.asInteger(x);
        if (integer != null) {
            if (n == null || n.signum() >= 0) {
                return new PyInt(integer);
            }
            int scale = n.max(BigInteger.valueOf(-100_000)).intValue();
            return new PyInt(new BigDecimal(integer).setScale(scale, RoundingMode.HALF_EVEN).toBigInteger());
        }
        if (x instanceof PyFloat f) {
            double v = f.value();
            if (n == null) {
                return roundedToInt(x, Math::rint);
            }
            if (!Double.isFinite(v) || v == 0.0) {
                return f;
            }
            int scale = n.max(BigInteger.valueOf(-400)).min(BigInteger.valueOf(400)).intValue();
            // new BigDecimal(double) is the exact binary value, so HALF_EVEN here is CPython's correctly rounded round().
            double rounded = new BigDecimal(v).setScale(scale, RoundingMode.HALF_EVEN).doubleValue();
            if (Double.isInfinite(rounded)) {
                throw PyError.overflow("rounded value too large to represent");
            }
            return new PyFloat(rounded == 0.0 ? Math.copySign(0.0, v) : rounded);
        }
        throw PyError.type("type " + x.typeName() + " doesn't define __round__ method");
    }

    private static PyValue numpyRound(List<PyValue> args, Map<String, PyValue> keywords) throws PyError {
        PyValue decimals = keywords.getOrDefault("decimals", args.size() > 1 ? args.get(1) : PyInt.of(0));
        if (args.isEmpty()) {
            throw PyError.type("round() missing required argument 'a'");
        }
        PyValue x = args.get(0);
        BigInteger n = PyArithmetic.asInteger(decimals);
        if (n == null) {
            throw PyError.type("'" + decimals.typeName() + "' object cannot be interpreted as an integer");
        }
        if (!(x instanceof PyFloat f)) {
            return round(x, decimals);
        }
        // NumPy scales, rounds half to even, and scales back; unlike Python's round it is not correctly rounded.
        int digits = n.max(BigInteger.valueOf(-400)).min(BigInteger.valueOf(400)).intValue();
        double scale = Math.pow(10.0, Math.abs(digits));
        double v = f.value();
        double rounded = digits >= 0 ? Math.rint(v * scale) / scale : Math.rint(v / scale) * scale;
        return new PyFloat(rounded);
    }

    private static PyValue roundedToInt(PyValue x, DoubleOp op) throws PyError {
        BigInteger integer = PyArithmetic.asInteger(x);
        if (integer != null) {
            return new PyInt(integer);
        }
        if (!(x instanceof PyFloat f)) {
            throw PyError.type("must be real number, not " + x.typeName());
        }
        return new PyInt(floatToInteger(op.apply(f.value())));
    }

    private static BigInteger floatToInteger(double v) throws PyError {
        if (Double.isNaN(v)) {
            throw PyError.value("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(v)) {
            throw PyError.overflow("cannot convert float infinity to integer");
        }
        return new BigDecimal(v).toBigInteger();
    }

    private static PyValue abs(PyValue x) throws PyError {
        BigInteger integer = PyArithmetic.asInteger(x);
        if (integer != null) {
            return new PyInt(integer.abs());
        }
        if (x instanceof PyFloat f) {
            return new PyFloat(Math.abs(f.value()));
        }
        throw PyError.type("bad operand type for abs(): '" + x.typeName() + "'");
    }

    private static PyValue toInt(PyValue x) throws PyError {
        BigInteger integer = PyArithmetic.asInteger(x);
        if (integer != null) {
            return new PyInt(integer);
        }
        if (x instanceof PyFloat f) {
            return new PyInt(floatToInteger(f.value()));
        }
        if (x instanceof PyStr s) {
            String text = PyStrings.strip(s.value());
            if (text.matches("[+-]?[0-9]+(_[0-9]+)*")) {
                return new PyInt(new BigInteger(text.replace("_", "")));
            }
            throw PyError.value("invalid literal for int() with base 10: " + PyStrings.repr(s.value()));
        }
        throw PyError.type("int() argument must be a string, a bytes-like object or a real number, not '"
                + x.typeName() + "'");
    }

    private static PyValue toFloat(PyValue x) throws PyError {
        if (PyArithmetic.isNumber(x)) {
            return new PyFloat(PyArithmetic.toDouble(x));
        }
        if (x instanceof PyStr s) {
            String text = PyStrings.strip(s.value()).replace("_", "");
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            String unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
            if (unsigned.equals("inf") || unsigned.equals("infinity")) {
                return new PyFloat(lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
            }
            if (unsigned.equals("nan")) {
                return new PyFloat(Double.NaN);
            }
            if (text.matches("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                return new PyFloat(Double.parseDouble(text));
            }
            throw PyError.value("could not convert string to float: " + PyStrings.repr(s.value()));
        }
        throw PyError.type("float() argument must be a string or a real number, not '" + x.typeName() + "'");
    }

    private static PyValue extreme(String name, List<PyValue> args, Map<String, PyValue> keywords, String better)
            throws PyError {
        if (!keywords.isEmpty()) {
            throw PyError.type(name + "() got an unexpected keyword argument");
        }
        if (args.isEmpty()) {
            throw PyError.type(name + " expected at least 1 argument, got 0");
        }
        List<PyValue> items = args;
        if (args.size() == 1) {
            items = switch (args.get(0)) {
                case PyTuple t -> t.items();
                case PyStr s -> s.value().codePoints().mapToObj(c -> (PyValue) new PyStr(Character.toString(c))).toList();
                default -> throw PyError.type("'" + args.get(0).typeName() + "' object is not iterable");
            };
        }
        if (items.isEmpty()) {
            throw PyError.value(name + "() arg is an empty sequence");
        }
        PyValue best = items.get(0);
        for (PyValue candidate : items.subList(1, items.size())) {
            if (PyArithmetic.compare(better, candidate, best)) {
                best = candidate;
            }
        }
        return best;
    }

    private static PyValue pow(List<PyValue> args, Map<String, PyValue> keywords) throws PyError {
        if (!keywords.isEmpty() || args.size() < 2 || args.size() > 3) {
            throw PyError.type("pow expected 2 or 3 arguments, got " + args.size());
        }
        if (args.size() == 2) {
            return PyArithmetic.binary("**", args.get(0), args.get(1));
        }
        BigInteger base = PyArithmetic.asInteger(args.get(0));
        BigInteger exponent = PyArithmetic.asInteger(args.get(1));
        BigInteger modulus = PyArithmetic.asInteger(args.get(2));
        if (base == null || exponent == null || modulus == null) {
            throw PyError.type("pow() 3rd argument not allowed unless all arguments are integers");
        }
        if (modulus.signum() == 0) {
            throw PyError.value("pow() 3rd argument cannot be 0");
        }
        BigInteger result = base.modPow(exponent, modulus.abs());
        if (modulus.signum() < 0 && result.signum() != 0) {
            result = result.add(modulus);
        }
        return new PyInt(result);
    }
}
