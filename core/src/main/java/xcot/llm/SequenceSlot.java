package xcot.llm;

import java.util.Arrays;

/**
 * One sequence id of a {@link BatchedGenerator}'s context: what its KV cells hold (token ids by position, mirrored
 * in Java so prefixes can be matched without asking llama.cpp) and the request it serves, if any. Cells stay after a
 * request ends, so the next request on this slot, or a copy into another slot, may reuse a common prefix.
 */
final class SequenceSlot {
    final int sequence;
    /** {@code cachedTokens[p]} is the token whose KV cell this sequence holds at position {@code p}. */
    private int[] cachedTokens = new int[64];
    /** The {@link CellLedger} id of the cell at each position. */
    private int[] cellIds = new int[64];
    private int cachedCount;
    /** The request in flight, or null. */
    ActiveSequence active;

    SequenceSlot(int sequence) {
        this.sequence = sequence;
    }

    boolean isFree() {
        return active == null;
    }

    int cachedCount() {
        return cachedCount;
    }

    int cachedToken(int position) {
        return cachedTokens[position];
    }

    /**
     * The tokens this slot holds or is about to hold at positions {@code 0..}: its cells, and while it waits for or
     * prefills its prompt, the rest of that prompt.
     */
    int knownPrefixMatch(SequenceRequest request) {
        int limit = request.promptTokens();
        int n = 0;
        while (n < cachedCount && n < limit && cachedTokens[n] == request.promptToken(n)) {
            n++;
        }
        if (n < cachedCount || active == null || !active.isPrefilling()) {
            return n;
        }
        SequenceRequest own = active.request();
        while (n < limit && n < own.promptTokens() && own.promptToken(n) == request.promptToken(n)) {
            n++;
        }
        return n;
    }

    /** The length of the common prefix of this slot's cells and {@code request}'s prompt. */
    int cachedPrefixMatch(SequenceRequest request) {
        int limit = Math.min(cachedCount, request.promptTokens());
        int n = 0;
        while (n < limit && cachedTokens[n] == request.promptToken(n)) {
            n++;
        }
        return n;
    }

    /** Records a decoded token at position {@link #cachedCount()}. */
    void appendCell(int token, CellLedger ledger) {
        ensureCapacity(cachedCount + 1);
        cachedTokens[cachedCount] = token;
        cellIds[cachedCount] = ledger.allocate();
        cachedCount++;
    }

    /** Mirrors {@code llama_memory_seq_rm(sequence, from, -1)}. */
    void truncate(int from, CellLedger ledger) {
        if (from < cachedCount) {
            ledger.release(cellIds, from, cachedCount);
            cachedCount = from;
        }
    }

    /** Mirrors {@code llama_memory_seq_cp(source, this, 0, length)} into this (empty) slot. */
    void shareFrom(SequenceSlot source, int length, CellLedger ledger) {
        if (cachedCount != 0) {
            throw new IllegalStateException("sequence " + sequence + " must be empty before a copy");
        }
        ensureCapacity(length);
        System.arraycopy(source.cachedTokens, 0, cachedTokens, 0, length);
        System.arraycopy(source.cellIds, 0, cellIds, 0, length);
        ledger.retain(cellIds, 0, length);
        cachedCount = length;
    }

    /**
     * Mirrors a whole-buffer {@code llama_memory_seq_cp(source, this, -1, -1)} trimmed to {@code length} positions,
     * into this (empty) slot: its own cells (separate buffers share nothing).
     */
    void copyFrom(SequenceSlot source, int length, CellLedger ledger) {
        if (cachedCount != 0) {
            throw new IllegalStateException("sequence " + sequence + " must be empty before a copy");
        }
        for (int p = 0; p < length; p++) {
            appendCell(source.cachedTokens[p], ledger);
        }
    }

    private void ensureCapacity(int n) {
        if (n > cachedTokens.length) {
            int size = Math.max(n, cachedTokens.length * 2);
            cachedTokens = Arrays.copyOf(cachedTokens, size);
            cellIds = Arrays.copyOf(cellIds, size);
        }
    }
}
