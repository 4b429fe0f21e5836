package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.fixtures.Architecture;
import xcot.fixtures.ModelShape;
import xcot.fixtures.Qwen3Tokenizer;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufReader;

/** The quantizer writes a whole GGUF or nothing at all. */
class QuantizerTest {
    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFailedQuantizationLeavesNoFile() throws IOException {
        // Q8_0 matrices with rows of 256 (whole Q4_K blocks): llama.cpp refuses to requantize them to Q4_K.
        Path source = dir.resolve("q8.gguf");
        ModelShape shape = new ModelShape(Architecture.QWEN3, 1, 256, 4, 2, 64, 256, 151_669, 256, 1e6f, 1e-6f,
                GgmlType.Q8_0, GgmlType.Q8_0, true);
        TinyModels.write(shape, 3, Qwen3Tokenizer.load(), source);
        Path out = dir.resolve("out.gguf");
        LlamaException e = assertThrows(LlamaException.class,
                () -> Quantizer.quantize(source, out, Quantizer.Target.Q4_K_M, 2));
        assertTrue(e.getMessage().contains("Q4_K_M"), e.getMessage());
        assertEquals(List.of("q8.gguf"), files(), "neither the output nor a temporary file");
    }

    @Test
    void quantizesAnF16Model() throws IOException {
        Path source = dir.resolve("f16.gguf");
        TinyModels.write(ModelShape.tiny().withStorage(GgmlType.F16, GgmlType.F16), 3, Qwen3Tokenizer.load(), source);
        Path out = dir.resolve("q8.gguf");
        Quantizer.quantize(source, out, Quantizer.Target.Q8_0, 2);
        assertEquals(List.of("f16.gguf", "q8.gguf"), files());
        assertTrue(GgufReader.read(out).tensors().stream().anyMatch(t -> t.type() == GgmlType.Q8_0));
    }
}
