package xcot.llm;

import java.util.List;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufException;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufTensorInfo;

/**
 * What must hold before {@code llama_opt_init}: the cases where llama.cpp would abort the JVM, crash, or train
 * something other than asked without a word. Checked in Java from the context's options and the model's validated
 * GGUF header; each failure is one {@link TrainingException} line naming the fix.
 */
final class TrainingPreconditions {
    /** llama.cpp never trains these, whatever their type ({@code llama_set_param}'s FIXMEs). */
    private static final List<String> NEVER_TRAINED = List.of("token_embd.weight", "rope_freqs.weight");

    private TrainingPreconditions() {}

    static void check(Context context) {
        Model model = context.model();
        String file = model.path().getFileName().toString();
        ModelOptions loading = model.options();
        if (loading.vocabOnly()) {
            throw new TrainingException(file + " was loaded without weights (vocabulary only); nothing to train");
        }
        if (loading.loading() != ModelOptions.Loading.READ) {
            throw new TrainingException(file + " was loaded with loading " + loading.loading() + ": the optimizer"
                    + " writes the weights in place and crashes on a read-only mapping; load it with Loading.READ");
        }
        for (GgufTensorInfo t : model.gguf().tensors()) {
            if (t.type() != GgmlType.F32 && !NEVER_TRAINED.contains(t.name())) {
                throw new TrainingException(file + ": tensor " + t.name() + " is " + t.type() + "; llama.cpp trains"
                        + " only F32 tensors and would silently leave it unchanged: write the model with F32 weights");
            }
        }
        checkByteTokens(file, model.gguf().metadata());
        ContextOptions options = context.options();
        int window = context.contextTokens();
        if (context.batchTokens() != window || context.ubatchTokens() != window) {
            throw new TrainingException("training needs n_batch == n_ubatch == n_ctx (one window per optimizer step;"
                    + " later micro-batches would read cached K/V without gradient), not " + context.batchTokens()
                    + "/" + context.ubatchTokens() + "/" + window + ": use ContextOptions.forTraining");
        }
        if (options.flashAttention()) {
            throw new TrainingException("training needs flash attention off (it has no backward pass):"
                    + " use ContextOptions.forTraining");
        }
        if (options.kvCacheType() != ContextOptions.CacheType.F32) {
            throw new TrainingException("training needs an F32 KV cache (the backward pass has no F16 support), not "
                    + options.kvCacheType() + ": use ContextOptions.forTraining");
        }
    }

    /**
     * A SentencePiece ({@code llama}) vocabulary must hold all 256 byte tokens: a character it lacks falls back to
     * its bytes, and a missing byte token throws a C++ exception inside llama.cpp, which ends the JVM.
     */
    private static void checkByteTokens(String file, GgufMetadata metadata) {
        try {
            if (!metadata.contains(GgufKeys.TOKENIZER_MODEL)
                    || !metadata.getString(GgufKeys.TOKENIZER_MODEL).equals("llama")) {
                return;
            }
            java.util.Set<String> tokens = new java.util.HashSet<>(metadata.getStrings(GgufKeys.TOKENS));
            for (int b = 0; b < 256; b++) {
                String piece = String.format("<0x%02X>", b);
                if (!tokens.contains(piece)) {
                    throw new TrainingException(file + ": the SentencePiece vocabulary has no byte token " + piece
                            + " (all 256 are needed: llama.cpp throws a C++ exception, ending the JVM, when a"
                            + " character outside the vocabulary has no byte token)");
                }
            }
        } catch (GgufException e) {
            throw new TrainingException(file + ": unreadable vocabulary: " + e.detail(), e);
        }
    }
}
