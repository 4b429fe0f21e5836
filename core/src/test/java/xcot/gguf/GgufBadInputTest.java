package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gives a typed exception with a one-line message that names the file (and the byte, where
 * there is one); the JVM stays up because nothing reaches native code.
 */
class GgufBadInputTest {
    private static final int ARRAY = GgufValueType.ARRAY.id();

    @TempDir
    Path dir;

    private GgufFormatException formatError(RawGguf raw, String... fragments) {
        return formatError(raw.toBytes(), fragments);
    }

    private GgufFormatException formatError(byte[] bytes, String... fragments) {
        Path file = dir.resolve("bad.gguf");
        try {
            Files.write(file, bytes);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufReader.read(file));
        String m = e.getMessage();
        assertTrue(m.startsWith(file + ": "), m);
        assertEquals(1, m.lines().count(), m);
        for (String f : fragments) {
            assertTrue(m.contains(f), "'" + m + "' lacks '" + f + "'");
        }
        return e;
    }

    @Test
    void missingFile() {
        Path file = dir.resolve("nope.gguf");
        GgufFileException e = assertThrows(GgufFileException.class, () -> GgufReader.read(file));
        assertEquals(file + ": no such file", e.getMessage());
        assertTrue(e.getCause() instanceof java.nio.file.NoSuchFileException);
    }

    @Test
    void directory() {
        GgufFileException e = assertThrows(GgufFileException.class, () -> GgufReader.read(dir));
        assertEquals(dir + ": is a directory, not a GGUF file", e.getMessage());
    }

    @Test
    void emptyFile() {
        formatError(new byte[0], "truncated at byte 0 while reading the magic");
    }

    @Test
    void badMagic() {
        GgufFormatException e = formatError("GGML\3\0\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                "at byte 0: bad magic 'GGML', expected 'GGUF'");
        assertEquals(0, e.byteOffset());
        formatError(new byte[] {(byte) 0x7f, 'E', 'L', 'F', 2, 1, 1, 0}, "bad magic '\\x7fELF'");
    }

    @Test
    void unsupportedVersions() {
        formatError(RawGguf.header(1, 0, 0), "at byte 4: unsupported GGUF version 1");
        formatError(RawGguf.header(4, 0, 0), "unsupported GGUF version 4");
        formatError(RawGguf.header(0, 0, 0), "unsupported GGUF version 0");
        formatError(RawGguf.header(0x0300_0000, 0, 0), "looks byte-swapped");
    }

    @Test
    void absurdCounts() {
        formatError(RawGguf.header(3, 1L << 40, 0), "at byte 8: tensor count 1099511627776 is absurd");
        formatError(RawGguf.header(3, -1, 0), "tensor count 18446744073709551615 is absurd");
        formatError(RawGguf.header(3, 0, 1L << 33), "at byte 16: key-value count 8589934592 is absurd");
        // Plausible counts that the file is too short for: rejected before any allocation, as truncation.
        formatError(RawGguf.header(3, 1000, 0).zeros(100), "truncated at byte 124 while reading the header",
                "1000 tensor infos");
    }

    @Test
    void absurdStringLengths() {
        formatError(RawGguf.header(3, 0, 1).u64(1L << 40).zeros(16),
                "at byte 24: string length 1099511627776 in key 1 of 1 exceeds the limit");
        formatError(RawGguf.header(3, 0, 1).u64(-1).zeros(16), "string length 18446744073709551615");
        formatError(RawGguf.header(3, 0, 1).u64(500).bytes("abcdefghij".getBytes()),
                "truncated at byte 42 while reading key 1 of 1 (a string of 500 bytes at byte 24)");
        formatError(RawGguf.header(3, 0, 2).kvString("k", "v").str("general.name"), "truncated at byte 66 while"
                + " reading the value of key 'general.name' (2 of 2)");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(GgufValueType.STRING.id()).u64(99),
                "while reading the value of key 'k' (1 of 1)");
    }

