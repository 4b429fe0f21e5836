package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import xcot.bindings.llama_model_params;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufReader;
import xcot.gguf.rules.LoadRules;

/**
 * A loaded GGUF model ({@code llama_model}). Owns its weights; its {@link Context}s are children and close first.
 *
 * <p>Before llama.cpp sees the file it is validated by {@link GgufReader} (header, metadata, tensor infos) and
 * {@link LoadRules} (what llama.cpp asserts about the values), because a corrupt file can make the native loader abort
 * the process. Rules cannot foresee every native assertion: callers that load files they did not write run
 * {@code xcot.modelcheck.ModelCheck} first, which loads the file in a child process.
 */
public final class Model extends NativeHandle {
    private final Path path;
    private final ModelOptions options;
    private final GgufFile gguf;
    private final Vocab vocab;

    private Model(Path path, ModelOptions options, GgufFile gguf, MemorySegment pointer) {
        super("model " + path.getFileName(), pointer);
        this.path = path;
        this.options = options;
        this.gguf = gguf;
        this.vocab = new Vocab(this, llama_model_get_vocab(pointer));
    }

    private static final Set<GgmlType> K_QUANTS = EnumSet.of(GgmlType.Q2_K, GgmlType.Q3_K,
            GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.IQ4_XS);

    private static boolean hasKQuantWeights(GgufFile gguf) {
        return gguf.tensors().stream().anyMatch(t -> K_QUANTS.contains(t.type()));
    }

