package xcot.bindgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the C types clang prints ({@code qualType}), e.g. {@code const char *(*)(const struct llama_sampler *)},
 * {@code int64_t[4]} or {@code union llama_model_kv_override::(anonymous at /inc/llama.h:300:9)}, into {@link CType}s.
 *
 * <p>The declarator grammar is C's abstract declarator: pointers, then an optional parenthesised inner declarator,
 * then array and parameter-list suffixes, read inside out.
 */
final class TypeParser {
    private static final Set<String> QUALIFIERS = Set.of("const", "volatile", "restrict", "__restrict", "__restrict__");
    private static final String CONST = "const";
    private static final Set<String> BUILTIN_WORDS = Set.of(
            "void", "_Bool", "bool", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "__int128");

    private final String text;
    private final List<String> tokens;
    private int pos;
    private final int end;

    private TypeParser(String text, List<String> tokens, int start, int end) {
        this.text = text;
        this.tokens = tokens;
        this.pos = start;
        this.end = end;
    }

    /** Parses one type; {@code context} names the declaration in error messages. */
    static CType parse(String text, String context) {
        List<String> tokens = tokenize(text, context);
        TypeParser parser = new TypeParser(text, tokens, 0, tokens.size());
        CType type = parser.type(context);
        if (parser.pos != parser.end) {
            throw new BindgenException(context + ": cannot parse type '" + text + "' (stopped at '" + tokens.get(parser.pos) + "')");
        }
        return type;
    }

    private CType type(String context) {
        return declarator(specifiers(context), context);
    }

    private CType specifiers(String context) {
        List<String> builtinWords = new ArrayList<>();
        CType named = null;
        boolean constant = false;
        while (pos < end) {
            String t = tokens.get(pos);
            if (QUALIFIERS.contains(t)) {
                constant |= t.equals(CONST);
                pos++;
            } else if (t.equals("struct") || t.equals("union") || t.equals("enum")) {
                pos++;
                CType.Tag tag = CType.Tag.valueOf(t.toUpperCase());
                String name = tokens.get(pos++);
                named = name.startsWith("(")
                        ? new CType.Tagged(tag, null, anonymousKey(name, context))
                        : new CType.Tagged(tag, name, null);
            } else if (BUILTIN_WORDS.contains(t)) {
                builtinWords.add(t);
                pos++;
            } else if (isIdentifier(t) && named == null && builtinWords.isEmpty()) {
                named = new CType.Typedef(t);
                pos++;
            } else {
                break;
            }
        }
        if (named != null && !builtinWords.isEmpty()) {
            throw new BindgenException(context + ": cannot parse type '" + text + "'");
        }
        if (named == null && builtinWords.isEmpty()) {
            throw new BindgenException(context + ": no type specifier in '" + text + "'");
        }
        CType base = named != null ? named : new CType.Builtin(builtinKind(builtinWords, context));
        return constant ? new CType.Const(base) : base;
    }

    /** Applies an abstract declarator to {@code base}: pointers bind looser than suffixes, parentheses regroup. */
    private CType declarator(CType base, String context) {
        CType type = base;
        while (pos < end && tokens.get(pos).equals("*")) {
            pos++;
            while (pos < end && QUALIFIERS.contains(tokens.get(pos))) {
                pos++;
            }
            type = new CType.Pointer(type);
        }
        if (pos < end && tokens.get(pos).equals("(") && pos + 1 < end && tokens.get(pos + 1).equals("*")) {
            int innerStart = pos + 1;
            int innerEnd = matching(pos, context);
            pos = innerEnd + 1;
            CType outer = suffixes(type, context);
            TypeParser inner = new TypeParser(text, tokens, innerStart, innerEnd);
            CType result = inner.declarator(outer, context);
            if (inner.pos != innerEnd) {
                throw new BindgenException(context + ": cannot parse declarator in '" + text + "'");
            }
            return result;
        }
        return suffixes(type, context);
    }

    /** Array and function suffixes, applied right to left so that {@code int[2][3]} is an array of 2 arrays of 3. */
    private CType suffixes(CType base, String context) {
        List<Object> suffixes = new ArrayList<>();
        while (pos < end && (tokens.get(pos).equals("[") || tokens.get(pos).equals("("))) {
            if (tokens.get(pos).equals("[")) {
                pos++;
                long length = 0;
                if (!tokens.get(pos).equals("]")) {
                    length = Long.parseLong(tokens.get(pos++));
                }
                expect("]", context);
                suffixes.add(length);
            } else {
                suffixes.add(parameters(context));
            }
        }
        CType type = base;
        for (int i = suffixes.size() - 1; i >= 0; i--) {
            if (suffixes.get(i) instanceof Long length) {
                type = new CType.Array(type, length);
            } else {
                ParameterList p = (ParameterList) suffixes.get(i);
                type = new CType.Function(type, p.types(), p.variadic());
            }
        }
        return type;
    }

