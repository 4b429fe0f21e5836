package xcot.modelcheck;

import java.nio.file.Path;
import xcot.llm.Batch;
import xcot.llm.Context;
import xcot.llm.ContextOptions;
import xcot.llm.LlamaException;
import xcot.llm.Model;
import xcot.llm.ModelOptions;

/**
 * What the isolated check does with a model, in the process that may die doing it: load it on the CPU (with
 * llama.cpp's tensor-data validation when deep), open a tiny context, tokenize a short text that needs byte
 * fallback, decode it once, require finite logits, and turn the most likely next token back into text. Each step is
 * one that has aborted the process on some corrupt file; a file that passes them all has been through the loader, the
 * tokenizer, the graph and the detokenizer once.
 */
final class ModelProbe {
    /** Enough for the probe text and what llama.cpp rounds context sizes up to. */
    static final int CONTEXT_TOKENS = 128;
    /** Digits, punctuation, a space, a newline and a non-ASCII letter (byte fallback in small vocabularies). */
    static final String TEXT = "Check 1+2+3=\nd\u00e9j\u00e0";

    private ModelProbe() {}

    /**
     * Runs the probe on {@code file}.
     *
     * @throws LlamaException (a {@link xcot.llm.ModelLoadException} when the file cannot be loaded) with a one-line
     *                        message naming the file
     */
    static void probe(Path file, boolean deep) {
        ModelOptions options = ModelOptions.defaults().withGpuLayers(0).withTensorCheck(deep);
        try (Model model = Model.load(file, options);
                Context context = model.newContext(ContextOptions.of(CONTEXT_TOKENS).withThreads(1))) {
            int[] tokens = model.vocab().tokenize(TEXT, model.vocab().addsBos(), true);
            if (tokens.length == 0) {
                throw new LlamaException(file + ": the vocabulary turns a short text into no tokens");
            }
            int n = Math.min(tokens.length, context.batchTokens());
            try (Batch batch = context.newBatch(n, 1)) {
                for (int i = 0; i < n; i++) {
                    batch.add(tokens[i], i, i == n - 1, 0);
                }
                context.decode(batch);
            }
            float[] logits = context.copyLogitsRow(0);
            int best = 0;
            for (int t = 0; t < logits.length; t++) {
                if (!Float.isFinite(logits[t])) {
                    throw new LlamaException(file + ": one decode gives a non-finite logit (" + logits[t]
                            + " for token " + t + "); the weights hold NaN or infinite values (xcot models check"
                            + " --deep names the tensor)");
                }
                if (logits[t] > logits[best]) {
                    best = t;
                }
            }
            model.vocab().pieceBytes(best, true);
        }
    }
}
