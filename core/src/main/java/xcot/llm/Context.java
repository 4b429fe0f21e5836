package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import xcot.bindings.llama_context_params;

/**
 * An inference context ({@code llama_context}): KV cache, compute buffers and the logits of the last decode. A child
 * of its {@link Model}; closes before it.
 *
 * <p>{@link #decode(Batch)} checks every precondition llama.cpp would otherwise assert on (and abort the JVM for)
 * before the native call, and maps the C status to a typed {@link DecodeException}.
 */
public final class Context extends NativeHandle {
    private final Model model;
    private final ContextOptions options;
    private final int contextTokens;
    private final int sequenceContextTokens;
    private final int batchTokens;
    private final int ubatchTokens;
    private final int maxSequences;
    private final boolean kvUnified;
    private final int vocabSize;
    private final Memory memory;
    private final boolean tokenEmbeddings;
    private long decodeCount;
    private int outputsOfLastDecode;
    private int tokensOfLastEncode;
    private final java.util.BitSet outputBatchIndices = new java.util.BitSet();
    /** llama.cpp asserts (and aborts the JVM) on a second {@code llama_opt_init} for one context. */
    private boolean optimizerInitialized;

    private Context(Model model, MemorySegment pointer, ContextOptions options, boolean tokenEmbeddings) {
        super("context", pointer);
        this.tokenEmbeddings = tokenEmbeddings;
        this.model = model;
        this.options = options;
        this.contextTokens = (int) llama_n_ctx(pointer);
        this.sequenceContextTokens = (int) llama_n_ctx_seq(pointer);
        this.batchTokens = (int) llama_n_batch(pointer);
        this.ubatchTokens = (int) llama_n_ubatch(pointer);
        this.maxSequences = (int) llama_n_seq_max(pointer);
        this.kvUnified = options.kvUnified();
        this.vocabSize = model.vocab().size();
        MemorySegment kv = llama_get_memory(pointer);
        // Encoder-only models (bert) have no KV cache: llama_get_memory is NULL.
        this.memory = kv.equals(MemorySegment.NULL) ? null : new Memory(this, kv);
    }

    static Context create(Model model, ContextOptions options) {
        return create(model, options, false);
    }

