package xcot.llm;

import java.util.Arrays;

/**
 * The state of one request while it occupies a {@link SequenceSlot}: where its prompt stands, what it generated,
 * its sampler (a fresh chain, closed when it ends) and its timings. The stop rules are {@link Generator}'s, in the
 * same order: budget, then window, before sampling; end-of-generation, then the stop condition, the window and the
 * budget after.
 */
final class ActiveSequence {
    enum Phase {
        /** Its prompt prefix is being decoded by another sequence; it copies those cells once they exist. */
        WAITING_FOR_PREFIX,
        /** Decoding its prompt in chunks. */
        PREFILL,
        /** Sampling and decoding one token per step. */
        GENERATING
    }

    final Ticket ticket;
    final Sampler sampler;
    /** Admission order: prompt chunks go into batches in this order. */
    final long admission;
    private final SequenceRequest request;
    private final int window;
    Phase phase;
    /** While waiting: the slot whose cells hold the prefix, and how many positions to copy. */
    SequenceSlot prefixSource;
    int prefixLength;
    /** The next prompt token to decode. */
    int promptCursor;
    int reusedPromptTokens;
    /** Sampled but not yet decoded: the next step decodes it; -1 when none. */
    int pendingToken = -1;
    /** This step's batch index that has logits for this sequence, and its row among the outputs; -1 when none. */
    int outputIndex = -1;
    int outputRow = -1;
    /** Tokens this sequence put into this step's batch. */
    int tokensInBatch;
    private final int[] generated;
    private int count;
    private final StringBuilder text = new StringBuilder();
    private final Utf8Accumulator utf8 = new Utf8Accumulator();
    private Generation.StopReason stopReason;
    private final long admittedNanos;
    private long prefillDoneNanos;
    long decodeNanos;

    ActiveSequence(Ticket ticket, Sampler sampler, long admission, int window, long nowNanos) {
        this.ticket = ticket;
        this.sampler = sampler;
        this.admission = admission;
        this.request = ticket.request;
        this.window = window;
        this.generated = new int[Math.max(0, Math.min(request.maxNewTokens(), window - request.promptTokens()))];
        this.admittedNanos = nowNanos;
    }

    SequenceRequest request() {
        return request;
    }

    boolean isPrefilling() {
        return phase != Phase.GENERATING;
    }

    boolean isFinished() {
        return stopReason != null;
    }

    /** Marks the prompt as decoded (its last token's logits are in this step's output). */
    void prefillDone(long nowNanos) {
        phase = Phase.GENERATING;
        prefillDoneNanos = nowNanos;
    }

    /**
     * After a decode that produced this sequence's logits: whether to sample. False when the budget or the window
     * ends the generation first (then it is finished).
     */
    boolean wantsToken() {
        if (count == request.maxNewTokens()) {
            stopReason = Generation.StopReason.TOKEN_LIMIT;
        } else if (request.promptTokens() + count >= window) {
            stopReason = Generation.StopReason.CONTEXT_FULL;
        }
        return stopReason == null;
    }

    /** Takes a sampled token: ends the generation, or leaves it pending for the next decode. */
    void accept(int token, boolean endOfGeneration, byte[] piece) {
        if (endOfGeneration && request.stopAtEndOfGeneration()) {
            stopReason = Generation.StopReason.END_OF_GENERATION;
            return;
        }
        generated[count++] = token;
        int from = text.length();
        text.append(utf8.append(piece));
        if (request.stop().shouldStop(text, from)) {
            stopReason = Generation.StopReason.STOP_SEQUENCE;
        } else if (request.promptTokens() + count >= window) {
            stopReason = Generation.StopReason.CONTEXT_FULL;
        } else if (count == request.maxNewTokens()) {
            stopReason = Generation.StopReason.TOKEN_LIMIT;   // known now: the last token needs no decode
        } else {
            pendingToken = token;
        }
    }

    int generatedCount() {
        return count;
    }

    Generation result(long nowNanos) {
        return new Generation(Arrays.copyOf(generated, count), text.append(utf8.flush()).toString(), stopReason,
                request.promptTokens(), reusedPromptTokens, decodeNanos, prefillDoneNanos - admittedNanos,
                nowNanos - prefillDoneNanos);
    }
}
