package xcot.io;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens the files the readers read, in one place: a missing file, a directory or device, an unreadable file, a file
 * that is not gzip and a gzip bomb each become one {@link InputFormatException} that names the path once
 * ({@code /tmp/x.jsonl: no such file}). Files ending in {@code .gz} are gunzipped as they are read, under
 * {@link #MAX_EXPANSION}. Named pipes are read like files (so {@code <(zcat ...)} works); their size is unknown.
 */
public final class InputFiles {
    /**
     * The most a {@code .gz} file may expand, decompressed bytes per compressed byte read, once past
     * {@link #EXPANSION_FREE_BYTES}. Answer files expand about 4 times (the reference's published MedCalc outputs: 3.9
     * to 4.4) and a run-shaped export of short records with repeated fields under 50 times; deflate cannot exceed
     * 1,032 times, which is what a bomb (zeros, one line repeated) reaches. 200 keeps every real file and stops a bomb
     * after its first 8 MiB, before it costs time (the line readers stream, so memory is not what is at stake there;
     * whole-file reads would hold it all).
     */
    public static final int MAX_EXPANSION = 200;
    /** Output below this size is never refused, whatever its ratio: a small file cannot cost much. */
    public static final long EXPANSION_FREE_BYTES = 8L << 20;

    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    private InputFiles() {}

    /**
     * An open input: its bytes (gunzipped for {@code .gz}) and how far into the file on disk reading has got, for
     * progress. {@code sizeBytes} is the file's size on disk, 0 for a pipe.
     */
    public static final class Opened implements AutoCloseable {
        private final Path path;
        private final InputStream stream;
        private final Counting raw;
        private final long sizeBytes;

        private Opened(Path path, InputStream stream, Counting raw, long sizeBytes) {
            this.path = path;
            this.stream = stream;
            this.raw = raw;
            this.sizeBytes = sizeBytes;
        }

        public Path path() {
            return path;
        }

        public InputStream stream() {
            return stream;
        }

        /** Bytes of the file on disk read so far (compressed bytes for {@code .gz}). */
        public long bytesRead() {
            return raw.count;
        }

        public long sizeBytes() {
            return sizeBytes;
        }

        /** A read that failed midway, as the one-line error for this file. */
        public InputFormatException failure(IOException e) {
            return InputFiles.failure(path, e);
        }

        @Override
        public void close() {
            try {
                stream.close();
            } catch (IOException e) {
                // nothing was written; a failed close of an input loses nothing
            }
        }
    }

    /** Opens {@code path} for reading; the errors are the one-line {@link InputFormatException}s described above. */
    public static Opened open(Path path) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (IOException e) {
            throw failure(path, e);
        }
        boolean pipe = !attributes.isRegularFile() && FileKind.isPipe(path);
        if (!attributes.isRegularFile() && !pipe) {
            throw new InputFormatException(new InputProblem(path.toString(), 0,
                    "is " + FileKind.describe(path, attributes) + ", not a file"));
        }
        Counting raw = null;
        try {
            raw = new Counting(Files.newInputStream(path));
            InputStream stream = isGzip(path)
                    ? new CappedGunzip(new GZIPInputStream(raw, GZIP_BUFFER_BYTES), raw)
                    : raw;
            return new Opened(path, stream, raw, pipe ? 0 : attributes.size());
        } catch (IOException e) {
            closeQuietly(raw);
            throw failure(path, e);
        }
    }

    public static boolean isGzip(Path path) {
        return path.getFileName() != null && path.getFileName().toString().endsWith(".gz");
    }

    /** The one-line error for a failed open or read of {@code path}. */
    public static InputFormatException failure(Path path, IOException e) {
        if (e instanceof ExpansionCapException) {
            return new InputFormatException(new InputProblem(path.toString(), 0, e.getMessage()));
        }
        if (isGzip(path) && (e instanceof ZipException || e instanceof EOFException)) {
            return new InputFormatException(new InputProblem(path.toString(), 0,
                    "not a valid gzip file: " + e.getMessage()));
        }
        return new InputFormatException(new InputProblem(path.toString(), 0, reason(e)));
    }

    /**
     * What went wrong, without the path (which the caller prints once): "no such file", "permission denied", or
     * "cannot read: " and the operating system's reason.
     */
    public static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return "cannot read: " + detail(e);
    }

    /** An I/O error's own words without the path a {@link FileSystemException} puts in its message. */
    public static String detail(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // already failing with the open's own error
            }
        }
    }

    /** The raw file's bytes, counted. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }

    /** A bomb: more than {@link #MAX_EXPANSION} times the compressed bytes read. */
    static final class ExpansionCapException extends IOException {
        ExpansionCapException(String message) {
            super(message);
        }
    }

    /** Gunzipped bytes, refused once they outgrow {@link #MAX_EXPANSION} times the compressed bytes read. */
    private static final class CappedGunzip extends FilterInputStream {
        private final Counting raw;
        private long produced;

        CappedGunzip(InputStream gunzip, Counting raw) {
            super(gunzip);
            this.raw = raw;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                produced += n;
                if (produced > EXPANSION_FREE_BYTES && produced > (double) MAX_EXPANSION * Math.max(1, raw.count)) {
                    throw new ExpansionCapException(String.format(java.util.Locale.ROOT,
                            "expands more than %d times (%,d compressed bytes gave %,d so far): refused as a likely "
                                    + "gzip bomb (answer files expand about 4 times); if it is genuine, gunzip it "
                                    + "and pass the plain file", MAX_EXPANSION, raw.count, produced));
                }
            }
            return n;
        }
    }
}
