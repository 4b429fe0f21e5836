package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

/**
 * A tensor made row by row: chunks of rows are filled and encoded on the common fork-join pool while earlier
 * chunks are written, with a bounded number of chunks in flight, so memory stays at a few MiB for any tensor size
 * and all cores work. Output is identical to a sequential run because each row depends only on its index and chunks
 * are written in order.
 */
final class RowsSource implements TensorSource {
    /** Under G1's humongous-object threshold for common heap sizes, so chunk buffers stay ordinary objects. */
    private static final int CHUNK_BYTES = 512 << 10;

    private final GgmlType type;
    private final long rows;
    private final int rowLength;
    private final RowFiller filler;

    RowsSource(GgmlType type, long rows, int rowLength, RowFiller filler) {
        if (!GgmlEncoding.canEncode(type)) {
            throw new IllegalArgumentException("no encoder for " + type);
        }
        if (rows < 0 || !type.fitsRowLength(rowLength)) {
            throw new IllegalArgumentException(rows + " rows of " + rowLength + " do not fit " + type);
        }
        this.type = type;
        this.rows = rows;
        this.rowLength = rowLength;
        this.filler = filler;
    }

    @Override
    public void writeTo(TensorSink sink) throws IOException {
        long rowBytes = type.byteSize(rowLength);
        int rowsPerChunk = (int) Math.max(1, Math.min(rows, CHUNK_BYTES / rowBytes));
        int inFlight = 2 * ForkJoinPool.getCommonPoolParallelism() + 1;
        Deque<CompletableFuture<ByteBuffer>> pending = new ArrayDeque<>();
        long nextRow = 0;
        try {
            while (nextRow < rows || !pending.isEmpty()) {
                while (nextRow < rows && pending.size() < inFlight) {
                    long first = nextRow;
                    int count = (int) Math.min(rowsPerChunk, rows - first);
                    pending.add(CompletableFuture.supplyAsync(() -> encodeRows(first, count, rowBytes)));
                    nextRow += count;
                }
                sink.write(pending.removeFirst().join());
            }
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            pending.forEach(f -> f.cancel(false));
        }
    }

    private ByteBuffer encodeRows(long first, int count, long rowBytes) {
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(rowBytes * count)).order(ByteOrder.LITTLE_ENDIAN);
        float[] row = new float[rowLength];
        for (int r = 0; r < count; r++) {
            filler.fill(first + r, row);
            GgmlEncoding.encode(type, row, 0, rowLength, out);
        }
        return out.flip();
    }
}