    private record ParameterList(List<CType> types, boolean variadic) {}

    private ParameterList parameters(String context) {
        expect("(", context);
        List<CType> types = new ArrayList<>();
        boolean variadic = false;
        while (!tokens.get(pos).equals(")")) {
            if (tokens.get(pos).equals("...")) {
                variadic = true;
                pos++;
            } else {
                types.add(type(context));
            }
            if (tokens.get(pos).equals(",")) {
                pos++;
            }
        }
        expect(")", context);
        if (types.size() == 1 && types.getFirst() instanceof CType.Builtin b && b.kind() == CType.Kind.VOID) {
            types = List.of();
        }
        return new ParameterList(types, variadic);
    }

    private int matching(int open, String context) {
        int depth = 0;
        for (int i = open; i < end; i++) {
            if (tokens.get(i).equals("(")) {
                depth++;
            } else if (tokens.get(i).equals(")") && --depth == 0) {
                return i;
            }
        }
        throw new BindgenException(context + ": unbalanced parentheses in '" + text + "'");
    }

    private void expect(String token, String context) {
        if (pos >= end || !tokens.get(pos).equals(token)) {
            throw new BindgenException(context + ": expected '" + token + "' in type '" + text + "'");
        }
        pos++;
    }

    private CType.Kind builtinKind(List<String> words, String context) {
        boolean unsigned = words.remove("unsigned");
        boolean signed = words.remove("signed");
        int longs = (int) words.stream().filter("long"::equals).count();
        words.removeIf("long"::equals);
        words.remove("int");
        String base = words.isEmpty() ? "int" : String.join(" ", words);
        CType.Kind kind = switch (base) {
            case "void" -> CType.Kind.VOID;
            case "_Bool", "bool" -> CType.Kind.BOOL;
            case "char" -> unsigned ? CType.Kind.UCHAR : signed ? CType.Kind.SCHAR : CType.Kind.CHAR;
            case "short" -> unsigned ? CType.Kind.USHORT : CType.Kind.SHORT;
            case "float" -> CType.Kind.FLOAT;
            case "double" -> longs > 0 ? CType.Kind.LONGDOUBLE : CType.Kind.DOUBLE;
            case "__int128" -> unsigned ? CType.Kind.UINT128 : CType.Kind.INT128;
            case "int" -> switch (longs) {
                case 0 -> unsigned ? CType.Kind.UINT : CType.Kind.INT;
                case 1 -> unsigned ? CType.Kind.ULONG : CType.Kind.LONG;
                default -> unsigned ? CType.Kind.ULONGLONG : CType.Kind.LONGLONG;
            };
            default -> null;
        };
        if (kind == null) {
            throw new BindgenException(context + ": unknown builtin type '" + text + "'");
        }
        return kind;
    }

    /** {@code (anonymous at /inc/llama.h:300:9)} or {@code (unnamed struct at ...)} → {@code /inc/llama.h:300:9}. */
    private static String anonymousKey(String token, String context) {
        int at = token.lastIndexOf(" at ");
        if (at < 0 || !token.endsWith(")")) {
            throw new BindgenException(context + ": cannot read anonymous type '" + token + "'");
        }
        return token.substring(at + 4, token.length() - 1);
    }

    private static boolean isIdentifier(String t) {
        return !t.isEmpty() && (Character.isLetter(t.charAt(0)) || t.charAt(0) == '_');
    }

    private static List<String> tokenize(String text, String context) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        String previous = "";
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetterOrDigit(c) || c == '_') {
                int start = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                    i++;
                }
                String word = text.substring(start, i);
                if (text.startsWith("::(", i)) {
                    // union outer::(anonymous at file:line:col): the outer name adds nothing to the location.
                    i += 2;
                    continue;
                }
                tokens.add(word);
                previous = word;
            } else if (c == '(' && (previous.equals("struct") || previous.equals("union") || previous.equals("enum")
                    || text.startsWith("(anonymous", i) || text.startsWith("(unnamed", i))) {
                int close = text.indexOf(')', i);
                if (close < 0) {
                    throw new BindgenException(context + ": unbalanced anonymous type in '" + text + "'");
                }
                previous = text.substring(i, close + 1);
                tokens.add(previous);
                i = close + 1;
            } else if (text.startsWith("...", i)) {
                tokens.add("...");
                previous = "...";
                i += 3;
            } else if ("*()[],".indexOf(c) >= 0) {
                previous = String.valueOf(c);
                tokens.add(previous);
                i++;
            } else {
                throw new BindgenException(context + ": unexpected '" + c + "' in type '" + text + "'");
            }
        }
        return tokens;
    }
}
