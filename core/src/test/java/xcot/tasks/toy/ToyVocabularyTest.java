package xcot.tasks.toy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;

class ToyVocabularyTest {
    @Test
    void hasTheStudysIds() {
        TokenizerSpec spec = ToyVocabulary.spec();
        assertEquals(305, spec.size());
        assertEquals("<0x00>", spec.tokens().get(3));
        assertEquals("<0xFF>", spec.tokens().get(258));
        assertEquals(TokenType.BYTE, spec.tokenTypes().get(100));
        assertEquals("<think>", spec.tokens().get(259));
        assertEquals(TokenType.USER_DEFINED, spec.tokenTypes().get(260));
        assertEquals("\u2581", spec.tokens().get(261));
        assertEquals("0", spec.tokens().get(262));
        assertEquals("=", spec.tokens().get(275));
        assertEquals("z", spec.tokens().get(304));
        assertEquals(Optional.of(false), spec.addSpacePrefix());
        assertEquals(1, spec.special().bos().getAsInt());
        assertEquals(2, spec.special().padding().getAsInt());
    }

    @Test
    void encodesAsLlamaCppDid() {
        // llama_tokenize(add_special=true, parse_special=false) on the loaded toy vocabulary, from the training notes.
        int[] expected = {1, 262, 272, 263, 272, 265, 275, 259, 261, 262, 272, 263, 275, 263, 261, 263, 272, 265, 275,
            266, 261, 260, 261, 266};
        assertArrayEquals(expected, ToyVocabulary.encode("0+1+3=<think> 0+1=1 1+3=4 </think> 4"));
        assertThrows(IllegalArgumentException.class, () -> ToyVocabulary.encode("6+1=7!"));
        ToyProblem longest = new ToyProblem(9, 9, 9);
        int promptTokens = ToyVocabulary.encode(longest.prompt()).length;
        int newTokens = ToyVocabulary.encode(longest.prompt() + CotStyle.WORDS.completion(longest)).length
                - promptTokens;
        assertEquals(39, newTokens, "the longest target: words style, two-digit sums");
        assertEquals(ToyTask.ANSWER_BUDGET_TOKENS, newTokens + 1, "the budget fits it and its EOS");
    }
}
