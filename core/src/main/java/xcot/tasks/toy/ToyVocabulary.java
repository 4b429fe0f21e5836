package xcot.tasks.toy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xcot.fixtures.SpecialTokens;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;

/**
 * The toy models' 305-token SentencePiece ({@code llama}) vocabulary, where every character is one token:
 * <pre>
 *   0 &lt;unk&gt; (UNKNOWN), 1 &lt;s&gt; and 2 &lt;/s&gt; (CONTROL), 3-258 the byte tokens &lt;0x00&gt;..&lt;0xFF&gt; (BYTE),
 *   259 &lt;think&gt; and 260 &lt;/think&gt; (USER_DEFINED), 261 U+2581, 262-271 0-9, 272-278 + - * = , . :,
 *   279-304 a-z (NORMAL); all scores 0
 * </pre>
 * The byte tokens are required (a character missing from an SPM vocabulary falls back to its bytes, and a missing
 * byte token is a C++ exception that kills the JVM). The think tags are USER_DEFINED so that llama.cpp matches them
 * without special-token parsing and renders them in generated text (CONTROL tokens would vanish). No space prefix:
 * with llama.cpp's default, a space would follow every special token and an inserted CoT would tokenize differently
 * from a generated one.
 */
public final class ToyVocabulary {
    public static final int SIZE = 305;
    public static final int BOS = 1;
    public static final int EOS = 2;
    public static final int THINK_OPEN = 259;
    public static final int THINK_CLOSE = 260;
    /** SentencePiece's word-boundary mark, which stands for a space. */
    public static final String SPACE_MARK = "\u2581";
    private static final String NORMAL = SPACE_MARK + "0123456789+-*=,.:" + "abcdefghijklmnopqrstuvwxyz";

    private static final TokenizerSpec SPEC = build();
    private static final Map<Integer, Integer> ID_OF_CHAR = charIds();

    private ToyVocabulary() {}

    public static TokenizerSpec spec() {
        return SPEC;
    }

    private static TokenizerSpec build() {
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<TokenType> types = new ArrayList<>(List.of(TokenType.UNKNOWN, TokenType.CONTROL, TokenType.CONTROL));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(TokenType.BYTE);
        }
        tokens.addAll(List.of(ToyAnswers.THINK_OPEN, ToyAnswers.THINK_CLOSE));
        types.addAll(List.of(TokenType.USER_DEFINED, TokenType.USER_DEFINED));
        NORMAL.codePoints().forEach(c -> {
            tokens.add(Character.toString(c));
            types.add(TokenType.NORMAL);
        });
        List<Float> scores = tokens.stream().map(t -> 0f).toList();
        SpecialTokens special = SpecialTokens.none().withBos(BOS).withEos(EOS).withPadding(EOS).withUnknown(0);
        return new TokenizerSpec("llama", Optional.of("default"), tokens, types, scores, List.of(), special, true,
                false, Optional.of(false), Optional.empty());
    }

    private static Map<Integer, Integer> charIds() {
        Map<Integer, Integer> ids = new HashMap<>();
        int id = THINK_CLOSE + 1;
        for (int c : NORMAL.codePoints().toArray()) {
            ids.put(c, id++);
        }
        ids.put((int) ' ', ids.get(SPACE_MARK.codePointAt(0)));
        return ids;
    }

    /**
     * Tokenizes toy text the way llama.cpp does for this vocabulary (BOS first, {@code <think>}/{@code </think>} as
     * one token each, a space as U+2581, every other character its own token), without a native call.
     *
     * @throws IllegalArgumentException for a character outside the vocabulary (llama.cpp would use byte tokens;
     *                                  toy text never needs them)
     */
    public static int[] encode(String text) {
        int[] out = new int[text.length() + 1];
        int n = 0;
        out[n++] = BOS;
        for (int i = 0; i < text.length(); ) {
            if (text.startsWith(ToyAnswers.THINK_OPEN, i)) {
                out[n++] = THINK_OPEN;
                i += ToyAnswers.THINK_OPEN.length();
            } else if (text.startsWith(ToyAnswers.THINK_CLOSE, i)) {
                out[n++] = THINK_CLOSE;
                i += ToyAnswers.THINK_CLOSE.length();
            } else {
                int c = text.codePointAt(i);
                Integer id = ID_OF_CHAR.get(c);
                if (id == null) {
                    throw new IllegalArgumentException("character '" + Character.toString(c) + "' at index " + i
                            + " is not in the toy vocabulary");
                }
                out[n++] = id;
                i += Character.charCount(c);
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
