package xcot.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid file cut at every byte: each cut inside the header or the data is reported as truncation. */
class GgufTruncationTest {
    @TempDir
    Path dir;

    @Test
    void everyCutPointIsReportedAsTruncation() throws Exception {
        Path full = dir.resolve("full.gguf");
        GgufWriter.write(full, GgufRoundTripTest.everyValueType(), List.of(
                GgufTensor.of("a", GgmlType.F32, TensorSource.constant(GgmlType.F32, 6, 1f), 3, 2),
                GgufTensor.of("b", GgmlType.Q8_0, TensorSource.constant(GgmlType.Q8_0, 32, 0.5f), 32)));
        byte[] bytes = Files.readAllBytes(full);
        GgufFile g = GgufReader.read(full);
        long dataEnd = g.dataOffset() + g.tensors().getLast().endOffset();

        Path cut = dir.resolve("cut.gguf");
        for (int length = 0; length < bytes.length; length++) {
            Files.write(cut, Arrays.copyOf(bytes, length));
            if (length >= dataEnd) {
                // Only the padding after the last tensor is missing; llama.cpp does not need it either.
                assertEquals(g.tensors(), GgufReader.read(cut).tensors());
                continue;
            }
            GgufFormatException e = assertThrows(GgufFormatException.class, () -> GgufReader.read(cut),
                    "cut at " + length);
            String m = e.getMessage();
            assertTrue(m.startsWith(cut + ": truncated at byte " + length + " while reading "), m);
            assertEquals(1, m.lines().count(), m);
        }
    }
}
