package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random damage to a valid file (bytes overwritten, fields set to extreme values, bytes inserted or deleted, the
 * file cut short) must give either a valid header or a {@link GgufFormatException} with a one-line message, and
 * never any other exception (no IndexOutOfBounds, no OutOfMemoryError, no NegativeArraySize).
 */
class GgufMutationTest {
    private static final byte[] VALID = validFile();

    sealed interface Mutation {
        byte[] apply(byte[] in);
    }

    record Overwrite(int at, byte value) implements Mutation {
        public byte[] apply(byte[] in) {
            if (in.length == 0) {
                return in;
            }
            byte[] out = in.clone();
            out[at % out.length] = value;
            return out;
        }
    }

    /** Writes a 4- or 8-byte little-endian value, as if a count, length, type or offset field were corrupt. */
    record Field(int at, long value, boolean wide) implements Mutation {
        public byte[] apply(byte[] in) {
            int width = wide ? 8 : 4;
            if (in.length < width) {
                return in;
            }
            byte[] out = in.clone();
            ByteBuffer b = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            int pos = at % (out.length - width + 1);
            if (wide) {
                b.putLong(pos, value);
            } else {
                b.putInt(pos, (int) value);
            }
            return out;
        }
    }

    record Truncate(int length) implements Mutation {
        public byte[] apply(byte[] in) {
            return Arrays.copyOf(in, length % (in.length + 1));
        }
    }

    record Insert(int at, byte[] bytes) implements Mutation {
        public byte[] apply(byte[] in) {
            int pos = at % (in.length + 1);
            byte[] out = new byte[in.length + bytes.length];
            System.arraycopy(in, 0, out, 0, pos);
            System.arraycopy(bytes, 0, out, pos, bytes.length);
            System.arraycopy(in, pos, out, pos + bytes.length, in.length - pos);
            return out;
        }
    }

    record Delete(int at, int length) implements Mutation {
        public byte[] apply(byte[] in) {
            int pos = at % (in.length + 1);
            int n = Math.min(length, in.length - pos);
            byte[] out = new byte[in.length - n];
            System.arraycopy(in, 0, out, 0, pos);
            System.arraycopy(in, pos + n, out, pos, in.length - pos - n);
            return out;
        }
    }

    @Property(tries = 2000)
    void damagedFilesGiveFormatErrorsOrValidHeaders(@ForAll("damage") List<Mutation> mutations) throws IOException {
        byte[] bytes = VALID;
        for (Mutation m : mutations) {
            bytes = m.apply(bytes);
        }
        Path file = Files.createTempFile("mutated", ".gguf");
        try {
            Files.write(file, bytes);
            GgufFile g = GgufReader.read(file);
            for (GgufTensorInfo t : g.tensors()) {
                assertEquals(t.sizeBytes(), g.readTensorBytes(t.name()).length);
            }
            Statistics.collect("valid");
        } catch (GgufFormatException e) {
            assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            Statistics.collect(e.getMessage().contains(": truncated at byte ") ? "truncated" : "other format error");
        } finally {
            Files.delete(file);
        }
    }

    @Provide
    Arbitrary<List<Mutation>> damage() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, VALID.length + 8);
        Arbitrary<Long> extreme = Arbitraries.oneOf(
                Arbitraries.of(0L, 1L, -1L, 2L, 3L, 4L, 13L, 30L, 32L, 99L, 0x7FFF_FFFFL, 0xFFFF_FFFFL, 1L << 31,
                        1L << 32, 1L << 40, Long.MAX_VALUE, Long.MIN_VALUE),
                Arbitraries.longs());
        Arbitrary<Mutation> overwrite = Combinators.combine(position, Arbitraries.bytes()).as(Overwrite::new);
        Arbitrary<Mutation> field = Combinators.combine(position, extreme, Arbitraries.of(true, false))
                .as(Field::new);
        Arbitrary<Mutation> truncate = position.map(Truncate::new);
        Arbitrary<Mutation> insert = Combinators.combine(position,
                Arbitraries.bytes().array(byte[].class).ofMaxSize(16)).as(Insert::new);
        Arbitrary<Mutation> delete = Combinators.combine(position, Arbitraries.integers().between(1, 16))
                .as(Delete::new);
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(4, overwrite), net.jqwik.api.Tuple.of(4, field),
                        net.jqwik.api.Tuple.of(1, truncate), net.jqwik.api.Tuple.of(1, insert),
                        net.jqwik.api.Tuple.of(1, delete))
                .list().ofMinSize(1).ofMaxSize(6);
    }

    private static byte[] validFile() {
        try {
            Path file = Files.createTempFile("valid", ".gguf");
            try {
                GgufMetadata metadata = GgufMetadata.builder()
                        .putString(GgufKeys.ARCHITECTURE, "llama")
                        .putU32("llama.block_count", 1)
                        .putF32("llama.attention.layer_norm_rms_epsilon", 1e-5f)
                        .putStrings(GgufKeys.TOKENS, List.of("<unk>", "<s>", "a"))
                        .putI32s(GgufKeys.TOKEN_TYPE, 2, 3, 1)
                        .putBool(GgufKeys.ADD_BOS, true)
                        .build();
                GgufWriter.write(file, metadata, List.of(
                        GgufTensor.of("f32", GgmlType.F32, TensorSource.constant(GgmlType.F32, 8, 1f), 4, 2),
                        GgufTensor.of("q8", GgmlType.Q8_0, TensorSource.constant(GgmlType.Q8_0, 32, 2f), 32),
                        GgufTensor.of("f16", GgmlType.F16, TensorSource.constant(GgmlType.F16, 8, 3f), 8)));
                return Files.readAllBytes(file);
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
