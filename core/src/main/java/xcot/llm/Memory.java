package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.MemorySegment;

/**
 * The KV cache of a {@link Context} ({@code llama_memory_t}). Positions are half-open ranges {@code [from, to)};
 * a negative bound means open-ended, as in llama.cpp. Sequence ids are checked in Java first: llama.cpp asserts on
 * them.
 */
public final class Memory {
    private final Context context;
    private final MemorySegment pointer;

    Memory(Context context, MemorySegment pointer) {
        this.context = context;
        this.pointer = pointer;
    }

    private MemorySegment pointer() {
        context.pointer();
        return pointer;
    }

    /** Forgets every sequence; with {@code data}, also zeroes the buffers. */
    public void clear(boolean data) {
        llama_memory_clear(pointer(), data);
    }

    /** Removes positions {@code [from, to)} of {@code sequence}; returns false if llama.cpp refused (partial ranges of some caches). */
    public boolean removeSequence(int sequence, int from, int to) {
        context.checkSequence(sequence);
        return llama_memory_seq_rm(pointer(), sequence, from, to);
    }

    /**
     * Makes {@code destination} share the cells of {@code source} in {@code [from, to)} (metadata only when unified).
     *
     * @throws BatchRejectedException for a partial range between two sequences of a non-unified cache: they live in
     *                                separate buffers, and llama.cpp aborts ({@code seq_cp() is only supported for
     *                                full KV buffers})
     */
    public void copySequence(int source, int destination, int from, int to) {
        context.checkSequence(source);
        context.checkSequence(destination);
        boolean separateBuffers = !context.kvUnified() && context.maxSequences() > 1 && source != destination;
        if (separateBuffers && (from > 0 || to >= 0)) {
            throw new BatchRejectedException("copying positions [" + from + ", " + to + ") of sequence " + source
                    + " to sequence " + destination + " needs a unified KV cache (kv_unified); without one only whole"
                    + " sequences (from = to = -1) can be copied");
        }
        llama_memory_seq_cp(pointer(), source, destination, from, to);
    }

    /** Removes every sequence but {@code sequence}. */
    public void keepSequence(int sequence) {
        context.checkSequence(sequence);
        llama_memory_seq_keep(pointer(), sequence);
    }

    /** The largest position held for {@code sequence}, or -1 when it is empty. */
    public int positionMax(int sequence) {
        context.checkSequence(sequence);
        return llama_memory_seq_pos_max(pointer(), sequence);
    }

    /** The smallest position held for {@code sequence}, or -1 when it is empty. */
    public int positionMin(int sequence) {
        context.checkSequence(sequence);
        return llama_memory_seq_pos_min(pointer(), sequence);
    }
}
