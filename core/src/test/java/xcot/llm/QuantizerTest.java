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
        // The tiny fixture stores token_embd as Q8_0, which llama.cpp refuses to requantize.
        Path out = dir.resolve("out.gguf");
        LlamaException e = assertThrows(LlamaException.class,
                () -> Quantizer.quantize(TinyModel.path(), out, Quantizer.Target.Q4_K_M, 2));
        assertTrue(e.getMessage().contains("Q4_K_M"), e.getMessage());
        assertEquals(List.of(), files(), "neither the output nor a temporary file");
    }

    @Test
    void quantizesAnF16Model() throws IOException {
        Path source = dir.resolve("f16.gguf");
        xcot.fixtures.TinyModels.write(xcot.fixtures.ModelShape.tiny().withStorage(GgmlType.F16, GgmlType.F16), 3,
                xcot.fixtures.Qwen3Tokenizer.load(), source);
        Path out = dir.resolve("q8.gguf");
        Quantizer.quantize(source, out, Quantizer.Target.Q8_0, 2);
        assertEquals(List.of("f16.gguf", "q8.gguf"), files());
        assertTrue(GgufReader.read(out).tensors().stream().anyMatch(t -> t.type() == GgmlType.Q8_0));
    }
}
