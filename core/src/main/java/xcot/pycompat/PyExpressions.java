package xcot.pycompat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A safe evaluator for the Python arithmetic expressions that MedCalc answers and limits contain, standing in for the
 * reference's {@code eval}. It parses the whole text first (so a syntax error wins over a name error, as in Python),
 * then walks the tree. It has no access to anything but numbers, strings, tuples and the functions of the chosen
 * {@link PyEnvironment}; every failure is a {@link PyError} carrying CPython's exception text.
 */
public final class PyExpressions {
    private PyExpressions() {}

    /** Python's {@code eval(source)} in the given scope. */
    public static PyValue eval(String source, PyEnvironment environment) throws PyError {
        try {
            return evaluate(PyParser.parse(source), environment);
        } catch (StackOverflowError e) {
            // Deeply nested input; CPython reports its own recursion limit the same way.
            throw new PyError("RecursionError", "maximum recursion depth exceeded during compilation");
        }
    }

    private static PyValue evaluate(PyAst node, PyEnvironment env) throws PyError {
        return switch (node) {
            case PyAst.Literal l -> l.value();
            case PyAst.Name n -> env.lookup(n.id());
            case PyAst.Attribute a -> attribute(evaluate(a.target(), env), a.name());
            case PyAst.Call c -> call(c, env);
            case PyAst.Unary u -> PyArithmetic.unary(u.op(), evaluate(u.operand(), env));
            case PyAst.Binary b -> PyArithmetic.binary(b.op(), evaluate(b.left(), env), evaluate(b.right(), env));
            case PyAst.Compare c -> compare(c, env);
            case PyAst.BoolOp b -> boolOp(b, env);
            case PyAst.Not n -> new PyValue.PyBool(!PyArithmetic.truthy(evaluate(n.operand(), env)));
            case PyAst.Conditional c ->
                    evaluate(PyArithmetic.truthy(evaluate(c.condition(), env)) ? c.value() : c.otherwise(), env);
            case PyAst.Tuple t -> {
                List<PyValue> items = new ArrayList<>();
                for (PyAst item : t.items()) {
                    items.add(evaluate(item, env));
                }
                yield new PyValue.PyTuple(items);
            }
        };
    }

    private static PyValue attribute(PyValue target, String name) throws PyError {
        if (target instanceof PyValue.PyModule module) {
            return PyBuiltins.attribute(module, name);
        }
        throw new PyError("AttributeError", "'" + target.typeName() + "' object has no attribute '" + name + "'");
    }

    private static PyValue call(PyAst.Call call, PyEnvironment env) throws PyError {
        PyValue callee = evaluate(call.callee(), env);
        List<PyValue> args = new ArrayList<>();
        for (PyAst arg : call.args()) {
            args.add(evaluate(arg, env));
        }
        Map<String, PyValue> keywords = new LinkedHashMap<>();
        for (Map.Entry<String, PyAst> keyword : call.keywords().entrySet()) {
            keywords.put(keyword.getKey(), evaluate(keyword.getValue(), env));
        }
        if (!(callee instanceof PyValue.PyFunction function)) {
            throw PyError.type("'" + callee.typeName() + "' object is not callable");
        }
        return function.body().call(args, keywords);
    }

    private static PyValue compare(PyAst.Compare chain, PyEnvironment env) throws PyError {
        PyValue left = evaluate(chain.operands().get(0), env);
        for (int i = 0; i < chain.ops().size(); i++) {
            PyValue right = evaluate(chain.operands().get(i + 1), env);
            if (!PyArithmetic.compare(chain.ops().get(i), left, right)) {
                return new PyValue.PyBool(false);
            }
            left = right;
        }
        return new PyValue.PyBool(true);
    }

    private static PyValue boolOp(PyAst.BoolOp op, PyEnvironment env) throws PyError {
        boolean isOr = op.op().equals("or");
        PyValue value = null;
        for (PyAst operand : op.operands()) {
            value = evaluate(operand, env);
            if (PyArithmetic.truthy(value) == isOr) {
                return value;
            }
        }
        return value;
    }
}
