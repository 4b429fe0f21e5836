package xcot.zoo;

import java.util.List;
import java.util.Objects;
import xcot.fixtures.Architecture;
import xcot.fixtures.ModelShape;
import xcot.gguf.GgmlType;
import xcot.tasks.toy.CotStyle;

/**
 * One model of the zoo: its name, the CoT styles it is trained on (examples drawn uniformly over problems and
 * styles), its shape and its budget. The shape follows docs/toy-zoo.md: {@code llama}, head count = KV head count,
 * SwiGLU with {@code n_ff = 3 * n_embd}, RoPE over the whole head (base 10000), RMS epsilon 1e-5, separate output
 * head (llama.cpp never trains {@code token_embd}, so a tied head could not learn).
 *
 * @param seed   seeds the initial weights and the order of training examples
 * @param epochs each epoch is {@link TrainingRecipe#stepsPerEpoch()} optimizer steps
 */
public record ZooModel(String name, List<CotStyle> styles, int embeddingLength, int layers, int heads, long seed,
        int epochs) {
    public ZooModel {
        Objects.requireNonNull(name, "name");
        styles = List.copyOf(styles);
        if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("model name '" + name + "' must be 1-40 of a-z, 0-9 and '-'");
        }
        if (styles.isEmpty() || styles.stream().distinct().count() != styles.size()) {
            throw new IllegalArgumentException("model " + name + ": styles must be one or more distinct styles");
        }
        if (embeddingLength < 8 || layers < 1 || heads < 1 || embeddingLength % heads != 0
                || (embeddingLength / heads) % 2 != 0) {
            throw new IllegalArgumentException("model " + name + ": embedding " + embeddingLength + " / heads "
                    + heads + " must give an even head size (RoPE rotates pairs), with layers >= 1");
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("model " + name + ": epochs must be >= 1, not " + epochs);
        }
    }

    /** The model's shape; all weights F32 (what training needs). */
    public ModelShape shape(TrainingRecipe recipe) {
        return new ModelShape(Architecture.LLAMA, layers, embeddingLength, heads, heads, embeddingLength / heads,
                3 * embeddingLength, recipe.vocabulary().size(), recipe.contextTokens(), 10_000f, 1e-5f,
                GgmlType.F32, GgmlType.F32, false);
    }

    public int steps(TrainingRecipe recipe) {
        return epochs * recipe.stepsPerEpoch();
    }

    /** {@code plain}, {@code swap+words}, ...: the styles joined by '+'. */
    public String styleNames() {
        return String.join("+", styles.stream().map(CotStyle::id).toList());
    }

    public ZooModel withEpochs(int count) {
        return new ZooModel(name, styles, embeddingLength, layers, heads, seed, count);
    }

    public ZooModel withSeed(long value) {
        return new ZooModel(name, styles, embeddingLength, layers, heads, value, epochs);
    }
}
