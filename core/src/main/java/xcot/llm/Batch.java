package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import xcot.bindings.llama_batch;

/**
 * An owned {@code llama_batch} ({@code llama_batch_init}, freed with {@code llama_batch_free}): tokens with their
 * positions, sequence ids and output flags. Capacity and ids-per-token are fixed at creation; {@link #add} checks
 * them in Java, because llama.cpp writes past its arrays without checking. Created by {@link Context#newBatch}.
 */
public final class Batch extends NativeHandle {
    private final Arena arena;
    private final int capacity;
    private final int seqIdsPerToken;
    private final MemorySegment tokens;
    private final MemorySegment positions;
    private final MemorySegment seqIdCounts;
    private final MemorySegment seqIdArrays;
    private final MemorySegment outputFlags;
    private final MemorySegment[] seqIdsOfToken;
    private int size;
    private int outputs;

    Batch(int capacity, int seqIdsPerToken) {
        this(Arena.ofShared(), capacity, seqIdsPerToken);
    }

    private Batch(Arena arena, int capacity, int seqIdsPerToken) {
        super("batch", init(arena, capacity, seqIdsPerToken));
        this.arena = arena;
        this.capacity = capacity;
        this.seqIdsPerToken = seqIdsPerToken;
        MemorySegment struct = pointer();
        tokens = llama_batch.token(struct).reinterpret((long) capacity * Integer.BYTES);
        positions = llama_batch.pos(struct).reinterpret((long) capacity * Integer.BYTES);
        seqIdCounts = llama_batch.n_seq_id(struct).reinterpret((long) capacity * Integer.BYTES);
        seqIdArrays = llama_batch.seq_id(struct).reinterpret((long) capacity * ValueLayout.ADDRESS.byteSize());
        outputFlags = llama_batch.logits(struct).reinterpret(capacity);
        seqIdsOfToken = new MemorySegment[capacity];
        for (int i = 0; i < capacity; i++) {
            seqIdsOfToken[i] = seqIdArrays.getAtIndex(ValueLayout.ADDRESS, i)
                    .reinterpret((long) seqIdsPerToken * Integer.BYTES);
        }
    }

    private static MemorySegment init(Arena arena, int capacity, int seqIdsPerToken) {
        if (capacity < 1) throw new IllegalArgumentException("batch capacity must be >= 1, not " + capacity);
        if (seqIdsPerToken < 1 || seqIdsPerToken > ContextOptions.MAX_SEQUENCES) {
            throw new IllegalArgumentException("sequence ids per token must be in [1, 256], not " + seqIdsPerToken);
        }
        Backend.ensureInitialized();
        return llama_batch_init(arena, capacity, 0, seqIdsPerToken);
    }

    /**
     * Appends one token.
     *
     * @param output whether the decode should produce logits for this token
     * @param sequenceIds the sequences the token belongs to (at least one)
     * @return the batch index of the token
     */
    public int add(int token, int position, boolean output, int... sequenceIds) {
        pointer();
        if (size == capacity) {
            throw new BatchRejectedException("batch is full (" + capacity + " tokens)");
        }
        if (sequenceIds.length < 1 || sequenceIds.length > seqIdsPerToken) {
            throw new BatchRejectedException("a token needs 1.." + seqIdsPerToken + " sequence ids, got " + sequenceIds.length);
        }
        tokens.setAtIndex(ValueLayout.JAVA_INT, size, token);
        positions.setAtIndex(ValueLayout.JAVA_INT, size, position);
        seqIdCounts.setAtIndex(ValueLayout.JAVA_INT, size, sequenceIds.length);
        for (int s = 0; s < sequenceIds.length; s++) {
            seqIdsOfToken[size].setAtIndex(ValueLayout.JAVA_INT, s, sequenceIds[s]);
        }
        outputFlags.set(ValueLayout.JAVA_BYTE, size, (byte) (output ? 1 : 0));
        if (output) {
            outputs++;
        }
        size++;
        llama_batch.n_tokens(pointer(), size);
        return size - 1;
    }

    /** Adds {@code tokens} at consecutive positions from {@code firstPosition}, output only on the last if asked. */
    public void addSequence(int[] tokenIds, int firstPosition, int sequenceId, boolean outputLast) {
        for (int i = 0; i < tokenIds.length; i++) {
            add(tokenIds[i], firstPosition + i, outputLast && i == tokenIds.length - 1, sequenceId);
        }
    }

    /** Empties the batch for reuse. */
    public void clear() {
        pointer();
        size = 0;
        outputs = 0;
        llama_batch.n_tokens(pointer(), 0);
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    public int remaining() {
        return capacity - size;
    }

    /** Number of tokens marked for output so far: the row count of the next decode's logits. */
    public int outputCount() {
        return outputs;
    }

    int token(int i) {
        return tokens.getAtIndex(ValueLayout.JAVA_INT, i);
    }

    int position(int i) {
        return positions.getAtIndex(ValueLayout.JAVA_INT, i);
    }

    boolean isOutput(int i) {
        return outputFlags.get(ValueLayout.JAVA_BYTE, i) != 0;
    }

    int sequenceCount(int i) {
        return seqIdCounts.getAtIndex(ValueLayout.JAVA_INT, i);
    }

    int sequence(int i, int s) {
        return seqIdsOfToken[i].getAtIndex(ValueLayout.JAVA_INT, s);
    }

    MemorySegment struct() {
        return pointer();
    }

    @Override
    void free(MemorySegment struct) {
        llama_batch_free(struct);
        arena.close();
    }
}
