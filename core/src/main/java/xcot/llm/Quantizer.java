package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import xcot.bindings.llama_model_quantize_params;
import xcot.gguf.GgufReader;
import xcot.gguf.rules.LoadRules;

/** Re-encodes a GGUF model's weights with {@code llama_model_quantize}. */
public final class Quantizer {
    /** Target encodings xcot offers; the ids are llama.cpp's {@code llama_ftype} values. */
    public enum Target {
        Q8_0(7),
        Q4_K_M(15),
        F16(1);

        private final int ftype;

        Target(int ftype) {
            this.ftype = ftype;
        }
    }

    private Quantizer() {}

    /**
     * Writes {@code output}, a copy of {@code input} with its matrices in {@code target} (norms stay F32).
     *
     * @throws ModelLoadException if the input is missing or not a valid GGUF
     * @throws LlamaException if llama.cpp fails
     */
    public static void quantize(Path input, Path output, Target target, int threads) {
        try {
            LoadRules.check(GgufReader.read(input));
        } catch (xcot.gguf.GgufException e) {
            throw new ModelLoadException(e);
        }
        Backend.ensureInitialized();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = llama_model_quantize_default_params(arena);
            llama_model_quantize_params.ftype(params, target.ftype);
            llama_model_quantize_params.nthread(params, threads);
            int status = llama_model_quantize(arena.allocateFrom(input.toString()), arena.allocateFrom(output.toString()),
                    params);
            if (status != 0) {
                throw new LlamaException("quantizing " + input + " to " + target + " failed (status " + status + ")");
            }
        }
    }
}
