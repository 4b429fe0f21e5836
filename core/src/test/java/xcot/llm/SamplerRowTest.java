package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link Sampler#sample(Logits, int)} (candidates filled in Java, for parallel sampling) picks exactly the tokens
 * llama.cpp's {@code llama_sampler_sample} picks, step after step, for a seeded chain and for greedy.
 */
class SamplerRowTest {
    private static Model model;
    private static long lastRowsFromTopK;

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] run(List<SamplerStep> steps, boolean viaRow) {
        return run(steps, viaRow, false);
    }

    /** 24 tokens from one prompt; {@code fullVocabulary} keeps the row path from narrowing to the top-k candidates. */
    private static int[] run(List<SamplerStep> steps, boolean viaRow, boolean fullVocabulary) {
        int[] prompt = BatchDeterminismTest.prompts(model.vocab(), 1).getFirst();
        int[] out = new int[24];
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Sampler sampler = Sampler.chain(steps, model.vocab());
                Batch batch = context.newBatch(prompt.length, 1)) {
            sampler.forceFullVocabulary = fullVocabulary;
            batch.addSequence(prompt, 0, 0, true);
            context.decode(batch);
            for (int i = 0; i < out.length; i++) {
                out[i] = viaRow ? sampler.sample(context.logits(), 0) : sampler.sample(context, -1);
                batch.clear();
                batch.add(out[i], prompt.length + i, true, 0);
                context.decode(batch);
            }
            lastRowsFromTopK = sampler.rowsSampledFromTopK;
        }
        return out;
    }

    @Test
    void aSeededChainSamplesTheSameTokens() {
        List<SamplerStep> steps = List.of(new SamplerStep.TopK(50), new SamplerStep.TopP(0.9f, 1),
                new SamplerStep.Temperature(1.2f), new SamplerStep.Distribution(1234));
        assertArrayEquals(run(steps, false), run(steps, true));
    }

    @Test
    void chainsStartingWithTopKSampleFromTheirCandidatesAloneAndPickTheSameTokens() {
        List<List<SamplerStep>> chains = List.<List<SamplerStep>>of(
                // Hugging Face's order (temperature first), the paper's temperature 1.0 and top-k 50
                List.of(new SamplerStep.Temperature(1f), new SamplerStep.TopK(50), new SamplerStep.Distribution(7)),
                // a temperature that rescales every value, then top-k, top-p and min-p
                List.of(new SamplerStep.Temperature(0.6f), new SamplerStep.TopK(20), new SamplerStep.TopP(0.95f, 1),
                        new SamplerStep.MinP(0.05f, 1), new SamplerStep.Distribution(99)),
                // llama.cpp's order (filters first), the largest k handled in Java
                List.of(new SamplerStep.TopK(128), new SamplerStep.TopP(0.9f, 1), new SamplerStep.Temperature(1.3f),
                        new SamplerStep.Distribution(4242)));
        for (List<SamplerStep> steps : chains) {
            int[] native_ = run(steps, false);
            int[] full = run(steps, true, true);
            assertEquals(0, lastRowsFromTopK, "forced onto the whole vocabulary");
            int[] narrowed = run(steps, true, false);
            // A row whose k + 1 largest values hold a tie goes to llama.cpp whole (one does among these with k = 128).
            assertTrue(lastRowsFromTopK >= 20, lastRowsFromTopK + " of 24 rows narrowed to the top-k candidates");
            assertArrayEquals(native_, full, steps.toString());
            assertArrayEquals(native_, narrowed, steps.toString());
        }
    }

    @Test
    void chainsNotStartingWithTopKUseTheWholeVocabulary() {
        for (List<SamplerStep> steps : List.<List<SamplerStep>>of(
                List.of(new SamplerStep.TopP(0.9f, 1), new SamplerStep.TopK(40), new SamplerStep.Distribution(1)),
                List.of(new SamplerStep.Temperature(0f), new SamplerStep.TopK(40), new SamplerStep.Distribution(1)),
                List.of(new SamplerStep.TopK(129), new SamplerStep.Distribution(1)),
                List.of(new SamplerStep.Temperature(0.8f), new SamplerStep.Distribution(1)))) {
            assertArrayEquals(run(steps, false), run(steps, true), steps.toString());
            assertEquals(0, lastRowsFromTopK, steps.toString());
        }
    }

    @Test
    void greedyInJavaEqualsGreedyInLlamaCpp() {
        // a one-step chain ending in Greedy after a no-op temperature runs in llama.cpp; plain Greedy in Java
        int[] native_ = run(List.of(new SamplerStep.TopK(0), new SamplerStep.Greedy()), false);
        assertArrayEquals(native_, run(List.of(new SamplerStep.Greedy()), false));
        assertArrayEquals(native_, run(List.of(new SamplerStep.Greedy()), true));
    }
}
