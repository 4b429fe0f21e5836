package xcot.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.ModelShape;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensorInfo;

class InitialWeightsTest {
    @TempDir
    Path dir;

    private final ZooConfig zoo = ZooConfig.committed();

    @Test
    void writesTheRecipe() throws Exception {
        ZooModel model = zoo.require("weak-e");
        ModelShape shape = model.shape(zoo.recipe());
        Path file = dir.resolve("untrained.gguf");
        InitialWeights.write(shape, model.seed(), InitialWeights.metadata(shape, "t", zoo.recipe().vocabulary())
                .build(), file);
        GgufFile gguf = GgufReader.read(file);
        assertEquals("llama", gguf.architecture());
        assertEquals(145_856, gguf.elementCount());
        assertEquals(16, gguf.metadata().getInt(GgufKeys.ropeDimensionCount("llama")));
        assertTrue(gguf.tensors().stream().allMatch(t -> t.type() == GgmlType.F32));
        assertTrue(gguf.tensor("output.weight").isPresent(), "a separate, trainable output head");
        int e = shape.embeddingLength();

        float[][] k = matrix(gguf, "blk.1.attn_k.weight");
        float[][] v = matrix(gguf, "blk.0.attn_v.weight");
        for (int row = 0; row < e; row++) {
            for (int col = 0; col < e; col++) {
                assertEquals(row == col ? 1f : 0f, k[row][col]);
                assertEquals(row == col ? 1f : 0f, v[row][col]);
            }
        }
        assertArrayEquals(ones(e), matrix(gguf, "blk.0.ffn_norm.weight")[0]);
        assertStd(matrix(gguf, "blk.0.attn_q.weight"), 1 / Math.sqrt(e));
        assertStd(matrix(gguf, "blk.1.ffn_up.weight"), 1 / Math.sqrt(e));
        assertStd(matrix(gguf, "blk.0.ffn_down.weight"), 1 / Math.sqrt(3 * e));
        assertStd(matrix(gguf, "output.weight"), 1 / Math.sqrt(e));

        // token_embd = N(0,1) rows + one shared vector: column means over 305 rows estimate the shared vector,
        // whose entries are N(0,1) themselves, so the column means have variance ~1 (not ~1/305).
        float[][] embedding = matrix(gguf, "token_embd.weight");
        double sumSquares = 0;
        for (int col = 0; col < e; col++) {
            double mean = 0;
            for (float[] row : embedding) {
                mean += row[col] / embedding.length;
            }
            sumSquares += mean * mean;
        }
        double varianceOfMeans = sumSquares / e;
        assertTrue(varianceOfMeans > 0.5 && varianceOfMeans < 1.6, "variance of column means " + varianceOfMeans);
    }

    @Test
    void isReproducible() throws Exception {
        ZooModel model = zoo.require("weak-e");
        ModelShape shape = model.shape(zoo.recipe());
        for (String name : new String[] {"a.gguf", "b.gguf"}) {
            InitialWeights.write(shape, model.seed(), InitialWeights.metadata(shape, "t", zoo.recipe().vocabulary())
                    .build(), dir.resolve(name));
        }
        assertArrayEquals(Files.readAllBytes(dir.resolve("a.gguf")), Files.readAllBytes(dir.resolve("b.gguf")));
    }

    private static float[] ones(int n) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, 1f);
        return a;
    }

    private static void assertStd(float[][] m, double expected) {
        double sum = 0;
        double squares = 0;
        int n = 0;
        for (float[] row : m) {
            for (float x : row) {
                sum += x;
                squares += x * x;
                n++;
            }
        }
        double std = Math.sqrt(squares / n - (sum / n) * (sum / n));
        assertEquals(expected, std, expected * 0.05, "std of " + n + " weights");
    }

    /** Rows of {@code ne[0]} floats, as stored. */
    static float[][] matrix(GgufFile gguf, String name) throws Exception {
        GgufTensorInfo t = gguf.tensor(name).orElseThrow();
        ByteBuffer b = ByteBuffer.wrap(gguf.readTensorBytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        int cols = (int) t.rowLength();
        int rows = (int) t.rowCount();
        float[][] m = new float[rows][cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                m[r][c] = t.type() == GgmlType.F16 ? Float.float16ToFloat(b.getShort()) : b.getFloat();
            }
        }
        return m;
    }
}