    @Test
    void absurdArrayLengths() {
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(GgufValueType.INT32.id()).u64(1L << 50),
                "key 'k' has array length 1125899906842624, more than the limit");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(GgufValueType.STRING.id()).u64(-1),
                "array length 18446744073709551615");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(GgufValueType.INT32.id()).u64(1000).zeros(40),
                "truncated", "an array of 1000 INT32 elements needs at least 4000 bytes");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(GgufValueType.STRING.id()).u64(2)
                .str("one").u64(1L << 20), "element 1 of the value of key 'k'");
    }

    @Test
    void unknownValueTypes() {
        formatError(RawGguf.header(3, 0, 1).str("k").u32(13).u32(0), "key 'k' has unknown value type 13");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(-1).u32(0), "unknown value type 4294967295");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(77).u64(0), "array of unknown value type 77");
        formatError(RawGguf.header(3, 0, 1).str("k").u32(ARRAY).u32(ARRAY).u64(0), "array of arrays");
    }

    @Test
    void badKeys() {
        formatError(RawGguf.header(3, 0, 1).str("").u32(4).u32(0), "at byte 24: key 1 of 1 is empty");
        formatError(RawGguf.header(3, 0, 2).kvU32("k", 1).kvU32("k", 2), "duplicate key 'k'");
        GgufFormatException e = formatError(RawGguf.header(3, 0, 2).kvU32("evil\nkey", 1).kvU32("evil\nkey", 1),
                "duplicate key 'evil\\u000akey'");
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void badAlignment() {
        formatError(RawGguf.header(3, 0, 1).kvU32(GgufKeys.ALIGNMENT, 48), "general.alignment is 48, not a power");
        formatError(RawGguf.header(3, 0, 1).kvU32(GgufKeys.ALIGNMENT, 0), "general.alignment is 0");
        formatError(RawGguf.header(3, 0, 1).kvString(GgufKeys.ALIGNMENT, "32"), "must be a UINT32, not STRING");
    }

    @Test
    void badDimensions() {
        formatError(RawGguf.header(3, 1, 0).str("t").u32(5).zeros(64), "tensor 't' has n_dims 5, must be 1..4");
        formatError(RawGguf.header(3, 1, 0).str("t").u32(0).zeros(64), "n_dims 0");
        formatError(RawGguf.header(3, 1, 0).str("t").u32(1L << 31).zeros(64), "n_dims 2147483648");
        formatError(RawGguf.header(3, 1, 0).tensor("t", 0, 0, 4, 0).pad(32), "dimension 1 is 0, must be at least 1");
        formatError(RawGguf.header(3, 1, 0).tensor("t", 0, 0, -4).pad(32), "dimension 0 is -4");
        formatError(RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 40, 1L << 40).pad(32),
                "element count overflows");
        formatError(RawGguf.header(3, 1, 0).tensor("t", GgmlType.Q8_0.id(), 0, 16).pad(32).zeros(64),
                "row length 16 is not a multiple of the Q8_0 block size 32");
    }

    @Test
    void badTensorTypesAndNames() {
        formatError(RawGguf.header(3, 1, 0).tensor("t", 4, 0, 8), "tensor 't' has unknown ggml type 4");
        formatError(RawGguf.header(3, 1, 0).tensor("t", 99, 0, 8), "unknown ggml type 99");
        formatError(RawGguf.header(3, 1, 0).tensor("", 0, 0, 8).pad(32).zeros(32), "the name is empty");
        formatError(RawGguf.header(3, 1, 0).tensor("n".repeat(64), 0, 0, 8).pad(32).zeros(32),
                "the name has 64 bytes");
        formatError(RawGguf.header(3, 2, 0).tensor("t", 0, 0, 8).tensor("t", 0, 32, 8).pad(32).zeros(64),
                "duplicate tensor 't'");
    }

    @Test
    void misplacedTensorData() {
        formatError(RawGguf.header(3, 2, 0).tensor("a", 0, 0, 8).tensor("b", 0, 16, 8).pad(32).zeros(64),
                "tensor 'b' offset 16 is not a multiple of the alignment 32");
        formatError(RawGguf.header(3, 2, 0).tensor("a", 0, 0, 16).tensor("b", 0, 32, 8).pad(32).zeros(128),
                "tensor 'b' at offset 32 overlaps the tensor before it, which ends at 64");
        formatError(RawGguf.header(3, 2, 0).tensor("a", 0, 0, 8).tensor("b", 0, 64, 8).pad(32).zeros(128),
                "tensor 'b' has offset 64, expected 32");
        formatError(RawGguf.header(3, 1, 0).tensor("a", 0, 0, 8).pad(32).zeros(31),
                "while reading the data of tensor 'a' (32 bytes ending at byte");
        formatError(RawGguf.header(3, 1, 0).tensor("a", 0, 0, 1L << 30, 1L << 30).pad(32).zeros(32),
                "tensor 'a' (4611686018427387904 bytes");
        formatError(RawGguf.header(3, 1, 0).tensor("a", 0, -64, 8).pad(32).zeros(32), "offset 18446744073709551552");
        formatError(RawGguf.header(3, 1, 0).tensor("a", 0, 0, 8), "truncated", "padding before the tensor data");
    }

    @Test
    void validFileStillReadsAfterAllThat() throws Exception {
        Path file = RawGguf.header(3, 1, 0).tensor("a", 0, 0, 8).pad(32).zeros(32).writeTo(dir.resolve("ok.gguf"));
        assertEquals(1, GgufReader.read(file).tensors().size());
    }
}
