package xcot.pycompat;

import java.util.List;
import java.util.Map;

/** Syntax tree of the Python expression subset that {@link PyParser} accepts. */
sealed interface PyAst {
    record Literal(PyValue value) implements PyAst {}

    record Name(String id) implements PyAst {}

    record Attribute(PyAst target, String name) implements PyAst {}

    record Call(PyAst callee, List<PyAst> args, Map<String, PyAst> keywords) implements PyAst {}

    record Unary(String op, PyAst operand) implements PyAst {}

    record Binary(String op, PyAst left, PyAst right) implements PyAst {}

    /** A comparison chain {@code a < b <= c}: {@code ops.size() == operands.size() - 1}. */
    record Compare(List<PyAst> operands, List<String> ops) implements PyAst {}

    /** {@code and} / {@code or}, which return one of their operands. */
    record BoolOp(String op, List<PyAst> operands) implements PyAst {}

    record Not(PyAst operand) implements PyAst {}

    /** {@code value if condition else otherwise}. */
    record Conditional(PyAst condition, PyAst value, PyAst otherwise) implements PyAst {}

    record Tuple(List<PyAst> items) implements PyAst {}
}
