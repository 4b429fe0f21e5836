package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and validates the header of a GGUF file (versions 2 and 3) so that llama.cpp only ever sees files it can
 * load: magic, version, counts, every key and value, every tensor info and the placement of the tensor data. It
 * reads the header only, through a bounded window ({@link GgufInput}); tensor data is not touched. Every count and
 * length is checked against the bytes left in the file before anything is allocated for it.
 *
 * <p>Beyond llama.cpp's own checks ({@code gguf_init_from_file_impl}) it also requires every tensor's data to lie
 * inside the file, which llama.cpp only finds out when it loads the tensor.
 */
public final class GgufReader {
    public static final byte[] MAGIC = {'G', 'G', 'U', 'F'};
    public static final int MIN_VERSION = 2;
    public static final int MAX_VERSION = 3;
    /** Limit for one string, far above any real key, token or chat template. */
    public static final long MAX_STRING_BYTES = 64L << 20;
    /** Limit for one metadata array's payload (a 262k-token vocabulary's scores take 1 MiB). */
    public static final long MAX_ARRAY_BYTES = 256L << 20;

    /** Limit for the tensor and key-value counts; a 64-layer model has under 1000 tensors and 50 keys. */
    public static final long MAX_COUNT = 1L << 24;

    /** Fixed header: magic, version, tensor count, key-value count. */
    static final int HEADER_BYTES = 4 + 4 + 8 + 8;
    /** Key length, one key byte, value type, the smallest value (one byte). */
    static final long MIN_KV_BYTES = 8 + 1 + 4 + 1;
    /** Name length, one name byte, n_dims, one dimension, type, offset. */
    static final long MIN_TENSOR_INFO_BYTES = 8 + 1 + 4 + 8 + 4 + 8;

    private GgufReader() {}

