package xcot.llm;

import java.util.HashSet;
import java.util.List;

/**
 * How to load a model.
 *
 * @param gpuLayers    layers to offload to the GPU and RPC devices; -1 = all (llama.cpp's convention), 0 = CPU only
 * @param loading      how the weights reach memory
 * @param vocabOnly    load only the vocabulary (tokenizer and metadata), no weights
 * @param checkTensors have llama.cpp validate every tensor's data while loading ({@code check_tensors}: NaN or
 *                     infinite values, also in quantized blocks' scales, fail the load); reads the whole file
 * @param rpcServers   llama.cpp RPC servers to offload layers to (llama.cpp's {@code --rpc}), in order, before the
 *                     local GPUs; the layers not offloaded ({@code gpuLayers} short of all) stay on the local CPU
 */
public record ModelOptions(int gpuLayers, Loading loading, boolean vocabOnly, boolean checkTensors,
                           List<RpcServer> rpcServers) {
    public ModelOptions(int gpuLayers, Loading loading, boolean vocabOnly) {
        this(gpuLayers, loading, vocabOnly, false, List.of());
    }

    public ModelOptions {
        if (gpuLayers < -1) {
            throw new IllegalArgumentException("gpuLayers must be -1 (all) or >= 0, not " + gpuLayers);
        }
        rpcServers = List.copyOf(rpcServers);
        if (!rpcServers.isEmpty() && gpuLayers == 0) {
            throw new IllegalArgumentException("RPC servers " + rpcServers + " would get no layers with gpuLayers 0;"
                    + " offload layers (-1 = all) or leave the servers out");
        }
        if (new HashSet<>(rpcServers).size() != rpcServers.size()) {
            throw new IllegalArgumentException("an RPC server is listed twice: " + rpcServers);
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
        return new ModelOptions(layers, loading, vocabOnly, checkTensors, rpcServers);
    }

    public ModelOptions withLoading(Loading mode) {
        return new ModelOptions(gpuLayers, mode, vocabOnly, checkTensors, rpcServers);
    }

    public ModelOptions withTensorCheck(boolean check) {
        return new ModelOptions(gpuLayers, loading, vocabOnly, check, rpcServers);
    }

    public ModelOptions withRpcServers(List<RpcServer> servers) {
        return new ModelOptions(gpuLayers, loading, vocabOnly, checkTensors, servers);
    }
}
