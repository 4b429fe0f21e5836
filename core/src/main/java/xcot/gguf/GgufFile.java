package xcot.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated GGUF header: version, metadata, tensor infos and where the tensor data starts. Made by
 * {@link GgufReader#read}; the tensor data stays on disk and can be read one tensor at a time.
 *
 * @param dataOffset    absolute file offset of the data section (tensor offsets are relative to it)
 * @param fileSizeBytes the size of the file when it was read
 */
public record GgufFile(Path path, int version, GgufMetadata metadata, List<GgufTensorInfo> tensors, int alignment,
                       long dataOffset, long fileSizeBytes) {
    public GgufFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(metadata, "metadata");
        tensors = List.copyOf(tensors);
    }

    /** {@code general.architecture}, e.g. {@code qwen3}. */
    public String architecture() throws GgufFormatException {
        return metadata.getString(GgufKeys.ARCHITECTURE);
    }

    public Optional<GgufTensorInfo> tensor(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Total elements over all tensors (the parameter count). */
    public long elementCount() {
        return tensors.stream().mapToLong(GgufTensorInfo::elementCount).sum();
    }

    /** Absolute file offset of a tensor's first data byte. */
    public long absoluteOffset(GgufTensorInfo tensor) {
        return dataOffset + tensor.offset();
    }

    /**
     * Reads one tensor's raw bytes (as stored, in its ggml type).
     *
     * @throws GgufFormatException if there is no such tensor or it is too large for one array
     * @throws GgufFileException if the file cannot be read or changed size since its header was read
     */
    public byte[] readTensorBytes(String name) throws GgufException {
        String file = path.toString();
        GgufTensorInfo t = tensor(name).orElseThrow(() ->
                GgufFormatException.metadata(file, "no tensor " + GgufException.quote(name)));
        if (t.sizeBytes() > Integer.MAX_VALUE - 8) {
            throw GgufFormatException.metadata(file, "tensor " + GgufException.quote(name) + " has "
                    + t.sizeBytes() + " bytes, too many for one array");
        }
        ByteBuffer dst = ByteBuffer.allocate((int) t.sizeBytes());
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            if (channel.size() != fileSizeBytes) {
                throw new GgufFileException(file, "changed size since its header was read (" + fileSizeBytes
                        + " -> " + channel.size() + " bytes)", null);
            }
            long at = absoluteOffset(t);
            while (dst.hasRemaining()) {
                if (channel.read(dst, at + dst.position()) < 0) {
                    throw new GgufFileException(file, "ended while reading tensor " + GgufException.quote(name), null);
                }
            }
        } catch (GgufException e) {
            throw e;
        } catch (IOException e) {
            throw new GgufFileException(file, "cannot read tensor " + GgufException.quote(name) + ": "
                    + e.getMessage(), e);
        }
        return dst.array();
    }
}
