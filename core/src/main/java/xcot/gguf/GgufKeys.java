package xcot.gguf;

/**
 * Metadata key names that llama.cpp reads (from {@code src/llama-arch.cpp} of the pinned tree), in one place.
 * Architecture-specific keys take the architecture name, e.g. {@code blockCount("qwen3")} is
 * {@code qwen3.block_count}.
 */
public final class GgufKeys {
    private GgufKeys() {}

    public static final String ARCHITECTURE = "general.architecture";
    public static final String NAME = "general.name";
    public static final String FILE_TYPE = "general.file_type";
    /** u32, a power of two; 32 when absent. */
    public static final String ALIGNMENT = "general.alignment";
    public static final int DEFAULT_ALIGNMENT = 32;

    public static final String TOKENIZER_MODEL = "tokenizer.ggml.model";
    public static final String TOKENIZER_PRE = "tokenizer.ggml.pre";
    public static final String TOKENS = "tokenizer.ggml.tokens";
    public static final String TOKEN_TYPE = "tokenizer.ggml.token_type";
    public static final String SCORES = "tokenizer.ggml.scores";
    public static final String MERGES = "tokenizer.ggml.merges";
    public static final String BOS_ID = "tokenizer.ggml.bos_token_id";
    public static final String EOS_ID = "tokenizer.ggml.eos_token_id";
    public static final String UNKNOWN_ID = "tokenizer.ggml.unknown_token_id";
    public static final String PADDING_ID = "tokenizer.ggml.padding_token_id";
    public static final String ADD_BOS = "tokenizer.ggml.add_bos_token";
    public static final String ADD_EOS = "tokenizer.ggml.add_eos_token";
    public static final String ADD_SPACE_PREFIX = "tokenizer.ggml.add_space_prefix";
    public static final String CHAT_TEMPLATE = "tokenizer.chat_template";
    /** BERT-style vocabularies (WordPiece): separator, classifier and mask ids, whether to append the separator. */
    public static final String SEPARATOR_ID = "tokenizer.ggml.seperator_token_id";
    public static final String CLS_ID = "tokenizer.ggml.cls_token_id";
    public static final String MASK_ID = "tokenizer.ggml.mask_token_id";
    public static final String ADD_SEP = "tokenizer.ggml.add_sep_token";
    /** Rows of a BERT model's token-type embedding; llama.cpp's {@code bert} refuses a model without it. */
    public static final String TOKEN_TYPE_COUNT = "tokenizer.ggml.token_type_count";
    /** Whether the WordPiece tokenizer lowercases (and, by default, strips accents), as Hugging Face's BertNormalizer. */
    public static final String NORMALIZER_LOWERCASE = "tokenizer.ggml.normalizer.lowercase";

    public static String contextLength(String arch) {
        return arch + ".context_length";
    }

    public static String embeddingLength(String arch) {
        return arch + ".embedding_length";
    }

    public static String blockCount(String arch) {
        return arch + ".block_count";
    }

    public static String feedForwardLength(String arch) {
        return arch + ".feed_forward_length";
    }

    public static String headCount(String arch) {
        return arch + ".attention.head_count";
    }

    public static String headCountKv(String arch) {
        return arch + ".attention.head_count_kv";
    }

    public static String keyLength(String arch) {
        return arch + ".attention.key_length";
    }

    public static String valueLength(String arch) {
        return arch + ".attention.value_length";
    }

    public static String rmsEpsilon(String arch) {
        return arch + ".attention.layer_norm_rms_epsilon";
    }

    /** The epsilon of LayerNorm (mean and variance), as opposed to {@link #rmsEpsilon}. */
    public static String layerNormEpsilon(String arch) {
        return arch + ".attention.layer_norm_epsilon";
    }

    public static String causalAttention(String arch) {
        return arch + ".attention.causal";
    }

    /** {@code llama_pooling_type} a context uses unless it asks for another. */
    public static String poolingType(String arch) {
        return arch + ".pooling_type";
    }

    public static String ropeDimensionCount(String arch) {
        return arch + ".rope.dimension_count";
    }

    public static String ropeFreqBase(String arch) {
        return arch + ".rope.freq_base";
    }

    public static String vocabSize(String arch) {
        return arch + ".vocab_size";
    }
}
