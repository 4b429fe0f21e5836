package xcot.llm;

/**
 * A batch or a token sequence breaks one of llama.cpp's preconditions and was stopped in Java before the native call
 * (several of these are assertions in llama.cpp that would abort the JVM): more tokens than {@code n_batch}, a
 * sequence id not below {@code n_seq_max}, a token id outside the vocabulary, a shared-prefix batch without
 * {@code kv_unified}.
 */
public final class BatchRejectedException extends LlamaException {
    public BatchRejectedException(String message) {
        super(message);
    }
}