    /**
     * @param tokenEmbeddings make {@link #encode} keep each token's output embedding ({@code embeddings} on,
     *                        pooling none, non-causal attention), for encoder models
     */
    static Context create(Model model, ContextOptions options, boolean tokenEmbeddings) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = llama_context_default_params(arena);
            llama_context_params.n_ctx(params, options.contextTokens());
            llama_context_params.n_batch(params, options.batchTokens());
            llama_context_params.n_ubatch(params, options.ubatchTokens());
            llama_context_params.n_seq_max(params, options.maxSequences());
            llama_context_params.kv_unified(params, options.kvUnified());
            llama_context_params.n_threads(params, options.threads());
            llama_context_params.n_threads_batch(params, options.threadsBatch());
            llama_context_params.flash_attn_type(params,
                    options.flashAttention() ? LLAMA_FLASH_ATTN_TYPE_AUTO() : LLAMA_FLASH_ATTN_TYPE_DISABLED());
            int cacheType = switch (options.kvCacheType()) {
                case F16 -> GGML_TYPE_F16();
                case F32 -> GGML_TYPE_F32();
                case Q8_0 -> GGML_TYPE_Q8_0();
            };
            llama_context_params.type_k(params, cacheType);
            llama_context_params.type_v(params, cacheType);
            llama_context_params.no_perf(params, true);
            if (tokenEmbeddings) {
                llama_context_params.embeddings(params, true);
                llama_context_params.pooling_type(params, LLAMA_POOLING_TYPE_NONE());
                llama_context_params.attention_type(params, LLAMA_ATTENTION_TYPE_NON_CAUSAL());
            }
            MemorySegment pointer = llama_init_from_model(model.pointer(), params);
            if (pointer.equals(MemorySegment.NULL)) {
                throw new LlamaException("llama.cpp could not create a context of " + options.contextTokens()
                        + " tokens x " + options.maxSequences() + " sequences for " + model.path().getFileName()
                        + " (out of memory? see the llama.cpp log)");
            }
            return new Context(model, pointer, options, tokenEmbeddings);
        }
    }

    public Model model() {
        return model;
    }

    /** The options this context was created with (before llama.cpp's padding of the window). */
    public ContextOptions options() {
        return options;
    }

    /** The context window in tokens, after llama.cpp's padding. */
    public int contextTokens() {
        return contextTokens;
    }

    /** Positions available to one sequence: the whole window when unified, else window / sequences. */
    public int sequenceContextTokens() {
        return sequenceContextTokens;
    }

    public int batchTokens() {
        return batchTokens;
    }

    public int ubatchTokens() {
        return ubatchTokens;
    }

    public int maxSequences() {
        return maxSequences;
    }

    public boolean kvUnified() {
        return kvUnified;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** The KV cache of this context; throws for an encoder model's context, which has none. */
    public Memory memory() {
        pointer();
        if (memory == null) {
            throw new IllegalStateException(model.path().getFileName() + " has no KV cache (an encoder model)");
        }
        return memory;
    }

    /** A batch sized for this context (at most {@link #batchTokens()} tokens, up to {@code seqIdsPerToken} each). */
    public Batch newBatch(int capacityTokens, int seqIdsPerToken) {
        if (capacityTokens > batchTokens) {
            throw new BatchRejectedException("batch capacity " + capacityTokens + " exceeds n_batch " + batchTokens);
        }
        return adopt(new Batch(capacityTokens, seqIdsPerToken));
    }

    /**
     * Decodes {@code batch}. On return, the logits of the tokens the batch marked for output are readable through
     * {@link #logits()} until the next decode.
     *
     * @throws BatchRejectedException if the batch breaks a precondition (checked before the native call)
     * @throws ContextOverflowException if a position does not fit in the sequence's window
     * @throws DecodeException for a non-zero status from llama.cpp
     */
    public void decode(Batch batch) {
        checkPreconditions(batch);
        tokensOfLastEncode = 0;
        int status = llama_decode(pointer(), batch.struct());
        decodeCount++;
        outputsOfLastDecode = status == 0 ? batch.outputCount() : 0;
        outputBatchIndices.clear();
        if (status == 0) {
            for (int i = 0; i < batch.size(); i++) {
                if (batch.isOutput(i)) {
                    outputBatchIndices.set(i);
                }
            }
        }
        if (status != 0) {
            throw DecodeException.of(status, batch.size() + " tokens");
        }
    }

    /**
     * Runs the encoder on {@code batch} ({@code llama_encode}): every sequence in it is encoded whole, with attention
     * within the sequence only. Afterwards {@link #tokenEmbedding} reads each token's output row, in a context created
     * for token embeddings.
     *
     * @throws BatchRejectedException if a precondition fails, among them the batch exceeding {@code n_ubatch}
     *                                (llama.cpp cannot split an encoder batch and aborts on it)
     * @throws DecodeException        for a non-zero status from llama.cpp
     */
    public void encode(Batch batch) {
        if (!tokenEmbeddings) {
            throw new IllegalStateException("this context was not created for token embeddings (see TokenEncoder)");
        }
        checkPreconditions(batch);
        if (batch.size() > ubatchTokens) {
            throw new BatchRejectedException("an encoder batch of " + batch.size() + " tokens exceeds n_ubatch "
                    + ubatchTokens + " (llama.cpp cannot split it)");
        }
        int status = llama_encode(pointer(), batch.struct());
        decodeCount++;
        outputsOfLastDecode = 0;
        outputBatchIndices.clear();
        tokensOfLastEncode = status == 0 ? batch.size() : 0;
        if (status != 0) {
            throw DecodeException.of(status, "encoding " + batch.size() + " tokens");
        }
    }

    /** The output embedding of the token at {@code batchIndex} of the last {@link #encode}, copied. */
    public float[] tokenEmbedding(int batchIndex) {
        if (!tokenEmbeddings) {
            throw new IllegalStateException("this context was not created for token embeddings");
        }
        if (batchIndex < 0 || batchIndex >= tokensOfLastEncode) {
            throw new IllegalStateException("the last encode produced no embedding for batch index " + batchIndex);
        }
        MemorySegment row = llama_get_embeddings_ith(pointer(), batchIndex);
        if (row.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("llama.cpp has no embedding for batch index " + batchIndex);
        }
        int dimension = model.embeddingLength();
        return row.reinterpret((long) dimension * Float.BYTES).toArray(ValueLayout.JAVA_FLOAT);
    }

    private void checkPreconditions(Batch batch) {
        pointer();
        int n = batch.size();
        if (n == 0) {
            throw new BatchRejectedException("empty batch");
        }
        if (n > batchTokens) {
            throw new BatchRejectedException("batch of " + n + " tokens exceeds n_batch " + batchTokens);
        }
        Vocab vocab = model.vocab();
        for (int i = 0; i < n; i++) {
            vocab.checkToken(batch.token(i));
            int position = batch.position(i);
            if (position < 0) {
                throw new BatchRejectedException("negative position " + position + " at batch index " + i);
            }
            if (position >= sequenceContextTokens) {
                throw new ContextOverflowException(position + 1, sequenceContextTokens, "batch index " + i);
            }
            int seqIds = batch.sequenceCount(i);
            if (seqIds > 1 && !kvUnified) {
                throw new BatchRejectedException("token at batch index " + i + " belongs to " + seqIds
                        + " sequences; a shared prefix needs a context created with kvUnified");
            }
            for (int s = 0; s < seqIds; s++) {
                checkSequence(batch.sequence(i, s));
            }
        }
        checkPositionsContinue(batch);
    }

    /**
     * llama.cpp rejects a batch (status -1, reason only in its log) unless each sequence's positions go up by one,
     * starting right after the last position it holds in the cache (or anywhere when it holds none).
     */
    private void checkPositionsContinue(Batch batch) {
        if (memory == null) {
            return; // an encoder keeps no cells between batches, so there is nothing to continue
        }
        int[] next = new int[maxSequences];
        java.util.Arrays.fill(next, Integer.MIN_VALUE);
        for (int i = 0; i < batch.size(); i++) {
            int position = batch.position(i);
            for (int s = 0; s < batch.sequenceCount(i); s++) {
                int seq = batch.sequence(i, s);
                int expected = next[seq];
                if (expected == Integer.MIN_VALUE) {
                    int held = memory.positionMax(seq);
                    expected = held >= 0 ? held + 1 : position;
                }
                if (position != expected) {
                    throw new BatchRejectedException("batch index " + i + ": sequence " + seq + " continues at"
                            + " position " + expected + ", not " + position + " (llama.cpp needs consecutive positions)");
                }
                next[seq] = position + 1;
            }
        }
    }

    void checkSequence(int seq) {
        if (seq < 0 || seq >= maxSequences) {
            throw new BatchRejectedException("sequence id " + seq + " outside [0, n_seq_max=" + maxSequences + ")");
        }
    }

    /**
     * The logits of the last decode, read in place (no copy). The view is invalid after the next decode or after
     * close; its methods check that.
     */
    public Logits logits() {
        if (outputsOfLastDecode == 0) {
            throw new IllegalStateException("the last decode produced no logits");
        }
        MemorySegment all = llama_get_logits(pointer());
        if (all.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("llama.cpp has no logits for the last decode");
        }
        long bytes = (long) outputsOfLastDecode * vocabSize * Float.BYTES;
        // Reinterpreted with global scope once per decode: llama.cpp owns this buffer; Logits guards its lifetime.
        return new Logits(this, decodeCount, all.reinterpret(bytes), outputsOfLastDecode, vocabSize);
    }

    /**
     * Throws unless the last decode produced logits for batch index {@code batchIndex} (-1: the last output).
     * llama.cpp asserts on this when sampling.
     */
    void checkOutputAt(int batchIndex) {
        pointer();
        boolean ok = batchIndex == -1 ? outputsOfLastDecode > 0 : batchIndex >= 0 && outputBatchIndices.get(batchIndex);
        if (!ok) {
            throw new IllegalStateException("the last decode produced no logits for batch index " + batchIndex);
        }
    }

    /** The logits row of batch index {@code batchIndex}: outputs are numbered in batch order. */
    int outputRowOf(int batchIndex) {
        checkOutputAt(batchIndex);
        return outputBatchIndices.get(0, batchIndex).cardinality();
    }

    boolean isCurrent(long decodeNumber) {
        return !isClosed() && decodeNumber == decodeCount;
    }

    public void setThreads(int threads, int threadsBatch) {
        llama_set_n_threads(pointer(), threads, threadsBatch);
    }

    /**
     * Makes this context train its model's F32 weights in place ({@code llama_opt_init}) with AdamW, asking
     * {@code schedule} for the hyper-parameters of every optimizer step. Allowed once per context; every
     * precondition llama.cpp would abort on, or silently ignore, is checked first (see {@link TrainingSession}).
     *
     * @param progress told after every window of an epoch; may be null
     * @throws TrainingException if the model or this context cannot be trained
     */
    public TrainingSession startTraining(LearningRateSchedule schedule, TrainingProgress progress) {
        pointer();
        if (optimizerInitialized) {
            throw new TrainingException("this context already trains (llama_opt_init is allowed once per context;"
                    + " create a new context)");
        }
        TrainingPreconditions.check(this);
        TrainingSession session = adopt(TrainingSession.open(this, schedule, progress));
        optimizerInitialized = true;
        return session;
    }

    /** Copies one output row to the heap, for callers that need to keep it past the next decode. */
    public float[] copyLogitsRow(int outputRow) {
        return logits().row(outputRow).toArray(ValueLayout.JAVA_FLOAT);
    }

    @Override
    void free(MemorySegment pointer) {
        llama_free(pointer);
    }
}
