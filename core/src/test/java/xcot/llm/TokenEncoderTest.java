package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import xcot.fixtures.MiniLm;
import xcot.fixtures.TinyModels;

class TokenEncoderTest {
    @Test
    void aLongTextIsCutToTheWindowKeepingItsSeparator() throws IOException {
        try (TokenEncoder encoder = TokenEncoder.open(MiniLm.cachedGguf(), 1)) {
            int[] tokens = encoder.tokenize("word ".repeat(2 * encoder.windowTokens()));
            assertEquals(encoder.windowTokens(), tokens.length);
            assertEquals(encoder.vocab().bos(), tokens[0]);
            assertEquals(encoder.vocab().separator(), tokens[tokens.length - 1]);
            TokenEmbeddings e = encoder.encode("");
            assertArrayEquals(new int[] {encoder.vocab().bos(), encoder.vocab().separator()}, e.tokens());
            assertTrue(e.markers()[0] && e.markers()[1]);
            assertFalse(encoder.encode("word").markers()[1]);
        }
    }

    @Test
    void aDecoderModelIsRefusedBeforeAnyEncode() throws IOException {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> TokenEncoder.open(TinyModels.cachedTinyQwen3(1), 1));
        assertTrue(e.getMessage().contains("'qwen3' is not a text encoder"), e.getMessage());
    }

    @Test
    void aGenerationContextCannotEncode() throws IOException {
        try (Model model = Model.load(TinyModels.cachedTinyQwen3(1), ModelOptions.defaults());
             Context context = model.newContext(ContextOptions.of(64));
             Batch batch = context.newBatch(4, 1)) {
            batch.add(1, 0, true, 0);
            assertThrows(IllegalStateException.class, () -> context.encode(batch));
        }
    }
}
