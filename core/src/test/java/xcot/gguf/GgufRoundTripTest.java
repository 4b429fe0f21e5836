package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writer then reader: the same metadata, tensor infos and bytes come back. */
class GgufRoundTripTest {
    @TempDir
    Path dir;

    static GgufMetadata everyValueType() {
        return GgufMetadata.builder()
                .putString("general.architecture", "llama")
                .put("u8", GgufValue.u8(255))
                .put("i8", GgufValue.i8(-128))
                .put("u16", GgufValue.u16(65535))
                .put("i16", GgufValue.i16(-32768))
                .put("u32", GgufValue.u32(0xFFFF_FFFFL))
                .put("i32", GgufValue.i32(Integer.MIN_VALUE))
                .put("u64", GgufValue.u64(-1L))
                .put("i64", GgufValue.i64(Long.MIN_VALUE))
                .put("f32", GgufValue.f32(1e-6f))
                .put("f64", GgufValue.f64(Math.PI))
                .put("bool", GgufValue.bool(true))
                .putString("empty string", "")
                .putString("unicode", "ümlaut ▁ 思考 \uD83D\uDE00\n<think>")
                .putStrings("strings", List.of("a", "", "Ġthe", "<|im_end|>"))
                .putI32s("i32s", 1, -2, 3)
                .putF32s("f32s", 0.5f, -0.0f, Float.MAX_VALUE)
                .put("bools", GgufValue.bools(true, false, true))
                .put("u8s", GgufValue.integers(GgufValueType.UINT8, 0, 255))
                .put("u64s", GgufValue.integers(GgufValueType.UINT64, -1L, 7))
                .put("i16s", GgufValue.integers(GgufValueType.INT16, -5))
                .put("empty array", GgufValue.i32s())
                .putStrings("empty strings", List.of())
                .build();
    }

