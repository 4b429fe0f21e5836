package xcot.cli.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufTensorInfo;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufWriter;
import xcot.gguf.TensorSource;

/**
 * A GGUF taken apart for editing: the key-value pairs in file order and each tensor's name, shape, type and bytes.
 * {@link #toBytes} writes it back through {@link GgufWriter}, which lays the tensors out as llama.cpp requires, so a
 * structural edit (a new shape, a renamed tensor, a value of another type) gives a well-formed file whose contents
 * are wrong, which is what the loader's own checks see.
 */
final class ModelParts {
    record Tensor(String name, List<Long> shape, GgmlType type, byte[] data) {
        Tensor {
            shape = List.copyOf(shape);
        }

        long elements() {
            return shape.stream().mapToLong(Long::longValue).reduce(1, Math::multiplyExact);
        }

        /** This tensor with another shape or type; the data is cut or zero-padded to the new size. */
        Tensor reshaped(List<Long> newShape, GgmlType newType) {
            Tensor t = new Tensor(name, newShape, newType, new byte[0]);
            long bytes = newType.byteSize(t.elements());
            if (bytes > 1 << 24) {
                throw new IllegalArgumentException("too large for a fuzz input: " + bytes + " bytes");
            }
            return new Tensor(name, newShape, newType, java.util.Arrays.copyOf(data, (int) bytes));
        }
    }

    final String architecture;
    final LinkedHashMap<String, GgufValue> kv;
    final List<Tensor> tensors;

    private ModelParts(String architecture, LinkedHashMap<String, GgufValue> kv, List<Tensor> tensors) {
        this.architecture = architecture;
        this.kv = kv;
        this.tensors = tensors;
    }

    static ModelParts read(Path file) throws IOException {
        GgufFile g = GgufReader.read(file);
        List<Tensor> tensors = new ArrayList<>();
        for (GgufTensorInfo t : g.tensors()) {
            tensors.add(new Tensor(t.name(), t.shape(), t.type(), g.readTensorBytes(t.name())));
        }
        return new ModelParts(g.architecture(), new LinkedHashMap<>(g.metadata().entries()), tensors);
    }

    ModelParts copy() {
        List<Tensor> t = new ArrayList<>();
        for (Tensor x : tensors) {
            t.add(new Tensor(x.name(), x.shape(), x.type(), x.data().clone()));
        }
        return new ModelParts(architecture, new LinkedHashMap<>(kv), t);
    }

    /**
     * The file's bytes.
     *
     * @throws IllegalArgumentException for edits the writer refuses (two tensors of one name, a row that is not a
     *                                  whole number of blocks): such inputs are left to the byte-level mutations
     */
    byte[] toBytes() {
        GgufMetadata.Builder b = GgufMetadata.builder();
        for (Map.Entry<String, GgufValue> e : kv.entrySet()) {
            b.put(e.getKey(), e.getValue());
        }
        List<GgufTensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            out.add(new GgufTensor(t.name(), t.shape(), t.type(), TensorSource.ofBytes(t.data())));
        }
        try {
            Path temp = Files.createTempFile("fuzz-parts", ".gguf");
            try {
                GgufWriter.write(temp, b.build(), out);
                return Files.readAllBytes(temp);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