    /**
     * Reads and validates the header of {@code path}.
     *
     * @throws GgufFormatException if the bytes are not a valid GGUF file
     * @throws GgufFileException if the file is missing, not a regular file, or cannot be read
     */
    public static GgufFile read(Path path) throws GgufException {
        String file = path.toString();
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new GgufFileException(file, "no such file", e);
        } catch (IOException e) {
            throw new GgufFileException(file, "cannot access the file: " + xcot.io.InputFiles.detail(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new GgufFileException(file, "is " + kindOf(path, attributes) + ", not a GGUF file", null);
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return parse(path, new GgufInput(file, channel, channel.size()));
        } catch (AccessDeniedException e) {
            throw new GgufFileException(file, "permission denied", e);
        } catch (GgufException e) {
            throw e;
        } catch (IOException e) {
            throw new GgufFileException(file, "cannot read the file: " + xcot.io.InputFiles.detail(e), e);
        }
    }

    /**
     * What an existing path that is not a regular file is, in words: "a directory", "a FIFO (named pipe)", "a
     * character device", ... (for messages about a path given as a model).
     */
    public static String kindOf(Path path) throws IOException {
        return kindOf(path, Files.readAttributes(path, BasicFileAttributes.class));
    }

    static String kindOf(Path path, BasicFileAttributes attributes) {
        return xcot.io.FileKind.describe(path, attributes);
    }

    private static GgufFile parse(Path path, GgufInput in) throws GgufException {
        String file = in.file();
        in.context("the magic");
        byte[] magic = new byte[4];
        in.readFully(ByteBuffer.wrap(magic));
        if (!Arrays.equals(magic, MAGIC)) {
            throw GgufFormatException.at(file, 0,
                    "bad magic " + printable(magic) + ", expected 'GGUF': not a GGUF file");
        }
        in.context("the version");
        int version = checkVersion(file, in.i32());

        in.context("the tensor count");
        long tensorCount = in.i64();
        in.context("the key-value count");
        long kvCount = in.i64();
        checkCounts(file, in.sizeBytes(), in.remaining(), tensorCount, kvCount);

        Map<String, GgufValue> entries = new LinkedHashMap<>();
        Map<String, Long> malformedUtf8 = new LinkedHashMap<>();
        long alignmentAt = -1;
        for (long i = 0; i < kvCount; i++) {
            long at = in.position();
            String where = (i + 1) + " of " + kvCount;
            in.context("key " + where);
            String key = in.string(MAX_STRING_BYTES);
            if (key.isEmpty()) {
                throw GgufFormatException.at(file, at, "key " + where + " is empty");
            }
            if (entries.containsKey(key)) {
                throw GgufFormatException.at(file, at, "duplicate key " + GgufException.quote(key));
            }
            if (key.equals(GgufKeys.ALIGNMENT)) {
                alignmentAt = at;
            }
            in.takeMalformed(); // a malformed key is quoted as read; only values are checked by what reads them
            in.context("the value of key " + GgufException.quote(key) + " (" + where + ")");
            entries.put(key, GgufValueReader.read(in, key));
            long malformed = in.takeMalformed();
            if (malformed != GgufInput.NO_MALFORMED) {
                malformedUtf8.put(key, malformed);
            }
        }
        GgufMetadata metadata = GgufMetadata.of(file, entries, malformedUtf8);
        int alignment = alignment(file, metadata, alignmentAt);

        List<GgufTensorInfo> tensors = new ArrayList<>((int) Math.min(tensorCount, 4096));
        List<Long> offsetFieldAt = new ArrayList<>((int) Math.min(tensorCount, 4096));
        Set<String> names = new HashSet<>();
        for (long i = 0; i < tensorCount; i++) {
            in.context("tensor info " + (i + 1) + " of " + tensorCount);
            tensors.add(readTensorInfo(in, names, offsetFieldAt));
        }
        long dataOffset = tensorCount > 0 ? padExact(file, in.position(), alignment) : in.position();
        checkPlacement(file, in.sizeBytes(), dataOffset, alignment, tensors, offsetFieldAt);
        return new GgufFile(path, version, metadata, tensors, alignment, dataOffset, in.sizeBytes());
    }

    private static int checkVersion(String file, int version) throws GgufFormatException {
        if (version != 0 && (version & 0xFFFF) == 0) {
            throw GgufFormatException.at(file, 4, String.format(
                    "version 0x%08x looks byte-swapped: big-endian GGUF files are not supported", version));
        }
        if (version < MIN_VERSION || version > MAX_VERSION) {
            throw GgufFormatException.at(file, 4, "unsupported GGUF version " + Integer.toUnsignedString(version)
                    + " (supported: " + MIN_VERSION + " and " + MAX_VERSION + ")");
        }
        return version;
    }

    /**
     * Rejects counts the rest of the file cannot hold, before anything is allocated for them: a count beyond
     * {@link #MAX_COUNT} is absurd, a smaller one that does not fit means the file is cut short.
     */
    private static void checkCounts(String file, long sizeBytes, long remaining, long tensorCount, long kvCount)
            throws GgufFormatException {
        if (tensorCount < 0 || tensorCount > MAX_COUNT) {
            throw GgufFormatException.at(file, 8, "tensor count " + Long.toUnsignedString(tensorCount)
                    + " is absurd (limit " + MAX_COUNT + ")");
        }
        if (kvCount < 0 || kvCount > MAX_COUNT) {
            throw GgufFormatException.at(file, 16, "key-value count " + Long.toUnsignedString(kvCount)
                    + " is absurd (limit " + MAX_COUNT + ")");
        }
        long needed = tensorCount * MIN_TENSOR_INFO_BYTES + kvCount * MIN_KV_BYTES;
        if (needed > remaining) {
            throw GgufFormatException.truncated(file, sizeBytes, "the header (" + tensorCount
                    + " tensor infos and " + kvCount + " key-value pairs need at least " + needed
                    + " bytes after byte " + HEADER_BYTES + ")");
        }
    }

    private static int alignment(String file, GgufMetadata metadata, long alignmentAt) throws GgufFormatException {
        GgufValue v = metadata.find(GgufKeys.ALIGNMENT).orElse(null);
        if (v == null) {
            return GgufKeys.DEFAULT_ALIGNMENT;
        }
        if (!(v instanceof GgufValue.IntValue(GgufValueType type, long value)) || type != GgufValueType.UINT32) {
            throw GgufFormatException.at(file, alignmentAt,
                    GgufKeys.ALIGNMENT + " must be a UINT32, not " + v.type());
        }
        if (value == 0 || Long.bitCount(value) != 1 || value > (1L << 30)) {
            throw GgufFormatException.at(file, alignmentAt,
                    GgufKeys.ALIGNMENT + " is " + value + ", not a power of two up to 2^30");
        }
        return (int) value;
    }

    private static GgufTensorInfo readTensorInfo(GgufInput in, Set<String> names, List<Long> offsetFieldAt)
            throws GgufException {
        String file = in.file();
        long at = in.position();
        String name = in.string(MAX_STRING_BYTES);
        String quoted = "tensor " + GgufException.quote(name);
        if (!names.add(name)) {
            throw GgufFormatException.at(file, at, "duplicate " + quoted);
        }
        long dimsAt = in.position();
        long nDims = in.u32();
        if (nDims < 1 || nDims > GgufTensorInfo.MAX_DIMS) {
            throw GgufFormatException.at(file, dimsAt,
                    quoted + " has n_dims " + nDims + ", must be 1.." + GgufTensorInfo.MAX_DIMS);
        }
        long[] ne = new long[(int) nDims];
        for (int j = 0; j < ne.length; j++) {
            ne[j] = in.i64();
        }
        long typeAt = in.position();
        long typeId = in.u32();
        GgmlType type = GgmlType.fromId(typeId).orElseThrow(() ->
                GgufFormatException.at(file, typeAt, quoted + " has unknown ggml type " + typeId));
        String problem = GgufTensorInfo.shapeProblem(name, ne, type);
        if (problem != null) {
            throw GgufFormatException.at(file, at, quoted + ": " + problem);
        }
        offsetFieldAt.add(in.position());
        long offset = in.i64();
        if (offset < 0) {
            throw GgufFormatException.at(file, in.position() - 8,
                    quoted + " has offset " + Long.toUnsignedString(offset) + ", beyond any file");
        }
        return GgufTensorInfo.of(name, type, offset, ne);
    }

    /**
     * llama.cpp requires the tensor data packed in header order, each tensor at the next multiple of the alignment
     * after the previous one; this reader also requires each tensor to end inside the file.
     */
    private static void checkPlacement(String file, long fileSize, long dataOffset, int alignment,
                                       List<GgufTensorInfo> tensors, List<Long> offsetFieldAt)
            throws GgufFormatException {
        if (!tensors.isEmpty() && dataOffset > fileSize) {
            throw GgufFormatException.truncated(file, fileSize,
                    "the padding before the tensor data (the data section starts at byte " + dataOffset + ")");
        }
        long expected = 0;
        for (int i = 0; i < tensors.size(); i++) {
            GgufTensorInfo t = tensors.get(i);
            long at = offsetFieldAt.get(i);
            String quoted = "tensor " + GgufException.quote(t.name());
            if (t.offset() % alignment != 0) {
                throw GgufFormatException.at(file, at, quoted + " offset " + t.offset()
                        + " is not a multiple of the alignment " + alignment);
            }
            if (t.offset() < expected) {
                throw GgufFormatException.at(file, at, quoted + " at offset " + t.offset()
                        + " overlaps the tensor before it, which ends at " + expected + " (padded)");
            }
            if (t.offset() != expected) {
                throw GgufFormatException.at(file, at, quoted + " has offset " + t.offset() + ", expected "
                        + expected + ": tensor data must be packed in header order, as llama.cpp requires");
            }
            long end;
            try {
                end = Math.addExact(dataOffset, Math.addExact(t.offset(), t.sizeBytes()));
            } catch (ArithmeticException overflow) {
                end = Long.MAX_VALUE;
            }
            if (end > fileSize) {
                throw GgufFormatException.truncated(file, fileSize, "the data of " + quoted + " ("
                        + t.sizeBytes() + " bytes ending at byte " + (end == Long.MAX_VALUE ? "2^63 or later" : end)
                        + ")");
            }
            expected = padExact(file, t.offset() + t.sizeBytes(), alignment);
        }
    }

    private static long padExact(String file, long offset, int alignment) throws GgufFormatException {
        long padded = (offset + alignment - 1) & -(long) alignment;
        if (padded < offset) {
            throw GgufFormatException.metadata(file, "offset " + offset + " overflows when padded to " + alignment);
        }
        return padded;
    }

    private static String printable(byte[] bytes) {
        StringBuilder b = new StringBuilder();
        for (byte x : bytes) {
            b.append(x >= 0x20 && x < 0x7F ? Character.toString(x) : String.format("\\x%02x", x & 0xFF));
        }
        return "'" + b + "'";
    }
}
