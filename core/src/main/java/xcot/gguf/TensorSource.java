package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Produces one tensor's bytes on demand, so a writer can stream a multi-GB model without holding it: the writer
 * calls {@link #writeTo} once, when the tensor's turn in the file comes, and checks that exactly the declared number
 * of bytes arrived.
 */
@FunctionalInterface
public interface TensorSource {
    void writeTo(TensorSink sink) throws IOException;

    /** Bytes already in the tensor's type. */
    static TensorSource ofBytes(byte[] bytes) {
        byte[] copy = bytes.clone();
        return sink -> sink.write(ByteBuffer.wrap(copy));
    }

    /** Float values encoded into {@code type} (see {@link GgmlEncoding}). */
    static TensorSource ofFloats(GgmlType type, float[] values) {
        float[] copy = values.clone();
        return sink -> {
            ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(type.byteSize(copy.length)))
                    .order(ByteOrder.LITTLE_ENDIAN);
            GgmlEncoding.encode(type, copy, 0, copy.length, b);
            sink.write(b.flip());
        };
    }

    /**
     * Rows of {@code rowLength} floats, made by {@code filler} and encoded into {@code type}, in row order. Rows are
     * made and encoded in parallel in bounded chunks, so {@code filler} must be thread-safe and its output may depend
     * only on the row index.
     */
    static TensorSource ofRows(GgmlType type, long rows, int rowLength, RowFiller filler) {
        return new RowsSource(type, rows, rowLength, filler);
    }

    /** {@code count} copies of one value (e.g. norm weights of 1.0), encoded once and written repeatedly. */
    static TensorSource constant(GgmlType type, long count, float value) {
        type.byteSize(count);
        // 2^16 is a multiple of every encodable block size, so every chunk but the last is whole blocks.
        int chunk = (int) Math.min(count, 1 << 16);
        return sink -> {
            ByteBuffer full = encodeConstant(type, chunk, value);
            long left = count;
            for (; left >= chunk; left -= chunk) {
                sink.write(full.duplicate());
            }
            if (left > 0) {
                sink.write(encodeConstant(type, (int) left, value));
            }
        };
    }

    private static ByteBuffer encodeConstant(GgmlType type, int count, float value) {
        float[] values = new float[count];
        java.util.Arrays.fill(values, value);
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(type.byteSize(count))).order(ByteOrder.LITTLE_ENDIAN);
        GgmlEncoding.encode(type, values, 0, count, b);
        return b.flip();
    }

    /** Fills one row of a tensor. */
    @FunctionalInterface
    interface RowFiller {
        /** Writes row {@code row} into {@code dst} (whose length is the row length). */
        void fill(long row, float[] dst);
    }
}
