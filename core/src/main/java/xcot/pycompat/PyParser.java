package xcot.pycompat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xcot.pycompat.PyLexer.Kind;
import xcot.pycompat.PyLexer.Token;

/**
 * Recursive-descent parser for the expression subset of Python that MedCalc answers use: numbers, strings, names,
 * attribute access, calls, unary and binary arithmetic ({@code + - * / // % **}), comparison chains,
 * {@code and/or/not}, conditional expressions, parentheses and tuples. Python's precedence and associativity are kept ({@code -2**2 == -4},
 * {@code 2**3**2 == 512}). Anything else is a {@code SyntaxError}, as {@code eval} would raise for broken text.
 */
final class PyParser {
    private static final Set<String> COMPARISONS = Set.of("<", ">", "==", ">=", "<=", "!=");
    private static final Set<String> UNSUPPORTED_KEYWORDS = Set.of(
            "if", "else", "lambda", "in", "is", "for", "while", "def", "class", "return", "import", "from", "as",
            "with", "yield", "await", "async", "pass", "break", "continue", "del", "global", "nonlocal", "raise",
            "try", "except", "finally", "assert", "elif");

    private final List<Token> tokens;
    private int index;
    private int openParens;

    private PyParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Parses {@code source} as {@code eval} would (leading blanks are allowed, as eval strips them). */
    static PyAst parse(String source) throws PyError {
        PyParser parser = new PyParser(PyLexer.tokenize(source));
        if (parser.peek().kind() == Kind.END) {
            // CPython reports an empty eval() source on line 0.
            throw new PyError("SyntaxError", "invalid syntax (<string>, line 0)");
        }
        PyAst tree = parser.expressions();
        Token rest = parser.peek();
        if (rest.kind() != Kind.END) {
            throw PyError.syntax(rest.text().equals(")") ? "unmatched ')'" : "invalid syntax");
        }
        return tree;
    }

    private Token peek() {
        return tokens.get(index);
    }

    private boolean atOp(String op) {
        Token t = peek();
        return t.kind() == Kind.OP && t.text().equals(op);
    }

    private boolean atKeyword(String keyword) {
        Token t = peek();
        return t.kind() == Kind.NAME && t.text().equals(keyword);
    }

    private void expectOp(String op) throws PyError {
        if (!atOp(op)) {
            if (peek().kind() == Kind.END && op.equals(")")) {
                throw PyError.syntax("'(' was never closed");
            }
            throw PyError.syntax("invalid syntax");
        }
        index++;
    }

    /** {@code expr (',' expr)* [',']}; a comma makes a tuple. */
    private PyAst expressions() throws PyError {
        PyAst first = expression();
        if (!atOp(",")) {
            return first;
        }
        List<PyAst> items = new ArrayList<>(List.of(first));
        while (atOp(",")) {
            index++;
            if (startsExpression()) {
                items.add(expression());
            } else {
                break;
            }
        }
        return new PyAst.Tuple(items);
    }

    private boolean startsExpression() {
        Token t = peek();
        return switch (t.kind()) {
            case NUMBER, STRING -> true;
            case NAME -> !UNSUPPORTED_KEYWORDS.contains(t.text()) && !t.text().equals("and") && !t.text().equals("or");
            case OP -> Set.of("(", "-", "+", "~").contains(t.text());
            case END -> false;
        };
    }

    /** {@code or_test ['if' or_test 'else' expression]}. */
    private PyAst expression() throws PyError {
        PyAst value = orTest();
        if (!atKeyword("if")) {
            return value;
        }
        index++;
        PyAst condition = orTest();
        if (!atKeyword("else")) {
            throw PyError.syntax("expected 'else' after 'if' expression");
        }
        index++;
        return new PyAst.Conditional(condition, value, expression());
    }

    private PyAst orTest() throws PyError {
        PyAst first = andTest();
        if (!atKeyword("or")) {
            return first;
        }
        List<PyAst> operands = new ArrayList<>(List.of(first));
        while (atKeyword("or")) {
            index++;
            operands.add(andTest());
        }
        return new PyAst.BoolOp("or", operands);
    }

    private PyAst andTest() throws PyError {
        PyAst first = notTest();
        if (!atKeyword("and")) {
            return first;
        }
        List<PyAst> operands = new ArrayList<>(List.of(first));
        while (atKeyword("and")) {
            index++;
            operands.add(notTest());
        }
        return new PyAst.BoolOp("and", operands);
    }

    private PyAst notTest() throws PyError {
        if (atKeyword("not")) {
            index++;
            return new PyAst.Not(notTest());
        }
        return comparison();
    }

