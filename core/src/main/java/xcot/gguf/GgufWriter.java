package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes GGUF version 3 files: the header (metadata, then tensor infos with offsets packed in order at the
 * alignment, as llama.cpp requires), then each tensor's data streamed from its {@link TensorSource}, so a
 * multi-GB model never sits in memory. The file appears atomically: it is written under a temporary name beside
 * the target and renamed when complete, so a reader (or a concurrent test) never sees half a file.
 */
public final class GgufWriter {
    public static final int VERSION = 3;

    private GgufWriter() {}

    /**
     * Writes {@code metadata} and {@code tensors} to {@code out}, replacing it.
     *
     * @throws IllegalArgumentException for metadata or tensors the reader would reject (duplicate tensor names,
     *                                  a bad {@code general.alignment}, a string over the reader's limit)
     * @throws IllegalStateException    if a source writes more or fewer bytes than its tensor declares
     */
    public static void write(Path out, GgufMetadata metadata, List<GgufTensor> tensors) throws IOException {
        int alignment = alignmentOf(metadata);
        List<GgufTensorInfo> infos = layout(tensors, alignment);
        Path temp = temporarySibling(out);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                GgufOutput o = new GgufOutput(channel);
                writeHeader(o, metadata, infos, alignment);
                for (int i = 0; i < tensors.size(); i++) {
                    writeData(o, tensors.get(i).source(), infos.get(i), alignment);
                }
                o.flush();
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes the header for tensors laid out by {@link #layout} and gives the file its full size without writing
     * the data: the data section is a hole that reads as zeros and, where the file system has sparse files, takes
     * no disk space. For tests of full-size headers (a QwQ-32B shape is 65 GB of data) and dry runs.
     */
    public static void writeSparse(Path out, GgufMetadata metadata, List<GgufTensorInfo> layout) throws IOException {
        int alignment = alignmentOf(metadata);
        long end = 0;
        for (GgufTensorInfo t : layout) {
            if (t.offset() != end) {
                throw new IllegalArgumentException("tensor '" + t.name() + "' has offset " + t.offset()
                        + ", expected " + end + ": use GgufWriter.layout");
            }
            end = Math.addExact(t.endOffset(), alignment - 1) & -(long) alignment;
        }
        Path temp = temporarySibling(out);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE_NEW)) {
                GgufOutput o = new GgufOutput(channel);
                writeHeader(o, metadata, layout, alignment);
                o.flush();
                // Writing one byte at the end (rather than truncate, which only shrinks) sets the size.
                if (end > 0) {
                    channel.write(ByteBuffer.wrap(new byte[1]), o.position() + end - 1);
                }
            }
            Files.move(temp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The header entries {@code tensors} get when written with this alignment: packed in order. */
    public static List<GgufTensorInfo> layout(List<GgufTensor> tensors, int alignment) {
        List<GgufTensorInfo> infos = new ArrayList<>(tensors.size());
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (GgufTensor t : tensors) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("duplicate tensor name '" + t.name() + "'");
            }
            GgufTensorInfo info = t.info(offset);
            infos.add(info);
            offset = Math.addExact(info.endOffset(), alignment - 1) & -(long) alignment;
        }
        return infos;
    }

    private static void writeHeader(GgufOutput o, GgufMetadata metadata, List<GgufTensorInfo> infos, int alignment)
            throws IOException {
        o.bytes(ByteBuffer.wrap(GgufReader.MAGIC));
        o.i32(VERSION);
        o.i64(infos.size());
        o.i64(metadata.size());
        for (Map.Entry<String, GgufValue> e : metadata.entries().entrySet()) {
            checkedString(o, e.getKey());
            o.i32(e.getValue().type().id());
            writeValue(o, e.getKey(), e.getValue());
        }
        for (GgufTensorInfo t : infos) {
            checkedString(o, t.name());
            o.i32(t.shape().size());
            for (long d : t.shape()) {
                o.i64(d);
            }
            o.i32(t.type().id());
            o.i64(t.offset());
        }
        o.padTo(alignment);
    }

    private static void writeValue(GgufOutput o, String key, GgufValue value) throws IOException {
        switch (value) {
            case GgufValue.IntValue v -> {
                switch (v.type().fixedSizeBytes()) {
                    case 1 -> o.i8((byte) v.value());
                    case 2 -> {
                        o.i8((byte) v.value());
                        o.i8((byte) (v.value() >>> 8));
                    }
                    case 4 -> o.i32((int) v.value());
                    default -> o.i64(v.value());
                }
            }
            case GgufValue.FloatValue v -> {
                if (v.type() == GgufValueType.FLOAT32) {
                    o.i32(Float.floatToRawIntBits((float) v.value()));
                } else {
                    o.i64(Double.doubleToRawLongBits(v.value()));
                }
            }
            case GgufValue.BoolValue v -> o.i8((byte) (v.value() ? 1 : 0));
            case GgufValue.StringValue v -> checkedString(o, v.value());
            case GgufValue.NumberArray a -> {
                if (a.data().remaining() > GgufReader.MAX_ARRAY_BYTES) {
                    throw new IllegalArgumentException("array '" + key + "' exceeds the reader's limit");
                }
                o.i32(a.elementType().id());
                o.i64(a.size());
                o.bytes(a.data());
            }
            case GgufValue.StringArray a -> {
                o.i32(GgufValueType.STRING.id());
                o.i64(a.values().size());
                for (String s : a.values()) {
                    checkedString(o, s);
                }
            }
        }
    }

    private static void checkedString(GgufOutput o, String s) throws IOException {
        if ((long) s.length() * 3 > GgufReader.MAX_STRING_BYTES
                && s.getBytes(StandardCharsets.UTF_8).length > GgufReader.MAX_STRING_BYTES) {
            throw new IllegalArgumentException("a string of " + s.length() + " chars exceeds the reader's limit");
        }
        o.string(s);
    }

    private static void writeData(GgufOutput o, TensorSource source, GgufTensorInfo info, int alignment)
            throws IOException {
        long expected = info.sizeBytes();
        long[] written = {0};
        source.writeTo(bytes -> {
            written[0] += bytes.remaining();
            if (written[0] > expected) {
                throw new IllegalStateException("tensor '" + info.name() + "': source wrote more than its "
                        + expected + " bytes");
            }
            o.bytes(bytes);
        });
        if (written[0] != expected) {
            throw new IllegalStateException("tensor '" + info.name() + "': source wrote " + written[0]
                    + " bytes, expected " + expected);
        }
        o.padTo(alignment);
    }

    /**
     * A fresh name beside {@code out}; created by the caller with CREATE_NEW, so it gets the usual permissions
     * (Files.createTempFile would make it owner-only, and the rename would keep that).
     */
    private static Path temporarySibling(Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        long random = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        return dir.resolve("." + out.getFileName() + "." + Long.toHexString(random) + ".tmp");
    }

    private static int alignmentOf(GgufMetadata metadata) {
        GgufValue v = metadata.find(GgufKeys.ALIGNMENT).orElse(null);
        if (v == null) {
            return GgufKeys.DEFAULT_ALIGNMENT;
        }
        if (v instanceof GgufValue.IntValue(GgufValueType type, long value) && type == GgufValueType.UINT32
                && Long.bitCount(value) == 1 && value <= (1L << 30)) {
            return (int) value;
        }
        throw new IllegalArgumentException(GgufKeys.ALIGNMENT + " must be a UINT32 power of two up to 2^30");
    }
}
