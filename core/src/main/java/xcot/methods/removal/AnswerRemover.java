package xcot.methods.removal;

import xcot.tasks.BenchmarkKind;

/**
 * Removes the sentences of a chain of thought that state the answer, for the without-answer conditions
 * (docs/reference-pipeline.md §8). Implementations: {@link RuleBasedAnswerRemover} (deterministic, the default), {@link
 * LocalModelAnswerRemover} (the spec's filter prompt on a local model), {@link OpenAiAnswerRemover} (the paper's
 * o4-mini over an OpenAI-compatible endpoint). The runner caches every result by {@link #id()} and input.
 */
public interface AnswerRemover {
    /** Identifies the remover and its settings in cache keys (e.g. {@code rules-v2}, {@code http:o4-mini}). */
    String id();

    /** The CoT without its answer sentences. */
    String remove(String cot, BenchmarkKind kind);
}
