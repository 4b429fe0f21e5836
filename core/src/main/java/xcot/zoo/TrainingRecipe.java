package xcot.zoo;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import xcot.fixtures.TokenType;
import xcot.fixtures.TokenizerSpec;
import xcot.gguf.GgmlType;
import xcot.llm.ModelOptions;

/**
 * How every zoo model is trained (docs/toy-zoo.md): the vocabulary, the window and epoch layout, the AdamW schedule
 * (linear warm-up, then cosine decay to a fraction of the peak), threads, and the storage of the finished file.
 * A recipe that llama.cpp could not train, or would crash on, is refused here, before anything native runs.
 *
 * @param windowsPerEpoch         windows of {@code contextTokens} tokens drawn afresh every epoch
 * @param validationWindows       the last windows of each epoch, which only measure
 * @param warmupSteps             optimizer steps of linear warm-up
 * @param finalLearningRateFraction the cosine decay ends at this fraction of {@code learningRate}
 * @param trainingWeights         storage of the weights while training: must be F32 (llama.cpp trains only F32
 *                                tensors and silently skips others)
 * @param loading                 how the untrained file is loaded: must be READ (the optimizer writes the weights in
 *                                place; a read-only mmap crashes in the AdamW step)
 * @param storage                 storage of the 2-D weights in the finished file (F32 or F16; norms stay F32)
 */
public record TrainingRecipe(TokenizerSpec vocabulary, int contextTokens, int windowsPerEpoch, int validationWindows,
        float learningRate, int warmupSteps, float finalLearningRateFraction, int threads, GgmlType trainingWeights,
        ModelOptions.Loading loading, GgmlType storage) {
    public TrainingRecipe {
        Objects.requireNonNull(vocabulary, "vocabulary");
        Objects.requireNonNull(trainingWeights, "trainingWeights");
        Objects.requireNonNull(loading, "loading");
        Objects.requireNonNull(storage, "storage");
        String missing = missingByteToken(vocabulary);
        if (missing != null) {
            throw new IllegalArgumentException("the vocabulary has no byte token " + missing + ": llama.cpp's"
                    + " SentencePiece tokenizer needs all 256 (a missing one is a C++ exception that ends the JVM)");
        }
        if (trainingWeights != GgmlType.F32) {
            throw new IllegalArgumentException("training weights must be F32, not " + trainingWeights
                    + ": llama.cpp trains only F32 tensors and would silently leave the others unchanged");
        }
        if (loading != ModelOptions.Loading.READ) {
            throw new IllegalArgumentException("loading must be READ, not " + loading + ": the optimizer writes the"
                    + " weights in place and crashes on a read-only memory map");
        }
        if (storage != GgmlType.F32 && storage != GgmlType.F16) {
            throw new IllegalArgumentException("storage must be F32 or F16, not " + storage);
        }
        if (contextTokens < 32 || contextTokens % 256 != 0) {
            // llama.cpp pads n_ctx to a multiple of 256; a window of another size would not be what was asked.
            throw new IllegalArgumentException("context tokens must be a positive multiple of 256, not "
                    + contextTokens);
        }
        if (windowsPerEpoch < 2 || validationWindows < 1 || validationWindows >= windowsPerEpoch) {
            throw new IllegalArgumentException("need 1 <= validation windows < windows per epoch, not "
                    + validationWindows + " of " + windowsPerEpoch);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learning rate must be in (0, 1), not " + learningRate);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warm-up steps must be >= 0, not " + warmupSteps);
        }
        if (!(finalLearningRateFraction > 0 && finalLearningRateFraction <= 1)) {
            throw new IllegalArgumentException("final learning-rate fraction must be in (0, 1], not "
                    + finalLearningRateFraction);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        }
    }

    /** Optimizer steps per epoch: one per training window. */
    public int stepsPerEpoch() {
        return windowsPerEpoch - validationWindows;
    }

    public TrainingRecipe withThreads(int count) {
        return new TrainingRecipe(vocabulary, contextTokens, windowsPerEpoch, validationWindows, learningRate,
                warmupSteps, finalLearningRateFraction, count, trainingWeights, loading, storage);
    }

    public TrainingRecipe withStorage(GgmlType type) {
        return new TrainingRecipe(vocabulary, contextTokens, windowsPerEpoch, validationWindows, learningRate,
                warmupSteps, finalLearningRateFraction, threads, trainingWeights, loading, type);
    }

    /** The first of {@code <0x00>..<0xFF>} that is not a BYTE token of {@code spec}, or null when all are. */
    private static String missingByteToken(TokenizerSpec spec) {
        Set<String> bytes = new HashSet<>();
        for (int i = 0; i < spec.size(); i++) {
            if (spec.tokenTypes().get(i) == TokenType.BYTE) {
                bytes.add(spec.tokens().get(i));
            }
        }
        for (int b = 0; b < 256; b++) {
            String piece = String.format("<0x%02X>", b);
            if (!bytes.contains(piece)) {
                return piece;
            }
        }
        return null;
    }
}
