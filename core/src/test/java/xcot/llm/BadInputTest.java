package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad input ends in a typed exception with a one-line message, and the JVM goes on (the next test runs). */
class BadInputTest {
    private static Model model;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static void assertOneLine(Exception e) {
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void moreSequencesThanOneBatchHoldsAreRefusedBeforeLlamaCppAssertsOnThem() {
        // llama.cpp reserves an output row per sequence at context creation and aborts when n_seq_max > n_batch.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContextOptions.of(512).withBatch(128, 128).withSequences(129, true));
        assertOneLine(e);
        assertTrue(e.getMessage().contains("batchTokens"), e.getMessage());
        try (Context context = model.newContext(ContextOptions.of(512).withBatch(128, 128).withSequences(128, true)
                .withThreads(1))) {
            assertEquals(128, context.maxSequences());
        }
    }

    @Test
    void missingFile() {
        ModelLoadException e = assertThrows(ModelLoadException.class,
                () -> Model.load(dir.resolve("absent.gguf"), ModelOptions.defaults()));
        assertTrue(e.getMessage().contains("absent.gguf"));
        assertOneLine(e);
    }

    @Test
    void badMagic() throws IOException {
        Path file = dir.resolve("bad-magic.gguf");
        byte[] bytes = Files.readAllBytes(TinyModel.path());
        bytes[0] = 'X';
        Files.write(file, bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Model.load(file, ModelOptions.defaults()));
        assertOneLine(e);
    }

    @Test
    void truncatedFile() throws IOException {
        byte[] bytes = Files.readAllBytes(TinyModel.path());
        for (int cut : new int[] {3, 20, 100_000, bytes.length / 2, bytes.length - 1}) {
            Path file = dir.resolve("truncated-" + cut + ".gguf");
            Files.write(file, java.util.Arrays.copyOf(bytes, cut));
            ModelLoadException e = assertThrows(ModelLoadException.class,
                    () -> Model.load(file, ModelOptions.defaults()), "cut at " + cut);
            assertOneLine(e);
        }
    }

    @Test
    void absurdTensorCount() throws IOException {
        byte[] bytes = Files.readAllBytes(TinyModel.path());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(8, Long.MAX_VALUE / 2);
        Path file = dir.resolve("absurd.gguf");
        Files.write(file, bytes);
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> Model.load(file, ModelOptions.defaults()));
        assertOneLine(e);
    }

    @Test
    void batchLargerThanNBatch() {
        try (Context context = model.newContext(ContextOptions.of(512).withBatch(32, 32).withThreads(2))) {
            assertThrows(BatchRejectedException.class, () -> context.newBatch(33, 1));
        }
    }

    @Test
    void sequenceIdNotBelowNSeqMax() {
        try (Context context = model.newContext(ContextOptions.of(512).withSequences(2, false).withThreads(2));
                Batch batch = context.newBatch(4, 1)) {
            batch.add(100, 0, true, 2);
            BatchRejectedException e = assertThrows(BatchRejectedException.class, () -> context.decode(batch));
            assertTrue(e.getMessage().contains("sequence id 2"), e.getMessage());
            assertThrows(BatchRejectedException.class, () -> context.memory().removeSequence(5, -1, -1));
        }
    }

    @Test
    void sharedPrefixNeedsAUnifiedCache() {
        try (Context context = model.newContext(ContextOptions.of(512).withSequences(2, false).withThreads(2));
                Batch batch = context.newBatch(4, 2)) {
            batch.add(100, 0, true, 0, 1);
            assertThrows(BatchRejectedException.class, () -> context.decode(batch));
        }
    }

    @Test
    void promptLongerThanTheContext() {
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Sampler greedy = Sampler.greedy()) {
            int[] prompt = new int[context.contextTokens() + 10];
            java.util.Arrays.fill(prompt, 100);
            ContextOverflowException e = assertThrows(ContextOverflowException.class,
                    () -> new Generator(context, 0).generate(prompt, 4, greedy, null, false));
            assertEquals(prompt.length, e.positionsNeeded());
            assertOneLine(e);
        }
    }

    @Test
    void positionsThatDoNotContinueTheSequence() {
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Batch batch = context.newBatch(4, 1)) {
            batch.addSequence(new int[] {100, 101, 102}, 0, 0, true);
            context.decode(batch);
            batch.clear();
            batch.add(103, 5, true, 0);   // the cache holds positions 0..2: the next must be 3
            BatchRejectedException gap = assertThrows(BatchRejectedException.class, () -> context.decode(batch));
            assertTrue(gap.getMessage().contains("continues at position 3, not 5"), gap.getMessage());
            batch.clear();
            batch.add(103, 3, false, 0);
            batch.add(104, 3, true, 0);
            assertOneLine(assertThrows(BatchRejectedException.class, () -> context.decode(batch)));
        }
    }

    @Test
    void tokenOutsideTheVocabularyInABatch() {
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Batch batch = context.newBatch(2, 1)) {
            batch.add(999_999, 0, true, 0);
            assertThrows(BatchRejectedException.class, () -> context.decode(batch));
        }
    }

    @Test
    void samplingWhereTheLastDecodeHadNoLogits() {
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Batch batch = context.newBatch(2, 1);
                Sampler greedy = Sampler.greedy()) {
            batch.add(100, 0, false, 0);
            batch.add(101, 1, true, 0);
            context.decode(batch);
            assertThrows(IllegalStateException.class, () -> greedy.sample(context, 0));
            greedy.sample(context, 1);
        }
    }
}
