package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class GenerationTest {
    private static final String PROMPT = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n<think>\n";
    private static Model model;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Context newContext() {
        return model.newContext(ContextOptions.of(512).withThreads(2));
    }

    @Test
    void greedyGenerationIsRepeatableAndEqualsAManualDecode() {
        int[] prompt = model.vocab().tokenize(PROMPT, false, true);
        Generation first;
        Generation second;
        try (Context context = newContext(); Sampler greedy = Sampler.greedy()) {
            Generator generator = new Generator(context, 0);
            first = generator.generate(prompt, 24, greedy, null, true);
            second = generator.generate(prompt, 24, greedy, null, true);
        }
        assertArrayEquals(first.tokens(), second.tokens());
        assertEquals(first.text(), second.text());
        assertArrayEquals(first.tokens(), manualGreedy(prompt, first.tokens().length));
    }

    /** Decode token by token and take the argmax of each logits row ourselves. */
    private static int[] manualGreedy(int[] prompt, int count) {
        int[] out = new int[count];
        try (Context context = newContext(); Batch batch = context.newBatch(prompt.length, 1)) {
            batch.addSequence(prompt, 0, 0, true);
            context.decode(batch);
            for (int i = 0; i < count; i++) {
                out[i] = argmax(context.logits().row(0), context.vocabSize());
                batch.clear();
                batch.add(out[i], prompt.length + i, true, 0);
                context.decode(batch);
            }
        }
        return out;
    }

    private static int argmax(MemorySegment row, int n) {
        int best = 0;
        for (int i = 1; i < n; i++) {
            if (row.getAtIndex(ValueLayout.JAVA_FLOAT, i) > row.getAtIndex(ValueLayout.JAVA_FLOAT, best)) {
                best = i;
            }
        }
        return best;
    }

    @Test
    void logitsRowIsAFullDistribution() {
        int[] prompt = model.vocab().tokenize(PROMPT, false, true);
        try (Context context = newContext(); Batch batch = context.newBatch(prompt.length, 1)) {
            batch.addSequence(prompt, 0, 0, true);
            context.decode(batch);
            Logits logits = context.logits();
            assertEquals(1, logits.rows());
            MemorySegment row = logits.row(0);
            assertEquals(151669L * Float.BYTES, row.byteSize());
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < logits.vocabSize(); i++) {
                max = Math.max(max, row.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
            double sum = 0;
            for (int i = 0; i < logits.vocabSize(); i++) {
                sum += Math.exp(row.getAtIndex(ValueLayout.JAVA_FLOAT, i) - max);
            }
            double total = 0;
            for (int i = 0; i < logits.vocabSize(); i++) {
                total += Math.exp(row.getAtIndex(ValueLayout.JAVA_FLOAT, i) - max) / sum;
            }
            assertEquals(1.0, total, 1e-5);
        }
    }

    @Test
    void seededSamplingIsReproducibleAndSeedDependent() {
        int[] prompt = model.vocab().tokenize(PROMPT, false, true);
        List<SamplerStep> recipe = List.of(new SamplerStep.TopK(50), new SamplerStep.Temperature(1.0f),
                new SamplerStep.Distribution(42));
        List<SamplerStep> otherSeed = List.of(new SamplerStep.TopK(50), new SamplerStep.Temperature(1.0f),
                new SamplerStep.Distribution(43));
        try (Context context = newContext();
                Sampler a = Sampler.chain(recipe, model.vocab());
                Sampler b = Sampler.chain(recipe, model.vocab());
                Sampler c = Sampler.chain(otherSeed, model.vocab())) {
            Generator generator = new Generator(context, 0);
            int[] runA = generator.generate(prompt, 32, a, null, true).tokens();
            int[] runB = generator.generate(prompt, 32, b, null, true).tokens();
            a.reset();
            int[] runAAgain = generator.generate(prompt, 32, a, null, true).tokens();
            int[] runC = generator.generate(prompt, 32, c, null, true).tokens();
            assertArrayEquals(runA, runB);
            assertArrayEquals(runA, runAAgain);
            assertTrue(!java.util.Arrays.equals(runA, runC), "a different seed should change a 32-token sample");
        }
    }

    @Test
    void grammarConstrainsTheOutput() {
        String gbnf = "root ::= \"<think>\\n\" [a-z ]{8,40} \"\\n</think>\\n\\n\" [A-Za-z ]{4,30} \".\"";
        int[] prompt = model.vocab().tokenize("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", false, true);
        try (Context context = newContext();
                Sampler sampler = Sampler.chain(List.of(new SamplerStep.Grammar(gbnf, "root"),
                        new SamplerStep.Distribution(1)), model.vocab())) {
            String text = new Generator(context, 0).generate(prompt, 120, sampler, null, true).text();
            assertTrue(text.matches("(?s)<think>\\n[a-z ]{8,40}\\n</think>\\n\\n[A-Za-z ]{4,30}\\."), text);
        }
    }
}
