package xcot.zoo;

import java.nio.file.Path;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.Generation;
import xcot.llm.Generator;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.Sampler;
import xcot.tasks.toy.ToyTask;
import xcot.tasks.toy.ToyVocabulary;

/**
 * One toy model loaded for greedy completion: BOS + the prompt text, then the argmax token until end of generation
 * or {@link ToyTask#ANSWER_BUDGET_TOKENS} new tokens. Owns the model, a one-sequence context and a greedy sampler.
 * Not thread-safe.
 *
 * <p>One thread by default: a model this small is faster on one thread than on two when the CPU is shared, because
 * llama.cpp's worker threads spin-wait for each other.
 */
public final class ToyModelRunner implements AutoCloseable {
    private final String name;
    private final Model model;
    private final Context context;
    private final Sampler sampler;
    private final Generator generator;

    private ToyModelRunner(String name, Model model, int threads) {
        this.name = name;
        this.model = model;
        this.context = model.newContext(ContextOptions.of(256).withBatch(256, 256).withThreads(threads));
        this.sampler = Sampler.greedy();
        this.generator = new Generator(context, 0);
    }

    /** Loads {@code file} (CPU only) under {@code name}. */
    public static ToyModelRunner open(String name, Path file, int threads) {
        Model model = Model.load(file, ModelOptions.defaults().withGpuLayers(0));
        try {
            return new ToyModelRunner(name, model, threads);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    /** The greedy continuation of {@code prompt} (not including it), special tokens rendered as text. */
    public String complete(String prompt) {
        int[] tokens = ToyVocabulary.encode(prompt);
        Generation g = generator.generate(tokens, ToyTask.ANSWER_BUDGET_TOKENS, sampler, null, false);
        return g.text();
    }

    /** The logits of the last prompt token, for checks that compare libraries or files. */
    public float[] nextTokenLogits(String prompt) {
        int[] tokens = ToyVocabulary.encode(prompt);
        context.memory().clear(true);
        try (var batch = context.newBatch(tokens.length, 1)) {
            batch.addSequence(tokens, 0, 0, true);
            context.decode(batch);
            return context.copyLogitsRow(0);
        }
    }

    @Override
    public void close() {
        sampler.close();
        model.close();
    }
}
