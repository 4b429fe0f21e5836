package xcot.llm;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xcot.tasks.toy.ToyVocabulary;

/**
 * Computes a fixed set of logits of a model with whatever llama.cpp library this JVM loaded: greedy decoding of a toy
 * prompt token by token (small micro-batches, flash attention on and off) and one full 256-token batch into a fresh
 * cache with every row's logits (F16 and F32 cache), the shape patch 0002 changes for training graphs. As a child
 * process it writes the floats and the build's patch list to files; {@link InferenceUnchangedTest} compares runs.
 */
public final class LogitsProbe {
    static final int THREADS = 2;

    public static void main(String[] args) throws IOException {
        List<float[]> rows = logits(Path.of(args[0]));
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(Path.of(args[1])))) {
            out.writeInt(rows.size());
            for (float[] row : rows) {
                out.writeInt(row.length);
                for (float x : row) {
                    out.writeInt(Float.floatToRawIntBits(x));
                }
            }
        }
        Files.writeString(Path.of(args[1] + ".patches"), Backend.info().patches());
    }

    static List<float[]> logits(Path model) {
        List<float[]> rows = new ArrayList<>();
        try (Model m = Model.load(model, ModelOptions.defaults().withGpuLayers(0))) {
            for (boolean flash : new boolean[] {false, true}) {
                ContextOptions options = ContextOptions.of(256).withBatch(256, 32).withThreads(THREADS)
                        .withFlashAttention(flash);
                try (Context context = m.newContext(options); Batch batch = context.newBatch(256, 1)) {
                    int[] prompt = ToyVocabulary.encode("6+1+9=<think> 6+1=7");
                    batch.addSequence(prompt, 0, 0, true);
                    context.decode(batch);
                    for (int step = 0; step < 30; step++) {
                        float[] row = context.copyLogitsRow(0);
                        rows.add(row);
                        batch.clear();
                        batch.add(argmax(row), prompt.length + step, true, 0);
                        context.decode(batch);
                    }
                }
            }
            // The unquantized caches, which run without flash attention (Q8_0 needs it).
            for (ContextOptions.CacheType cache : java.util.List.of(ContextOptions.CacheType.F16,
                    ContextOptions.CacheType.F32)) {
                ContextOptions options = ContextOptions.of(256).withBatch(256, 256).withThreads(THREADS)
                        .withFlashAttention(false).withKvCacheType(cache);
                try (Context context = m.newContext(options); Batch batch = context.newBatch(256, 1)) {
                    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
                    for (int i = 0; i < 256; i++) {
                        batch.add(i == 0 ? ToyVocabulary.BOS : 259 + random.nextInt(46), i, true, 0);
                    }
                    context.memory().clear(true);
                    context.decode(batch);
                    for (int i = 0; i < 256; i++) {
                        rows.add(context.copyLogitsRow(i));
                    }
                }
            }
        }
        return rows;
    }

    private static int argmax(float[] row) {
        int best = 0;
        for (int i = 1; i < row.length; i++) {
            if (row[i] > row[best]) {
                best = i;
            }
        }
        return best;
    }
}
