package xcot.zoo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xcot.fixtures.ModelLayout;
import xcot.fixtures.ModelShape;
import xcot.fixtures.SeededWeights;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufWriter;
import xcot.gguf.TensorSource;

/**
 * The untrained GGUF of a zoo model, all F32 (the recipe of docs/toy-zoo.md, drawn with {@link SeededWeights}, so the
 * same seed gives the same bytes on any JVM):
 * <ul>
 *   <li>{@code token_embd} (never trained by llama.cpp, a fixed random code): N(0,1) rows plus one shared N(0,1)
 *       vector added to every row, which gives attention a token-independent part for RoPE to act on;</li>
 *   <li>{@code output}, {@code attn_q}, {@code attn_output}, {@code ffn_gate}, {@code ffn_up}: N(0, 1/n_embd);
 *       {@code ffn_down}: N(0, 1/n_ff) (unit-variance activations through each product);</li>
 *   <li>{@code attn_k}, {@code attn_v}: the identity, which made the early steps learn faster than random ones;</li>
 *   <li>norms: 1.</li>
 * </ul>
 */
public final class InitialWeights {
    /** Names the tensor whose row 0 is the vector shared by all embedding rows; it is not written to the file. */
    static final String SHARED_EMBEDDING = "token_embd.shared";

    private InitialWeights() {}

    /** Writes the untrained model to {@code out}, with {@code metadata} (see {@link #metadata}). */
    public static void write(ModelShape shape, long seed, GgufMetadata metadata, Path out) throws IOException {
        GgufWriter.write(out, metadata, tensors(shape, seed));
    }

    /** The architecture and vocabulary keys of {@code shape}, named {@code name}. */
    public static GgufMetadata.Builder metadata(ModelShape shape, String name, TokenizerSpec vocabulary) {
        return ModelLayout.metadata(shape, name, vocabulary);
    }

    static List<GgufTensor> tensors(ModelShape shape, long seed) {
        if (shape.embeddingType() != GgmlType.F32 || shape.matrixType() != GgmlType.F32 || shape.tiedOutput()) {
            throw new IllegalArgumentException("an untrained zoo model is all F32 with a separate output head");
        }
        double embedding = shape.embeddingLength();
        double feedForward = shape.feedForwardLength();
        List<GgufTensor> tensors = new ArrayList<>();
        for (ModelLayout.TensorPlan t : ModelLayout.tensors(shape)) {
            String name = t.name();
            int rowLength = Math.toIntExact(t.rowLength());
            TensorSource source;
            if (t.norm()) {
                source = TensorSource.constant(GgmlType.F32, t.elementCount(), 1f);
            } else if (name.equals("token_embd.weight")) {
                source = TensorSource.ofRows(GgmlType.F32, t.rowCount(), rowLength, embeddingRows(seed, rowLength));
            } else if (name.endsWith("attn_k.weight") || name.endsWith("attn_v.weight")) {
                source = TensorSource.ofRows(GgmlType.F32, t.rowCount(), rowLength, (row, dst) -> {
                    java.util.Arrays.fill(dst, 0f);
                    dst[(int) row] = 1f;
                });
            } else {
                double std = 1 / Math.sqrt(name.endsWith("ffn_down.weight") ? feedForward : embedding);
                source = TensorSource.ofRows(GgmlType.F32, t.rowCount(), rowLength,
                        SeededWeights.normalRows(seed, name, std));
            }
            tensors.add(new GgufTensor(name, t.shape(), t.type(), source));
        }
        return tensors;
    }

    private static TensorSource.RowFiller embeddingRows(long seed, int rowLength) {
        float[] shared = new float[rowLength];
        SeededWeights.normalRows(seed, SHARED_EMBEDDING, 1.0).fill(0, shared);
        TensorSource.RowFiller rows = SeededWeights.normalRows(seed, "token_embd.weight", 1.0);
        return (row, dst) -> {
            rows.fill(row, dst);
            for (int i = 0; i < dst.length; i++) {
                dst[i] += shared[i];
            }
        };
    }
}
