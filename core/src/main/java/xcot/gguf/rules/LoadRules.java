package xcot.gguf.rules;

import java.util.Optional;
import java.util.Set;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufFormatException;
import xcot.gguf.GgufKeys;

/**
 * What the pinned llama.cpp asserts, or silently gets wrong, when it loads a GGUF whose header is well formed, checked
 * in Java before llama.cpp sees the file: an assertion in the native loader aborts the whole JVM, and a value it only
 * warns about (an out-of-range special token, a NaN RoPE base) gives garbage without a word. Each rule names the
 * llama.cpp source it mirrors.
 *
 * <p>The rules run in llama.cpp's own order: hyperparameters ({@code llama_model_base::load_hparams} and the
 * architecture's {@code load_arch_hparams}), then the vocabulary ({@code llama_vocab::impl::load}), then the tensor
 * types and shapes ({@code load_arch_tensors}). Hyperparameter and shape rules beyond the generic ones are known for the
 * architectures xcot writes and targets ({@link #STANDARD_ATTENTION}); other architectures get the generic rules, and
 * {@code xcot models check} (a load in a child process) covers what is left.
 */
public final class LoadRules {
    /**
     * Architectures whose graph xcot has read: one attention with RoPE over the whole head, the head size equal for
     * k and v ({@code GGML_ASSERT(n_embd_head == hparams.n_embd_head_k()); GGML_ASSERT(n_embd_head == n_rot)} in
     * {@code src/models/llama.cpp}, {@code qwen2.cpp}, {@code qwen3.cpp}), and the usual tensor layout.
     */
    static final Set<String> STANDARD_ATTENTION = Set.of("llama", "qwen2", "qwen3");

    private LoadRules() {}

    /**
     * Refuses a file that llama.cpp would abort on, or load into a model that computes garbage.
     *
     * @throws GgufFormatException with one line naming the file, the key (or tensor) and the value
     */
    public static void check(GgufFile gguf) throws GgufFormatException {
        String file = gguf.path().toString();
        Fields fields = new Fields(file, gguf.metadata());
        String arch = fields.string(GgufKeys.ARCHITECTURE).orElseThrow(() ->
                refuse(file, "key '" + GgufKeys.ARCHITECTURE + "' is missing"));
        Hyperparameters h = HyperparameterRules.check(fields, arch);
        int vocabularySize = VocabularyRules.check(fields);
        TensorRules.checkStorage(gguf);
        if (STANDARD_ATTENTION.contains(arch)) {
            TensorRules.checkShapes(gguf, h, vocabularySize);
        }
    }

    /** The problem {@link #check} would report, without the file name; empty for a loadable file. */
    public static Optional<String> problem(GgufFile gguf) {
        try {
            check(gguf);
            return Optional.empty();
        } catch (GgufFormatException e) {
            String prefix = gguf.path() + ": ";
            String message = e.getMessage();
            return Optional.of(message.startsWith(prefix) ? message.substring(prefix.length()) : message);
        }
    }

    /** The one-line refusal of {@code file} for {@code reason}. */
    static GgufFormatException refuse(String file, String reason) {
        return GgufFormatException.metadata(file, "not loadable by llama.cpp: " + reason);
    }
}
