package xcot.llm;

/**
 * How to load a model.
 *
 * @param gpuLayers layers to offload to the GPU; -1 = all (llama.cpp's convention), 0 = CPU only
 * @param loading how the weights reach memory
 * @param vocabOnly load only the vocabulary (tokenizer and metadata), no weights
 * @param checkTensors have llama.cpp validate every tensor's data while loading ({@code check_tensors}: NaN or
 *                     infinite values, also in quantized blocks' scales, fail the load); reads the whole file
 */
public record ModelOptions(int gpuLayers, Loading loading, boolean vocabOnly, boolean checkTensors) {
    public ModelOptions(int gpuLayers, Loading loading, boolean vocabOnly) {
        this(gpuLayers, loading, vocabOnly, false);
    }

    public ModelOptions {
        if (gpuLayers < -1) {
            throw new IllegalArgumentException("gpuLayers must be -1 (all) or >= 0, not " + gpuLayers);
        }
    }

    /** How weights are loaded. {@link #READ} is required for training (the optimizer writes weights in place). */
    public enum Loading {
        /** llama.cpp decides (mmap where supported). */
        AUTO,
        /** Memory-map the file (read-only pages). */
        MMAP,
        /** Read the tensors into allocated buffers. */
        READ
    }

    public static ModelOptions defaults() {
        return new ModelOptions(-1, Loading.AUTO, false);
    }

    public static ModelOptions vocabularyOnly() {
        return new ModelOptions(0, Loading.AUTO, true);
    }

    public ModelOptions withGpuLayers(int layers) {
        return new ModelOptions(layers, loading, vocabOnly, checkTensors);
    }

    public ModelOptions withLoading(Loading mode) {
        return new ModelOptions(gpuLayers, mode, vocabOnly, checkTensors);
    }

    public ModelOptions withTensorCheck(boolean check) {
        return new ModelOptions(gpuLayers, loading, vocabOnly, check);
    }
}