    /**
     * Loads {@code path}, after checking its header ({@link GgufReader}) and what llama.cpp asserts about its contents
     * ({@link LoadRules}), so that a corrupt file is an exception here rather than an abort in native code.
     *
     * @throws ModelLoadException if the file is missing or not a regular file, not a valid GGUF, breaks a rule of
     *                            {@link LoadRules}, or is rejected by llama.cpp (with llama.cpp's reason)
     */
    public static Model load(Path path, ModelOptions options) {
        GgufFile gguf;
        try {
            gguf = GgufReader.read(path);
            LoadRules.check(gguf);
        } catch (GgufException e) {
            throw new ModelLoadException(e);
        }
        Backend.ensureInitialized();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = llama_model_default_params(arena);
            llama_model_params.n_gpu_layers(params, options.gpuLayers());
            llama_model_params.load_mode(params, switch (options.loading()) {
                case AUTO -> LLAMA_LOAD_MODE_AUTO();
                case MMAP -> LLAMA_LOAD_MODE_MMAP();
                case READ -> LLAMA_LOAD_MODE_NONE();
            });
            llama_model_params.vocab_only(params, options.vocabOnly());
            llama_model_params.check_tensors(params, options.checkTensors());
            // On a CPU with AMX, ggml places quantized weights in its AMX buffer type. Its K-quant kernels (Q8_K
            // activations against Q4_K, Q5_K, Q6_K, IQ4_XS weights) died with SIGILL on this project's AMX-capable
            // KVM guest (llama-batched-bench crashed there too), while its Q8_0 path runs. For a model with K-quant
            // weights the CPU's extra buffer types are turned off: those weights run on the AVX-512 kernels.
            if (ggml_cpu_has_amx_int8() != 0 && hasKQuantWeights(gguf)) {
                llama_model_params.use_extra_bufts(params, false);
            }
            try {
                // llama.cpp copies the list while loading, so the confined arena may free it afterwards.
                llama_model_params.devices(params, RpcDevices.deviceList(options.rpcServers(), arena));
            } catch (LlamaException e) {
                throw new ModelLoadException(path, e.getMessage(), e);
            }
            MemorySegment pointer;
            List<String> errors;
            try (Backend.LogCapture capture = Backend.captureErrors()) {
                pointer = llama_model_load_from_file(arena.allocateFrom(path.toString()), params);
                errors = capture.lines();
            }
            if (pointer.equals(MemorySegment.NULL)) {
                throw new ModelLoadException(path, "llama.cpp could not load the model: " + reason(errors));
            }
            return new Model(path, options, gguf, pointer);
        }
    }

    /**
     * llama.cpp's reason for a failed load, from its log: the text after {@code error loading model: } (the
     * exception it caught), followed by the error lines logged before it that say more (which tensor had invalid
     * data); else its last error line.
     */
    static String reason(List<String> errorLines) {
        String marker = "error loading model: ";
        String exception = null;
        List<String> details = new java.util.ArrayList<>();
        for (String line : errorLines) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                exception = line.substring(at + marker.length()).strip();
            } else if (exception == null && !line.endsWith("failed to load model") && details.size() < 3) {
                // "load_all_data: tensor 'x' has invalid data": the function name is llama.cpp's, not the user's
                int colon = line.indexOf(": ");
                details.add(colon > 0 && !line.substring(0, colon).contains(" ") ? line.substring(colon + 2) : line);
            }
        }
        if (exception == null) {
            return errorLines.isEmpty() ? "no reason logged" : errorLines.getLast();
        }
        return details.isEmpty() ? exception : exception + ": " + String.join("; ", details);
    }

    /** Opens a context on this model; the context closes when the model does. */
    public Context newContext(ContextOptions options) {
        return adopt(Context.create(this, options));
    }

    /** A context whose {@link Context#encode} keeps every token's embedding (see {@link TokenEncoder}). */
    Context newTokenEmbeddingContext(ContextOptions options) {
        return adopt(Context.create(this, options, true));
    }

    public Path path() {
        return path;
    }

    /** How this model was loaded. */
    public ModelOptions options() {
        return options;
    }

    /** The validated GGUF header of the file this model came from. */
    public GgufFile gguf() {
        return gguf;
    }

    public Vocab vocab() {
        pointer();
        return vocab;
    }

    /** llama.cpp's one-line description, e.g. {@code qwen3 ?B Q8_0}. */
    public String description() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buf = arena.allocate(256);
            int n = llama_model_desc(pointer(), buf, buf.byteSize());
            return n < 0 ? "" : buf.getString(0);
        }
    }

    public long parameterCount() {
        return llama_model_n_params(pointer());
    }

    public long sizeBytes() {
        return llama_model_size(pointer());
    }

    public int trainingContextTokens() {
        return llama_model_n_ctx_train(pointer());
    }

    public int embeddingLength() {
        return llama_model_n_embd(pointer());
    }

    public int layerCount() {
        return llama_model_n_layer(pointer());
    }

    /** The model's default chat template (Jinja source), if the file has one. */
    public Optional<String> chatTemplate() {
        MemorySegment template = llama_model_chat_template(pointer(), MemorySegment.NULL);
        return template.equals(MemorySegment.NULL) ? Optional.empty() : Optional.of(Backend.cString(template));
    }

    /**
     * Saves the weights and metadata as llama.cpp holds them now (e.g. after training), atomically: written beside
     * {@code file} under a temporary name and renamed, because llama.cpp only logs a failed write and returns.
     *
     * @throws LlamaException if llama.cpp wrote nothing or the file cannot be moved into place
     */
    public void saveTo(Path file) {
        Path absolute = file.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + System.nanoTime() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            try (Arena arena = Arena.ofConfined()) {
                llama_model_save_to_file(pointer(), arena.allocateFrom(temp.toString()));
            }
            if (!Files.isRegularFile(temp) || Files.size(temp) == 0) {
                throw new LlamaException("llama.cpp could not write " + file + " (see the llama.cpp log)");
            }
            Files.move(temp, absolute, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new LlamaException("cannot save the model to " + file + ": " + xcot.io.InputFiles.detail(e), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (java.io.IOException ignored) {
                // a leftover temporary file is harmless; the error that matters was reported above
            }
        }
    }

    @Override
    void free(MemorySegment pointer) {
        llama_model_free(pointer);
    }
}
