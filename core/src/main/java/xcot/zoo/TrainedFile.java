package xcot.zoo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xcot.gguf.GgmlEncoding;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufTensorInfo;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufWriter;
import xcot.gguf.TensorSource;

/**
 * Turns what {@code llama_model_save_to_file} wrote after training into the file xcot keeps. The saved file carries
 * every hyper-parameter llama.cpp knows (about 150 keys, irrelevant ones included), unset special tokens as
 * 0xFFFFFFFF (a "bad special token" warning per key on load) and no {@code general.file_type}. The kept file has the
 * untrained file's metadata and tensor order with the trained tensors, the 2-D ones stored in {@code storage} (F16
 * halves the file; norms stay F32), and {@code general.file_type} to match. With F32 storage its logits are
 * bit-identical to the saved file's.
 */
public final class TrainedFile {
    private TrainedFile() {}

    /** {@code llama_ftype} of a file whose 2-D weights are all {@code storage}. */
    static int fileType(GgmlType storage) {
        return switch (storage) {
            case F32 -> 0;
            case F16 -> 1;
            default -> throw new IllegalArgumentException("no file type for " + storage);
        };
    }

    /**
     * Writes {@code out} from the untrained file's metadata and the saved file's tensors.
     *
     * @throws GgufException            if either file is unreadable
     * @throws IllegalArgumentException if the files do not hold the same F32 tensors of the same shapes
     */
    public static void write(Path untrained, Path saved, GgmlType storage, Path out) throws IOException {
        GgufFile clean = GgufReader.read(untrained);
        GgufFile trained = GgufReader.read(saved);
        GgufMetadata metadata = clean.metadata().toBuilder()
                .set(GgufKeys.FILE_TYPE, GgufValue.u32(fileType(storage)))
                .build();
        List<GgufTensor> tensors = new ArrayList<>();
        for (GgufTensorInfo want : clean.tensors()) {
            GgufTensorInfo have = trained.tensor(want.name()).orElseThrow(() -> new IllegalArgumentException(
                    saved + " has no tensor " + want.name()));
            if (!have.shape().equals(want.shape()) || have.type() != GgmlType.F32) {
                throw new IllegalArgumentException(saved + ": tensor " + want.name() + " is " + have.type() + " "
                        + have.shape() + ", expected F32 " + want.shape());
            }
            GgmlType type = want.shape().size() >= 2 ? storage : GgmlType.F32;
            byte[] bytes = trained.readTensorBytes(want.name());
            tensors.add(new GgufTensor(want.name(), want.shape(), type, type == GgmlType.F32
                    ? TensorSource.ofBytes(bytes)
                    : TensorSource.ofFloats(type, floats(bytes))));
        }
        if (trained.tensors().size() != clean.tensors().size()) {
            throw new IllegalArgumentException(saved + " has " + trained.tensors().size() + " tensors, "
                    + untrained + " has " + clean.tensors().size());
        }
        GgufWriter.write(out, metadata, tensors);
    }

    private static float[] floats(byte[] f32) {
        float[] values = new float[f32.length / Float.BYTES];
        GgmlEncoding.decode(GgmlType.F32, ByteBuffer.wrap(f32).order(ByteOrder.LITTLE_ENDIAN), values, 0,
                values.length);
        return values;
    }
}
