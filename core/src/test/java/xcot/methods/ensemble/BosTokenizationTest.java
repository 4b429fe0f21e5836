package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.ModelShape;
import xcot.fixtures.Qwen3Tokenizer;
import xcot.fixtures.TinyModels;
import xcot.fixtures.TokenizerSpec;
import xcot.llm.Model;
import xcot.llm.ModelOptions;

/** Quirk Q2 on a tokenizer that adds BOS: a context that already starts with the BOS text gets no second one. */
class BosTokenizationTest {
    @Test
    void aTextStartingWithBosGetsExactlyOneUnlessDoubleBosIsAsked(@TempDir Path dir) throws Exception {
        TokenizerSpec qwen = Qwen3Tokenizer.load();
        int bos = qwen.idOf("<|im_start|>").orElseThrow();
        TokenizerSpec addsBos = new TokenizerSpec(qwen.model(), qwen.pre(), qwen.tokens(), qwen.tokenTypes(),
                qwen.scores(), qwen.merges(), qwen.special().withBos(bos), true, false, qwen.addSpacePrefix(),
                qwen.chatTemplate());
        Path file = dir.resolve("adds-bos.gguf");
        TinyModels.write(ModelShape.tiny(), 5, addsBos, file);
        String text = "<|im_start|>user\nHello<|im_end|>\n";
        try (Model model = Model.load(file, ModelOptions.vocabularyOnly())) {
            int plain = model.vocab().tokenize(text, false, true).length;
            assertEquals(plain + 1, model.vocab().tokenize(text, true, true).length, "llama.cpp adds a second BOS");
            try (Model weights = Model.load(file, ModelOptions.defaults());
                    IncrementalModel fixed = IncrementalModel.open("f", weights, SessionOptions.of(512, 1), null, true);
                    IncrementalModel doubled = IncrementalModel.open("d", weights,
                            SessionOptions.of(512, 1).withDoubleBos(true), null, true)) {
                fixed.start(text);
                doubled.start(text);
                assertEquals(plain, fixed.contextTokens());
                assertEquals(plain + 1, doubled.contextTokens());
                fixed.start("Hello");
                assertEquals(model.vocab().tokenize("Hello", true, true).length, fixed.contextTokens(),
                        "a text without its own BOS still gets one");
            }
        }
    }
}