    @Test
    void metadataTensorInfosAndBytesSurviveARoundTrip() throws Exception {
        float[] f32 = {1f, -2f, 3.5f, 0f, 0.125f, -7f, 8f, 9f}; // exact in F16 and BF16
        float[] q = new float[64];
        for (int i = 0; i < q.length; i++) {
            q[i] = (i - 30) * 0.01f;
        }
        byte[] q4k = new byte[GgmlType.Q4_K.bytesPerBlock() * 2];
        q4k[0] = 42;
        List<GgufTensor> tensors = List.of(
                GgufTensor.of("f32", GgmlType.F32, TensorSource.ofFloats(GgmlType.F32, f32), 4, 2),
                GgufTensor.of("f16", GgmlType.F16, TensorSource.ofFloats(GgmlType.F16, f32), 8),
                GgufTensor.of("bf16", GgmlType.BF16, TensorSource.ofFloats(GgmlType.BF16, f32), 2, 2, 2),
                GgufTensor.of("q8", GgmlType.Q8_0, TensorSource.ofFloats(GgmlType.Q8_0, q), 32, 2),
                GgufTensor.of("q4k", GgmlType.Q4_K, TensorSource.ofBytes(q4k), 256, 2),
                GgufTensor.of("ones", GgmlType.F32, TensorSource.constant(GgmlType.F32, 5, 1f), 5),
                GgufTensor.of("rows", GgmlType.F16, TensorSource.ofRows(GgmlType.F16, 3, 4,
                        (row, dst) -> java.util.Arrays.fill(dst, row)), 4, 3));
        Path file = dir.resolve("rt.gguf");
        GgufMetadata metadata = everyValueType();
        GgufWriter.write(file, metadata, tensors);

        GgufFile g = GgufReader.read(file);
        assertEquals(GgufWriter.VERSION, g.version());
        assertEquals(metadata, g.metadata());
        assertEquals(List.copyOf(metadata.entries().keySet()), List.copyOf(g.metadata().entries().keySet()));
        assertEquals(GgufWriter.layout(tensors, 32), g.tensors());
        for (GgufTensorInfo t : g.tensors()) {
            assertEquals(0, t.offset() % 32, t.name());
        }
        assertEquals(Files.size(file), g.dataOffset() + g.tensors().getLast().offset() + 32);

        assertArrayEquals(f32, decode(g, "f32", GgmlType.F32, 8));
        assertArrayEquals(f32, decode(g, "f16", GgmlType.F16, 8));
        assertArrayEquals(f32, decode(g, "bf16", GgmlType.BF16, 8));
        assertArrayEquals(q, decode(g, "q8", GgmlType.Q8_0, 64), 0.3f / 127);
        assertArrayEquals(q4k, g.readTensorBytes("q4k"));
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, decode(g, "ones", GgmlType.F32, 5));
        assertArrayEquals(new float[] {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2}, decode(g, "rows", GgmlType.F16, 12));
    }

    @Test
    void explicitAlignmentIsUsedForEveryOffset() throws Exception {
        GgufMetadata metadata = GgufMetadata.builder().putU32(GgufKeys.ALIGNMENT, 256).build();
        List<GgufTensor> tensors = List.of(
                GgufTensor.of("a", GgmlType.F32, TensorSource.constant(GgmlType.F32, 3, 2f), 3),
                GgufTensor.of("b", GgmlType.F32, TensorSource.constant(GgmlType.F32, 100, 3f), 100));
        Path file = dir.resolve("aligned.gguf");
        GgufWriter.write(file, metadata, tensors);
        GgufFile g = GgufReader.read(file);
        assertEquals(256, g.alignment());
        assertEquals(0, g.dataOffset() % 256);
        assertEquals(List.of(0L, 256L), g.tensors().stream().map(GgufTensorInfo::offset).toList());
    }

    @Test
    void aSourceThatWritesTheWrongNumberOfBytesFailsAndLeavesNoFile() {
        Path file = dir.resolve("short.gguf");
        List<GgufTensor> tensors = List.of(GgufTensor.of("a", GgmlType.F32, TensorSource.ofBytes(new byte[12]), 4));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> GgufWriter.write(file, GgufMetadata.builder().build(), tensors));
        assertEquals("tensor 'a': source wrote 12 bytes, expected 16", e.getMessage());
        assertTrue(Files.notExists(file));
        try (var listing = Files.list(dir)) {
            assertEquals(0, listing.count(), "the temporary file is removed");
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }

    @Test
    void writerRejectsWhatTheReaderWouldReject() {
        TensorSource none = sink -> { };
        assertThrows(IllegalArgumentException.class, () -> GgufWriter.layout(List.of(
                GgufTensor.of("x", GgmlType.F32, none, 1), GgufTensor.of("x", GgmlType.F32, none, 1)), 32));
        assertThrows(IllegalArgumentException.class, () -> GgufTensor.of("q", GgmlType.Q8_0, none, 16));
        assertThrows(IllegalArgumentException.class, () -> GgufTensor.of("z", GgmlType.F32, none, 4, 0));
        assertThrows(IllegalArgumentException.class, () -> GgufTensor.of("d", GgmlType.F32, none, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> GgufTensor.of("n".repeat(64), GgmlType.F32, none, 1));
        assertThrows(IllegalArgumentException.class,
                () -> GgufMetadata.builder().putString("k", "a").putString("k", "b"));
        assertThrows(IllegalArgumentException.class, () -> GgufWriter.write(dir.resolve("a.gguf"),
                GgufMetadata.builder().putU32(GgufKeys.ALIGNMENT, 48).build(), List.of()));
    }

    @Test
    void sparseWriteGivesAFullSizeFileWithAValidHeader() throws Exception {
        List<GgufTensor> tensors = List.of(
                GgufTensor.of("big", GgmlType.Q8_0, sink -> { }, 4096, 1 << 16),
                GgufTensor.of("norm", GgmlType.F32, sink -> { }, 4096));
        List<GgufTensorInfo> layout = GgufWriter.layout(tensors, 32);
        Path file = dir.resolve("sparse.gguf");
        GgufWriter.writeSparse(file, GgufMetadata.builder().putString("general.architecture", "llama").build(), layout);
        GgufFile g = GgufReader.read(file);
        assertEquals(layout, g.tensors());
        assertEquals(g.dataOffset() + layout.getLast().endOffset(), Files.size(file));
    }

    private static float[] decode(GgufFile g, String name, GgmlType type, int n) throws GgufException {
        float[] out = new float[n];
        GgmlEncoding.decode(type, ByteBuffer.wrap(g.readTensorBytes(name)).order(ByteOrder.LITTLE_ENDIAN), out, 0, n);
        return out;
    }
}
