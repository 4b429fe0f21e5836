package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
     * Writes {@code output}, a copy of {@code input} with its matrices in {@code target} (norms stay F32). The input
     * should hold F32, F16 or BF16 matrices: llama.cpp refuses to requantize already quantized ones (Q8_0 and the
     * like), because each round loses precision. The output appears atomically: llama.cpp writes a temporary file
     * beside it, which is renamed only when it is a complete GGUF; on failure nothing is left at {@code output}.
     *
     * @throws ModelLoadException if the input is missing or not a valid GGUF
     * @throws LlamaException if llama.cpp fails (its reason is in the llama.cpp log)
     */
    public static void quantize(Path input, Path output, Target target, int threads) {
        try {
            LoadRules.check(GgufReader.read(input));
        } catch (xcot.gguf.GgufException e) {
            throw new ModelLoadException(e);
        }
        Backend.ensureInitialized();
        Path absolute = output.toAbsolutePath();
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "." + System.nanoTime() + ".tmp");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = llama_model_quantize_default_params(arena);
            llama_model_quantize_params.ftype(params, target.ftype);
            llama_model_quantize_params.nthread(params, threads);
            int status = llama_model_quantize(arena.allocateFrom(input.toString()), arena.allocateFrom(temp.toString()),
                    params);
            if (status != 0) {
                throw new LlamaException("quantizing " + input + " to " + target + " failed (status " + status
                        + "; see the llama.cpp log)");
            }
            GgufReader.read(temp);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (java.io.IOException e) {
            throw new LlamaException("quantizing " + input + " to " + target + ": " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (java.io.IOException ignored) {
                // a leftover temporary file is harmless; the error that matters was reported above
            }
        }
    }
}
