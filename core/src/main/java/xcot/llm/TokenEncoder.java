package xcot.llm;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import xcot.gguf.GgufFormatException;

/**
 * A text encoder (a GGUF {@code bert}-style model) that gives every token's contextual embedding: llama.cpp with
 * embeddings on and pooling none. Owns its {@link Model} and one {@link Context} of the model's training window;
 * {@link #close} frees both. Not thread-safe: one thread at a time.
 *
 * <p>Texts are tokenized as the model's tokenizer does with special tokens ({@code [CLS] text [SEP]}) and cut, like
 * Hugging Face's truncation, to the training window with the closing token kept. Several short texts share one
 * {@code llama_encode} as separate sequences (see {@link #BATCH_TOKENS}).
 */
public final class TokenEncoder implements AutoCloseable {
    /** The architecture this handle is made for and tested with (llama.cpp's bidirectional BERT encoder). */
    private static final String ENCODER_ARCHITECTURE = "bert";
    /** Sequences per encode; a batch of short instructions rarely needs more. */
    private static final int MAX_SEQUENCES = 64;
    /**
     * Tokens per encode (texts longer than this go alone). An encoder batch attends densely over all its tokens,
     * masked by sequence, so its cost grows with the square of the batch: measured here, 20-token texts cost the
     * same per text alone or 6 at a time, and twice as much 25 at a time (512 tokens).
     */
    private static final int BATCH_TOKENS = 128;

    private final Model model;
    private final Context context;
    private final int windowTokens;

    private TokenEncoder(Model model, Context context) {
        this.model = model;
        this.context = context;
        this.windowTokens = Math.min(model.trainingContextTokens(), context.ubatchTokens());
    }

    /**
     * Loads an encoder model on the CPU.
     *
     * @throws ModelLoadException if the file is missing, invalid, rejected by llama.cpp, or not an encoder model
     */
    public static TokenEncoder open(Path gguf, int threads) {
        Model model = Model.load(gguf, ModelOptions.defaults().withGpuLayers(0));
        try {
            String architecture;
            try {
                architecture = model.gguf().architecture();
            } catch (GgufFormatException e) {
                throw new ModelLoadException(gguf, e.getMessage(), e);
            }
            if (!architecture.equals(ENCODER_ARCHITECTURE)) {
                throw new ModelLoadException(gguf, "architecture '" + architecture + "' is not a text encoder"
                        + " (expected '" + ENCODER_ARCHITECTURE + "')");
            }
            int window = model.trainingContextTokens();
            ContextOptions options = new ContextOptions(window, window, window, MAX_SEQUENCES, true, threads, threads,
                    false, ContextOptions.CacheType.F16);
            return new TokenEncoder(model, model.newTokenEmbeddingContext(options));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Length of each token vector. */
    public int dimension() {
        return model.embeddingLength();
    }

    /** Most tokens one text keeps, special tokens included. */
    public int windowTokens() {
        return windowTokens;
    }

    /** The token ids {@code text} is encoded as: with special tokens, cut to the window with the last kept. */
    public int[] tokenize(String text) {
        int[] tokens = model.vocab().tokenize(text, true, false);
        if (tokens.length <= windowTokens) {
            return tokens;
        }
        int[] cut = Arrays.copyOf(tokens, windowTokens);
        cut[windowTokens - 1] = tokens[tokens.length - 1];
        return cut;
    }

    public TokenEmbeddings encode(String text) {
        return encodeAll(List.of(text)).getFirst();
    }

    /** Encodes each text on its own (no text sees another), in order. */
    public List<TokenEmbeddings> encodeAll(List<String> texts) {
        List<int[]> tokenized = texts.stream().map(this::tokenize).toList();
        List<TokenEmbeddings> out = new ArrayList<>(texts.size());
        int opening = model.vocab().bos();
        int separator = model.vocab().separator();
        try (Batch batch = context.newBatch(context.ubatchTokens(), 1)) {
            int first = 0;
            while (first < tokenized.size()) {
                batch.clear();
                int end = first;
                while (end < tokenized.size() && end - first < MAX_SEQUENCES && (end == first
                        || batch.size() + tokenized.get(end).length <= BATCH_TOKENS)) {
                    int[] tokens = tokenized.get(end);
                    for (int t = 0; t < tokens.length; t++) {
                        batch.add(tokens[t], t, true, end - first);
                    }
                    end++;
                }
                context.encode(batch);
                int row = 0;
                for (int i = first; i < end; i++) {
                    int[] tokens = tokenized.get(i);
                    float[][] vectors = new float[tokens.length][];
                    boolean[] markers = new boolean[tokens.length];
                    for (int t = 0; t < tokens.length; t++) {
                        vectors[t] = context.tokenEmbedding(row++);
                        markers[t] = tokens[t] == opening || tokens[t] == separator;
                    }
                    out.add(new TokenEmbeddings(tokens, vectors, markers));
                }
                first = end;
            }
        }
        return out;
    }

    /** The vocabulary, e.g. to show tokens as text. */
    public Vocab vocab() {
        return model.vocab();
    }

    @Override
    public void close() {
        model.close();
    }
}
