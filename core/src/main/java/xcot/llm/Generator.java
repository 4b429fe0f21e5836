package xcot.llm;

import java.util.Arrays;

/**
 * Token-by-token generation on one sequence of a {@link Context}: decode the prompt (in {@code n_batch} chunks), then
 * sample, append, decode, until an end-of-generation token, the budget, the window, or a stop condition. For many
 * sequences at once, or prompts that share a prefix, see {@link BatchedGenerator}, which follows the same rules.
 */
public final class Generator {
    private final Context context;
    private final int sequence;

    public Generator(Context context, int sequence) {
        context.checkSequence(sequence);
        this.context = context;
        this.sequence = sequence;
    }

    /**
     * Clears the sequence, decodes {@code prompt} and generates up to {@code maxNewTokens} tokens with
     * {@code sampler} (which is not reset here: reset it for a reproducible seeded run).
     *
     * @param stopWhen checked after every token (null: never stops)
     * @param renderSpecial whether special tokens appear in the returned text
     * @throws ContextOverflowException if the prompt alone does not fit in the sequence's window
     */
    public Generation generate(int[] prompt, int maxNewTokens, Sampler sampler, StopCondition stopWhen,
            boolean renderSpecial) {
        if (prompt.length == 0) {
            throw new IllegalArgumentException("empty prompt");
        }
        int window = context.sequenceContextTokens();
        if (prompt.length > window) {
            throw new ContextOverflowException(prompt.length, window, "prompt of " + prompt.length + " tokens");
        }
        context.memory().removeSequence(sequence, -1, -1);
        Vocab vocab = context.model().vocab();
        long startNanos = System.nanoTime();
        long decodeNanos = 0;
        int[] generated = new int[Math.max(0, Math.min(maxNewTokens, window - prompt.length))];
        int count = 0;
        Generation.StopReason reason = Generation.StopReason.TOKEN_LIMIT;
        long prefillNanos;
        StringBuilder text = new StringBuilder();
        Utf8Accumulator utf8 = new Utf8Accumulator();
        try (Batch batch = context.newBatch(Math.min(context.batchTokens(), Math.max(prompt.length, 1)), 1)) {
            for (int start = 0; start < prompt.length; start += batch.capacity()) {
                batch.clear();
                int end = Math.min(prompt.length, start + batch.capacity());
                for (int i = start; i < end; i++) {
                    batch.add(prompt[i], i, i == prompt.length - 1, sequence);
                }
                long t0 = System.nanoTime();
                context.decode(batch);
                decodeNanos += System.nanoTime() - t0;
            }
            int lastIndex = batch.size() - 1;
            prefillNanos = System.nanoTime() - startNanos;
            while (true) {
                if (count == maxNewTokens) {
                    reason = Generation.StopReason.TOKEN_LIMIT;
                    break;
                }
                if (prompt.length + count >= window) {
                    reason = Generation.StopReason.CONTEXT_FULL;
                    break;
                }
                int token = sampler.sample(context, lastIndex);
                if (vocab.isEndOfGeneration(token)) {
                    reason = Generation.StopReason.END_OF_GENERATION;
                    break;
                }
                generated[count++] = token;
                int appendedFrom = text.length();
                text.append(utf8.append(vocab.pieceBytes(token, renderSpecial)));
                if (stopWhen != null && stopWhen.shouldStop(text, appendedFrom)) {
                    reason = Generation.StopReason.STOP_SEQUENCE;
                    break;
                }
                if (prompt.length + count >= window) {
                    reason = Generation.StopReason.CONTEXT_FULL;
                    break;
                }
                if (count == maxNewTokens) {
                    break;   // TOKEN_LIMIT, known now: the last token needs no decode
                }
                batch.clear();
                lastIndex = batch.add(token, prompt.length + count - 1, true, sequence);
                long t0 = System.nanoTime();
                context.decode(batch);
                decodeNanos += System.nanoTime() - t0;
            }
        }
        int[] tokens = Arrays.copyOf(generated, count);
        long generationNanos = System.nanoTime() - startNanos - prefillNanos;
        return new Generation(tokens, text.append(utf8.flush()).toString(), reason, prompt.length, 0, decodeNanos,
                prefillNanos, generationNanos);
    }
}
