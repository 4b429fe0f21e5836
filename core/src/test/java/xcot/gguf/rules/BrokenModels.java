package xcot.gguf.rules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import xcot.fixtures.Architecture;
import xcot.fixtures.ModelShape;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensor;
import xcot.gguf.GgufTensorInfo;
import xcot.gguf.GgufValue;
import xcot.gguf.GgufWriter;
import xcot.gguf.TensorSource;
import xcot.tasks.toy.ToyVocabulary;

/**
 * A tiny valid model (llama, the toy zoo's SentencePiece vocabulary, one layer of 32, F16, about 40 KB) and copies of
 * it with one thing broken, written through {@link GgufWriter} so that only the named value is wrong. Shared with the
 * CLI tests.
 */
public final class BrokenModels {
    public static final long SEED = 5;

    private BrokenModels() {}

    public static ModelShape shape() {
        return new ModelShape(Architecture.LLAMA, 1, 32, 4, 4, 8, 64, ToyVocabulary.SIZE, 256, 10_000f, 1e-5f,
                GgmlType.F16, GgmlType.F16, true);
    }

    /** The valid model. */
    public static Path valid(Path dir) throws IOException {
        Path file = dir.resolve("valid-llama.gguf");
        TinyModels.write(shape(), SEED, ToyVocabulary.spec(), file);
        return file;
    }

    /** A copy of the valid model (written into {@code dir} as {@code name}) with its key-value pairs edited. */
    public static Path withMetadata(Path dir, String name, Consumer<Map<String, GgufValue>> edit) throws IOException {
        return rewrite(valid(dir), dir.resolve(name), edit, t -> t);
    }

    /** A copy of the valid model with its tensors edited (name, shape, type and data of each). */
    public static Path withTensors(Path dir, String name, java.util.function.UnaryOperator<List<GgufTensor>> edit)
            throws IOException {
        return rewrite(valid(dir), dir.resolve(name), kv -> { }, edit);
    }

    /** Token {@code index} of the vocabulary set to {@code text}. */
    public static Path withToken(Path dir, String name, int index, String text) throws IOException {
        return withMetadata(dir, name, kv -> {
            List<String> tokens = new ArrayList<>(((GgufValue.StringArray) kv.get("tokenizer.ggml.tokens")).values());
            tokens.set(index, text);
            kv.put("tokenizer.ggml.tokens", GgufValue.strings(tokens));
        });
    }

    /**
     * The valid model with a separate output head, and a NaN in row {@code row} of {@code token_embd}: only a
     * decode that reads that token sees it.
     */
    public static Path untiedWithNanEmbedding(Path dir, String name, int row) throws IOException {
        Path untied = dir.resolve("untied-" + name);
        TinyModels.write(shape().withTiedOutput(false), SEED, ToyVocabulary.spec(), untied);
        return rewrite(untied, dir.resolve(name), kv -> { }, tensors -> {
            List<GgufTensor> out = new ArrayList<>();
            for (GgufTensor t : tensors) {
                if (t.name().equals("token_embd.weight")) {
                    byte[] data = readAll(t);
                    int at = row * (int) (long) t.shape().getFirst() * 2; // F16: 2 bytes per element
                    data[at] = 0x00;
                    data[at + 1] = 0x7E; // F16 NaN, little-endian
                    out.add(new GgufTensor(t.name(), t.shape(), t.type(), TensorSource.ofBytes(data)));
                } else {
                    out.add(t);
                }
            }
            return out;
        });
    }

    private static byte[] readAll(GgufTensor t) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            t.source().writeTo(b -> {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                bytes.writeBytes(chunk);
            });
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Where {@code needle} first occurs in {@code hay}, or -1 (to find a string's bytes in a file). */
    public static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static Path rewrite(Path in, Path out, Consumer<Map<String, GgufValue>> editKv,
                        java.util.function.UnaryOperator<List<GgufTensor>> editTensors) throws IOException {
        GgufFile g = GgufReader.read(in);
        Map<String, GgufValue> kv = new LinkedHashMap<>(g.metadata().entries());
        editKv.accept(kv);
        GgufMetadata.Builder b = GgufMetadata.builder();
        kv.forEach(b::put);
        List<GgufTensor> tensors = new ArrayList<>();
        for (GgufTensorInfo t : g.tensors()) {
            tensors.add(new GgufTensor(t.name(), t.shape(), t.type(), TensorSource.ofBytes(g.readTensorBytes(t.name()))));
        }
        GgufWriter.write(out, b.build(), editTensors.apply(tensors));
        return out;
    }
}
