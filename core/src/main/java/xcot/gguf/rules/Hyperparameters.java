package xcot.gguf.rules;

/**
 * The hyperparameters a standard-attention model's tensor shapes follow, as llama.cpp derives them (per-layer values
 * are those of layer 0; {@link HyperparameterRules} has checked that the layers agree where shapes depend on them).
 *
 * @param headK  {@code n_embd_head_k}: {@code attention.key_length}, else {@code embedding_length / head_count}
 * @param headV  {@code n_embd_head_v}, likewise from {@code attention.value_length}
 */
record Hyperparameters(String architecture, long embedding, int layers, long heads, long headsKv, long headK,
                       long headV, long feedForward) {
}
