package xcot.io;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a streaming reader puts what it reads, as it reads it: each value with its line, each bad line, and now and
 * then how far into the file it is. A reader that streams into a sink holds one line at a time.
 */
public interface LineSink<T> {
    void value(T value, long line);

    void problem(InputProblem problem);

    /** Bytes of the file on disk read so far, of {@code sizeBytes} (0 when unknown); called about every MiB. */
    default void progress(long bytesRead, long sizeBytes) {}

    /** A sink that keeps everything, for the readers that return a {@link ReadResult}. */
    static <T> Collecting<T> collecting() {
        return new Collecting<>();
    }

    /** Collects values and problems into a {@link ReadResult}. */
    final class Collecting<T> implements LineSink<T> {
        private final List<T> values = new ArrayList<>();
        private final List<InputProblem> problems = new ArrayList<>();

        @Override
        public void value(T value, long line) {
            values.add(value);
        }

        @Override
        public void problem(InputProblem problem) {
            problems.add(problem);
        }

        public ReadResult<T> result() {
            return new ReadResult<>(values, problems);
        }
    }
}
