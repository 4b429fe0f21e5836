package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.BitSet;

/**
 * An owned ggml-opt dataset ({@code ggml_opt_dataset_init}, freed by {@code ggml_opt_dataset_free}) of next-token
 * windows: {@code windows} rows of {@code windowTokens} input tokens, each with the same number of label tokens
 * (the inputs shifted by one). Rows are written in place into the dataset's host buffers, so an epoch can be
 * refilled without a new dataset. Token ids are checked against the vocabulary size here, because llama.cpp asserts
 * on a label outside the vocabulary (and skips a window with a bad input token without saying so).
 *
 * <p>Not thread-safe. Independent of any model: pass it to {@link TrainingSession#epoch}.
 */
public final class TrainingDataset extends NativeHandle {
    private final int windows;
    private final int windowTokens;
    private final int vocabSize;
    private final MemorySegment data;
    private final MemorySegment labels;
    private final BitSet filled = new BitSet();

    private TrainingDataset(MemorySegment pointer, int windows, int windowTokens, int vocabSize) {
        super("training dataset", pointer);
        this.windows = windows;
        this.windowTokens = windowTokens;
        this.vocabSize = vocabSize;
        long bytes = (long) windows * windowTokens * Integer.BYTES;
        // The buffers belong to the dataset and live until it is freed; pointer() guards every access.
        this.data = ggml_get_data(ggml_opt_dataset_data(pointer)).reinterpret(bytes);
        this.labels = ggml_get_data(ggml_opt_dataset_labels(pointer)).reinterpret(bytes);
    }

    /**
     * A dataset of {@code windows} windows of {@code windowTokens} tokens (use the training context's
     * {@link Context#contextTokens()}), for a vocabulary of {@code vocabSize} tokens.
     */
    public static TrainingDataset create(int windows, int windowTokens, int vocabSize) {
        if (windows < 1 || windowTokens < 1 || vocabSize < 1) {
            throw new IllegalArgumentException("a training dataset needs windows, window tokens and vocabulary size"
                    + " >= 1, not " + windows + ", " + windowTokens + ", " + vocabSize);
        }
        Math.multiplyExact(Math.multiplyExact((long) windows, windowTokens), (long) Integer.BYTES);
        Backend.ensureInitialized();
        MemorySegment pointer = ggml_opt_dataset_init(GGML_TYPE_I32(), GGML_TYPE_I32(), windowTokens, windowTokens,
                windows, 1);
        return new TrainingDataset(pointer, windows, windowTokens, vocabSize);
    }

    /**
     * Writes window {@code window}: inputs {@code stream[offset .. offset + windowTokens)} and labels the same
     * tokens one later, so {@code stream} needs {@code windowTokens + 1} tokens from {@code offset}.
     */
    public void setWindow(int window, int[] stream, int offset) {
        pointer();
        if (window < 0 || window >= windows) {
            throw new IndexOutOfBoundsException("window " + window + " of " + windows);
        }
        if (offset < 0 || (long) offset + windowTokens + 1 > stream.length) {
            throw new IllegalArgumentException("window " + window + " needs " + (windowTokens + 1)
                    + " tokens from offset " + offset + ", the stream has " + stream.length);
        }
        for (int i = offset; i <= offset + windowTokens; i++) {
            if (stream[i] < 0 || stream[i] >= vocabSize) {
                throw new IllegalArgumentException("window " + window + ": token id " + stream[i] + " at stream index "
                        + i + " is outside the vocabulary [0, " + vocabSize + ")");
            }
        }
        long at = (long) window * windowTokens * Integer.BYTES;
        MemorySegment.copy(stream, offset, data, ValueLayout.JAVA_INT, at, windowTokens);
        MemorySegment.copy(stream, offset + 1, labels, ValueLayout.JAVA_INT, at, windowTokens);
        filled.set(window);
    }

    /** Input token {@code i} of window {@code window}, as stored. */
    public int token(int window, int i) {
        return read(data, window, i);
    }

    /** Label {@code i} of window {@code window}, as stored. */
    public int label(int window, int i) {
        return read(labels, window, i);
    }

    private int read(MemorySegment buffer, int window, int i) {
        pointer();
        if (window < 0 || window >= windows || i < 0 || i >= windowTokens) {
            throw new IndexOutOfBoundsException("token " + i + " of window " + window + " (" + windows + " x "
                    + windowTokens + ")");
        }
        return buffer.getAtIndex(ValueLayout.JAVA_INT, (long) window * windowTokens + i);
    }

    public int windows() {
        return windows;
    }

    public int windowTokens() {
        return windowTokens;
    }

    public int vocabSize() {
        return vocabSize;
    }

    /** Whether every window has been written at least once. */
    public boolean isFilled() {
        return filled.cardinality() == windows;
    }

    MemorySegment struct() {
        return pointer();
    }

    @Override
    void free(MemorySegment pointer) {
        ggml_opt_dataset_free(pointer);
    }
}
