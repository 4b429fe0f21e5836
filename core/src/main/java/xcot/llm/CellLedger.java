package xcot.llm;

import java.util.Arrays;

/**
 * A Java mirror of how many KV cells a context's sequences hold, so that a {@link BatchedGenerator} on a unified
 * cache admits a request only when its cells will fit: llama.cpp returns "no KV slot" mid-generation otherwise.
 * A cell is made by decoding one token and shared by {@code llama_memory_seq_cp} (metadata only in a unified cache),
 * and freed when no sequence holds it any more; ids here stand for cells, counted by reference.
 */
final class CellLedger {
    private final int capacity;
    private final int[] references;
    private final int[] freeIds;
    private int freeCount;

    CellLedger(int capacity) {
        this.capacity = capacity;
        this.references = new int[capacity];
        this.freeIds = new int[capacity];
        for (int i = 0; i < capacity; i++) {
            freeIds[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    int capacity() {
        return capacity;
    }

    /** Cells held by at least one sequence. */
    int used() {
        return capacity - freeCount;
    }

    /** A new cell held once. */
    int allocate() {
        if (freeCount == 0) {
            throw new IllegalStateException("KV ledger: all " + capacity + " cells are in use");
        }
        int id = freeIds[--freeCount];
        references[id] = 1;
        return id;
    }

    void retain(int[] ids, int from, int to) {
        for (int i = from; i < to; i++) {
            references[ids[i]]++;
        }
    }

    void release(int[] ids, int from, int to) {
        for (int i = from; i < to; i++) {
            if (--references[ids[i]] == 0) {
                freeIds[freeCount++] = ids[i];
            }
        }
    }

    @Override
    public String toString() {
        return "CellLedger[" + used() + "/" + capacity + " used, " + Arrays.stream(references).filter(r -> r > 1).count()
                + " shared]";
    }
}