    private PyAst comparison() throws PyError {
        PyAst first = arithmetic();
        if (!(peek().kind() == Kind.OP && COMPARISONS.contains(peek().text()))) {
            return first;
        }
        List<PyAst> operands = new ArrayList<>(List.of(first));
        List<String> ops = new ArrayList<>();
        while (peek().kind() == Kind.OP && COMPARISONS.contains(peek().text())) {
            ops.add(peek().text());
            index++;
            operands.add(arithmetic());
        }
        return new PyAst.Compare(operands, ops);
    }

    private PyAst arithmetic() throws PyError {
        PyAst left = term();
        while (atOp("+") || atOp("-")) {
            String op = peek().text();
            index++;
            left = new PyAst.Binary(op, left, term());
        }
        return left;
    }

    private PyAst term() throws PyError {
        PyAst left = factor();
        while (atOp("*") || atOp("/") || atOp("//") || atOp("%")) {
            String op = peek().text();
            index++;
            left = new PyAst.Binary(op, left, factor());
        }
        return left;
    }

    private PyAst factor() throws PyError {
        if (atOp("-") || atOp("+") || atOp("~")) {
            String op = peek().text();
            index++;
            return new PyAst.Unary(op, factor());
        }
        return power();
    }

    /** {@code primary ['**' factor]}: right-associative, and binds tighter than a unary minus on its left. */
    private PyAst power() throws PyError {
        PyAst base = primary();
        if (atOp("**")) {
            index++;
            return new PyAst.Binary("**", base, factor());
        }
        return base;
    }

    private PyAst primary() throws PyError {
        PyAst node = atom();
        while (true) {
            if (atOp("(")) {
                index++;
                openParens++;
                node = call(node);
                openParens--;
            } else if (atOp(".")) {
                index++;
                Token name = peek();
                if (name.kind() != Kind.NAME) {
                    throw PyError.syntax("invalid syntax");
                }
                index++;
                node = new PyAst.Attribute(node, name.text());
            } else {
                return node;
            }
        }
    }

    private PyAst call(PyAst callee) throws PyError {
        List<PyAst> args = new ArrayList<>();
        Map<String, PyAst> keywords = new LinkedHashMap<>();
        while (!atOp(")")) {
            Token t = peek();
            if (t.kind() == Kind.NAME && tokens.get(index + 1).kind() == Kind.OP
                    && tokens.get(index + 1).text().equals("=")) {
                index += 2;
                keywords.put(t.text(), expression());
            } else {
                if (!keywords.isEmpty()) {
                    throw PyError.syntax("positional argument follows keyword argument");
                }
                args.add(expression());
            }
            if (!atOp(",")) {
                break;
            }
            index++;
        }
        expectOp(")");
        return new PyAst.Call(callee, args, keywords);
    }

    private PyAst atom() throws PyError {
        Token t = peek();
        switch (t.kind()) {
            case NUMBER -> {
                index++;
                return new PyAst.Literal(t.value());
            }
            case STRING -> {
                StringBuilder joined = new StringBuilder();
                while (peek().kind() == Kind.STRING) {
                    joined.append(((PyValue.PyStr) peek().value()).value());
                    index++;
                }
                return new PyAst.Literal(new PyValue.PyStr(joined.toString()));
            }
            case NAME -> {
                index++;
                return switch (t.text()) {
                    case "True" -> new PyAst.Literal(new PyValue.PyBool(true));
                    case "False" -> new PyAst.Literal(new PyValue.PyBool(false));
                    case "None" -> new PyAst.Literal(new PyValue.PyNone());
                    default -> {
                        if (UNSUPPORTED_KEYWORDS.contains(t.text()) || t.text().equals("and")
                                || t.text().equals("or") || t.text().equals("not")) {
                            throw PyError.syntax("invalid syntax");
                        }
                        yield new PyAst.Name(t.text());
                    }
                };
            }
            case OP -> {
                if (t.text().equals("(")) {
                    index++;
                    openParens++;
                    if (atOp(")")) {
                        index++;
                        openParens--;
                        return new PyAst.Tuple(List.of());
                    }
                    PyAst inner = expressions();
                    expectOp(")");
                    openParens--;
                    return inner;
                }
                if (t.text().equals(")")) {
                    throw PyError.syntax("unmatched ')'");
                }
                throw PyError.syntax("invalid syntax");
            }
            case END -> throw PyError.syntax(openParens > 0 ? "'(' was never closed" : "invalid syntax");
        }
        throw PyError.syntax("invalid syntax");
    }
}
