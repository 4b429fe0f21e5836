package xcot.pycompat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits an expression into Python tokens. Numeric literals follow Python 3's grammar, including the errors that end
 * up stored as reference answers ({@code 08}: "leading zeros in decimal integer literals are not permitted ...";
 * a non-ASCII digit: "invalid character ..."). Imaginary literals are rejected: xcot has no complex numbers.
 */
final class PyLexer {
    enum Kind { NUMBER, NAME, STRING, OP, END }

    record Token(Kind kind, String text, PyValue value) {}

    private static final Set<String> OPERATORS_3 = Set.of("**=", "//=", ">>=", "<<=", "...");
    private static final Set<String> OPERATORS_2 = Set.of(
            "**", "//", "==", "!=", "<=", ">=", "<<", ">>", "->", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", ":=");
    private static final String OPERATORS_1 = "+-*/%<>()[]{},.:;=~&|^@";

    private final String source;
    private int position;

    private PyLexer(String source) {
        this.source = source;
    }

    static List<Token> tokenize(String source) throws PyError {
        return new PyLexer(source).run();
    }

    private List<Token> run() throws PyError {
        List<Token> tokens = new ArrayList<>();
        while (true) {
            skipBlanks();
            if (position >= source.length()) {
                tokens.add(new Token(Kind.END, "", null));
                return tokens;
            }
            int c = source.codePointAt(position);
            if (isAsciiDigit(c) || (c == '.' && position + 1 < source.length() && isAsciiDigit(source.charAt(position + 1)))) {
                tokens.add(number());
            } else if (Character.isUnicodeIdentifierStart(c) || c == '_') {
                tokens.add(name());
            } else if (c == '\'' || c == '"') {
                tokens.add(string((char) c));
            } else {
                tokens.add(operator(c));
            }
        }
    }

    private void skipBlanks() throws PyError {
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == ' ' || c == '\t' || c == '\f') {
                position++;
            } else if (c == '\n' || c == '\r') {
                // eval() accepts a trailing newline; any other line break ends the one expression too early.
                if (!source.substring(position).isBlank()) {
                    throw PyError.syntax("invalid syntax");
                }
                position = source.length();
            } else if (c == '\\' && position + 1 < source.length() && source.charAt(position + 1) == '\n') {
                position += 2;
            } else {
                return;
            }
        }
    }

    private Token name() {
        int start = position;
        position += Character.charCount(source.codePointAt(position));
        while (position < source.length()) {
            int c = source.codePointAt(position);
            if (!Character.isUnicodeIdentifierPart(c) || Character.isIdentifierIgnorable(c)) {
                break;
            }
            position += Character.charCount(c);
        }
        String text = source.substring(start, position);
        return new Token(Kind.NAME, text, null);
    }

    private Token string(char quote) throws PyError {
        StringBuilder value = new StringBuilder();
        int i = position + 1;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c == quote) {
                String text = source.substring(position, i + 1);
                position = i + 1;
                return new Token(Kind.STRING, text, new PyValue.PyStr(value.toString()));
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && i + 1 < source.length()) {
                char next = source.charAt(i + 1);
                switch (next) {
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    case '\\', '\'', '"' -> value.append(next);
                    default -> value.append('\\').append(next);
                }
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        throw PyError.syntax("unterminated string literal (detected at line 1)");
    }

    private Token operator(int c) throws PyError {
        for (int length = 3; length >= 2; length--) {
            if (position + length <= source.length()) {
                String candidate = source.substring(position, position + length);
                if ((length == 3 ? OPERATORS_3 : OPERATORS_2).contains(candidate)) {
                    position += length;
                    return new Token(Kind.OP, candidate, null);
                }
            }
        }
        if (c < 0x80 && OPERATORS_1.indexOf(c) >= 0) {
            position++;
            return new Token(Kind.OP, String.valueOf((char) c), null);
        }
        if (c == '!' || c == '$' || c == '?' || c == '`') {
            throw PyError.syntax("invalid syntax");
        }
        throw PyError.syntax(String.format("invalid character '%s' (U+%04X)", Character.toString(c), c));
    }

    private Token number() throws PyError {
        int start = position;
        if (source.charAt(position) == '0' && position + 1 < source.length()
                && "xXoObB".indexOf(source.charAt(position + 1)) >= 0) {
            return radixNumber(start);
        }
        boolean integerPart = digitRun();
        boolean isFloat = false;
        if (position < source.length() && source.charAt(position) == '.') {
            position++;
            isFloat = true;
            if (position < source.length() && isAsciiDigit(source.charAt(position))) {
                digitRun();
            }
        }
        if (position < source.length() && (source.charAt(position) == 'e' || source.charAt(position) == 'E')) {
            int mark = position;
            position++;
            if (position < source.length() && (source.charAt(position) == '+' || source.charAt(position) == '-')) {
                position++;
            }
            if (position < source.length() && isAsciiDigit(source.charAt(position))) {
                digitRun();
                isFloat = true;
            } else {
                position = mark;
                throw PyError.syntax("invalid decimal literal");
            }
        }
        if (position < source.length() && (source.charAt(position) == 'j' || source.charAt(position) == 'J')) {
            throw new PyError("ValueError", "complex numbers are not supported by xcot's evaluator");
        }
        if (position < source.length() && isIdentifierChar(source.codePointAt(position))) {
            throw PyError.syntax("invalid decimal literal");
        }
        String text = source.substring(start, position);
        String clean = text.replace("_", "");
        if (isFloat) {
            return new Token(Kind.NUMBER, text, new PyValue.PyFloat(Double.parseDouble(clean)));
        }
        if (integerPart && clean.length() > 1 && clean.charAt(0) == '0' && !clean.chars().allMatch(ch -> ch == '0')) {
            throw PyError.syntax(
                    "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers");
        }
        return new Token(Kind.NUMBER, text, new PyValue.PyInt(new BigInteger(clean)));
    }

    /** Digits with single underscores between them; returns whether any digit was read. */
    private boolean digitRun() throws PyError {
        boolean any = false;
        while (position < source.length()) {
            char c = source.charAt(position);
            if (isAsciiDigit(c)) {
                any = true;
                position++;
            } else if (c == '_' && any && position + 1 < source.length() && isAsciiDigit(source.charAt(position + 1))) {
                position++;
            } else if (c == '_') {
                throw PyError.syntax("invalid decimal literal");
            } else {
                break;
            }
        }
        return any;
    }

    private Token radixNumber(int start) throws PyError {
        char prefix = Character.toLowerCase(source.charAt(position + 1));
        int radix = prefix == 'x' ? 16 : prefix == 'o' ? 8 : 2;
        String kind = prefix == 'x' ? "hexadecimal" : prefix == 'o' ? "octal" : "binary";
        position += 2;
        StringBuilder digits = new StringBuilder();
        while (position < source.length()) {
            char c = source.charAt(position);
            if (c == '_' && position + 1 < source.length() && Character.digit(source.charAt(position + 1), radix) >= 0) {
                position++;
            } else if (c < 0x80 && Character.digit(c, radix) >= 0) {
                digits.append(c);
                position++;
            } else {
                break;
            }
        }
        if (digits.isEmpty() || (position < source.length() && isIdentifierChar(source.codePointAt(position)))) {
            throw PyError.syntax("invalid " + kind + " literal");
        }
        return new Token(Kind.NUMBER, source.substring(start, position),
                new PyValue.PyInt(new BigInteger(digits.toString(), radix)));
    }

    private static boolean isAsciiDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isIdentifierChar(int c) {
        return c == '_' || Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }
}
