package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

    @BeforeAll
    static void load() {
        model = TinyModel.load();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static int[] run(List<SamplerStep> steps, boolean viaRow) {
        int[] prompt = BatchDeterminismTest.prompts(model.vocab(), 1).getFirst();
        int[] out = new int[24];
        try (Context context = model.newContext(ContextOptions.of(256).withThreads(2));
                Sampler sampler = Sampler.chain(steps, model.vocab());
                Batch batch = context.newBatch(prompt.length, 1)) {
            batch.addSequence(prompt, 0, 0, true);
            context.decode(batch);
            for (int i = 0; i < out.length; i++) {
                out[i] = viaRow ? sampler.sample(context.logits(), 0) : sampler.sample(context, -1);
                batch.clear();
                batch.add(out[i], prompt.length + i, true, 0);
                context.decode(batch);
            }
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
    void greedyInJavaEqualsGreedyInLlamaCpp() {
        // a one-step chain ending in Greedy after a no-op temperature runs in llama.cpp; plain Greedy in Java
        int[] native_ = run(List.of(new SamplerStep.TopK(0), new SamplerStep.Greedy()), false);
        assertArrayEquals(native_, run(List.of(new SamplerStep.Greedy()), false));
        assertArrayEquals(native_, run(List.of(new SamplerStep.Greedy()), true));
    }
}
