package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on files built byte by byte with {@link RawGguf}, so expectations do not come from the writer. */
class GgufReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsHeaderMetadataAndTensorInfosOfAHandBuiltFile() throws Exception {
        RawGguf raw = RawGguf.header(3, 2, 4)
                .kvString("general.architecture", "llama")
                .kvU32("llama.block_count", 2)
                .str("tokenizer.ggml.tokens").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.STRING.id()).u64(3)
                .str("<unk>").str("▁héllo").str("")
                .str("tokenizer.ggml.scores").u32(GgufValueType.ARRAY.id()).u32(GgufValueType.FLOAT32.id()).u64(2)
                .f32(-1.5f).f32(0.25f)
                // 16 F32 values = 64 bytes; Q8_0 [32, 2] = 2 blocks = 68 bytes at the next multiple of 32.
                .tensor("a", GgmlType.F32.id(), 0, 8, 2)
                .tensor("b", GgmlType.Q8_0.id(), 64, 32, 2);
        int headerEnd = raw.position();
        raw.pad(32);
        int dataOffset = raw.position();
        byte[] first = new byte[64];
        first[0] = 7;
        raw.bytes(first).bytes(new byte[68]);
        Path file = raw.writeTo(dir.resolve("hand.gguf"));

        GgufFile g = GgufReader.read(file);

        assertEquals(3, g.version());
        assertEquals(32, g.alignment());
        assertEquals(dataOffset, g.dataOffset());
        assertTrue(dataOffset >= headerEnd && dataOffset % 32 == 0);
        assertEquals(List.of("general.architecture", "llama.block_count", "tokenizer.ggml.tokens",
                "tokenizer.ggml.scores"), List.copyOf(g.metadata().entries().keySet()));
        assertEquals("llama", g.architecture());
        assertEquals(2, g.metadata().getInt("llama.block_count"));
        assertEquals(List.of("<unk>", "▁héllo", ""), g.metadata().getStrings("tokenizer.ggml.tokens"));
        assertArrayEquals(new float[] {-1.5f, 0.25f}, g.metadata().getFloats("tokenizer.ggml.scores"));
        assertEquals(List.of(GgufTensorInfo.of("a", GgmlType.F32, 0, 8, 2),
                GgufTensorInfo.of("b", GgmlType.Q8_0, 64, 32, 2)), g.tensors());
        assertEquals(68, g.tensor("b").orElseThrow().sizeBytes());
        assertEquals(16 + 64, g.elementCount());
        assertEquals(7, g.readTensorBytes("a")[0]);
        assertEquals(64, g.readTensorBytes("a").length);
    }

    @Test
    void readsVersionTwoAndHonoursAnExplicitAlignment() throws Exception {
        RawGguf raw = RawGguf.header(2, 1, 1).kvU32(GgufKeys.ALIGNMENT, 64).tensor("w", GgmlType.F16.id(), 0, 4);
        raw.pad(64).zeros(8);
        GgufFile g = GgufReader.read(raw.writeTo(dir.resolve("v2.gguf")));
        assertEquals(2, g.version());
        assertEquals(64, g.alignment());
        assertEquals(0, g.dataOffset() % 64);
    }

    @Test
    void metadataGettersNameTheFileAndKeyOnMisuse() throws Exception {
        Path file = RawGguf.header(3, 0, 1).kvString("general.architecture", "qwen3").writeTo(dir.resolve("m.gguf"));
        GgufMetadata m = GgufReader.read(file).metadata();
        GgufFormatException missing = assertThrows(GgufFormatException.class, () -> m.getInt("qwen3.block_count"));
        assertEquals(file + ": key 'qwen3.block_count' is missing", missing.getMessage());
        GgufFormatException wrongType = assertThrows(GgufFormatException.class,
                () -> m.getInt("general.architecture"));
        assertEquals(file + ": key 'general.architecture' is a STRING, not an integer", wrongType.getMessage());
    }
}
