package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VocabTest {
    private static Model model;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void thinkTagsAreSingleTokensAndRoundTrip() {
        Vocab vocab = model.vocab();
        int[] tokens = vocab.tokenize("<think>\n\n</think>", false, true);
        assertArrayEquals(new int[] {151667, 271, 151668}, tokens);
        assertEquals("<think>", vocab.detokenize(new int[] {151667}, false, true));
        assertEquals("</think>", vocab.detokenize(new int[] {151668}, false, true));
        assertEquals("<think>\n\n</think>", vocab.detokenize(tokens, false, true));
    }

    @Test
    void specialTokensAreTextWithoutSpecialParsing() {
        int[] tokens = model.vocab().tokenize("<|im_start|>", false, false);
        assertTrue(tokens.length > 1, "without parse_special the control token is spelled out");
        assertArrayEquals(new int[] {151644}, model.vocab().tokenize("<|im_start|>", false, true));
    }

    @Test
    void longTextNeedsTheRetryPath() {
        String text = "word ".repeat(5000) + "é漢字🙂";
        int[] tokens = model.vocab().tokenize(text, false, false);
        assertEquals(text, model.vocab().detokenize(tokens, false, false));
    }

    @Test
    void specialIdsMatchTheQwen3Tokenizer() {
        Vocab vocab = model.vocab();
        assertEquals(151669, vocab.size());
        assertEquals(151645, vocab.eos());
        assertTrue(vocab.isEndOfGeneration(151645));
        assertFalse(vocab.addsBos());
    }

    @Test
    void tokenOutsideTheVocabularyIsRejectedInJava() {
        assertThrows(BatchRejectedException.class, () -> model.vocab().pieceBytes(151669, true));
        assertThrows(BatchRejectedException.class, () -> model.vocab().detokenize(new int[] {-1}, false, false));
    }

    @Test
    void chatTemplateRendersTheQwen3Format() {
        String template = model.chatTemplate().orElseThrow();
        String rendered = ChatTemplate.apply(template, List.of(ChatMessage.user("What is 2+2?")), true);
        assertEquals("<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n", rendered);
        String withSystem = ChatTemplate.apply(template,
                List.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi")), true);
        assertEquals("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n",
                withSystem);
    }
}
