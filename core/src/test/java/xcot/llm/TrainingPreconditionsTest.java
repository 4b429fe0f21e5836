package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.TinyModels;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.tasks.toy.ToyVocabulary;

/** Each case would abort the JVM, crash, or silently train the wrong thing inside llama.cpp; Java refuses first. */
class TrainingPreconditionsTest {
    @TempDir
    Path dir;

    private static final LearningRateSchedule SCHEDULE = step -> AdamW.withLearningRate(1e-3f);

    @Test
    void refusesAMemoryMappedModel() {
        for (ModelOptions.Loading loading : List.of(ModelOptions.Loading.AUTO, ModelOptions.Loading.MMAP)) {
            try (Model model = Model.load(ToyFixture.untrained(dir), new ModelOptions(0, loading, false));
                    Context context = model.newContext(ContextOptions.forTraining(256, 1))) {
                TrainingException e = assertThrows(TrainingException.class,
                        () -> context.startTraining(SCHEDULE, null));
                assertTrue(e.getMessage().contains("crashes on a read-only mapping; load it with Loading.READ"),
                        e.getMessage());
            }
        }
    }

    @Test
    void refusesWeightsThatAreNotF32() throws Exception {
        Path file = dir.resolve("f16.gguf");
        TinyModels.write(ToyFixture.shape().withStorage(GgmlType.F32, GgmlType.F16), 3, ToyVocabulary.spec(), file);
        try (Model model = ToyFixture.loadForTraining(file);
                Context context = model.newContext(ContextOptions.forTraining(256, 1))) {
            TrainingException e = assertThrows(TrainingException.class, () -> context.startTraining(SCHEDULE, null));
            assertEquals("f16.gguf: tensor blk.0.attn_q.weight is F16; llama.cpp trains only F32 tensors and would"
                    + " silently leave it unchanged: write the model with F32 weights", e.getMessage());
        }
    }

    @Test
    void refusesASentencePieceVocabularyWithoutAllByteTokens() throws Exception {
        TokenizerSpec toy = ToyVocabulary.spec();
        List<String> tokens = new ArrayList<>(toy.tokens());
        List<TokenType> types = new ArrayList<>(toy.tokenTypes());
        tokens.set(3 + 0x41, "A");
        types.set(3 + 0x41, TokenType.NORMAL);
        TokenizerSpec withoutByteA = new TokenizerSpec(toy.model(), toy.pre(), tokens, types, toy.scores(),
                toy.merges(), toy.special(), true, false, toy.addSpacePrefix(), toy.chatTemplate());
        Path file = dir.resolve("no-byte-a.gguf");
        TinyModels.write(ToyFixture.shape(), 3, withoutByteA, file);
        try (Model model = ToyFixture.loadForTraining(file);
                Context context = model.newContext(ContextOptions.forTraining(256, 1))) {
            TrainingException e = assertThrows(TrainingException.class, () -> context.startTraining(SCHEDULE, null));
            assertTrue(e.getMessage().startsWith("no-byte-a.gguf: the SentencePiece vocabulary has no byte token"
                    + " <0x41>"), e.getMessage());
        }
    }

    @Test
    void refusesContextsThatAreNotSetUpForTraining() {
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir))) {
            assertRefused(model, ContextOptions.forTraining(256, 1).withBatch(256, 128), "n_batch == n_ubatch == n_ctx");
            assertRefused(model, ContextOptions.forTraining(256, 1).withFlashAttention(true), "flash attention off");
            assertRefused(model, ContextOptions.forTraining(256, 1).withKvCacheType(ContextOptions.CacheType.F16),
                    "an F32 KV cache");
            assertRefused(model, ContextOptions.of(256).withThreads(1), "flash attention off");
        }
    }

    @Test
    void refusesASecondOptimizerOnOneContext() {
        try (Model model = ToyFixture.loadForTraining(ToyFixture.untrained(dir));
                Context context = model.newContext(ContextOptions.forTraining(256, 1))) {
            TrainingSession first = context.startTraining(SCHEDULE, null);
            first.close();
            TrainingException e = assertThrows(TrainingException.class, () -> context.startTraining(SCHEDULE, null));
            assertTrue(e.getMessage().contains("llama_opt_init is allowed once per context"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> first.epoch(null, 0), "a closed session");
        }
    }

    private static void assertRefused(Model model, ContextOptions options, String reason) {
        try (Context context = model.newContext(options)) {
            TrainingException e = assertThrows(TrainingException.class, () -> context.startTraining(SCHEDULE, null));
            assertTrue(e.getMessage().contains(reason), e.getMessage());
        }
    }
}
