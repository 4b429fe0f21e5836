package xcot.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufTensor;
import xcot.gguf.TensorSource;
import xcot.gguf.rules.BrokenModels;

/**
 * What a failed load says: the right words for what the path is, the path once, and llama.cpp's own reason instead of
 * a pointer to its log.
 */
class LoadMessagesTest {
    @TempDir
    Path dir;

    private static String loadError(Path file) {
        return assertThrows(ModelLoadException.class, () -> Model.load(file, ModelOptions.defaults())).getMessage();
    }

    @Test
    void aDirectoryFifoOrDeviceIsNamedAsSuch() throws Exception {
        assertEquals(dir + ": is a directory, not a GGUF file", loadError(dir));
        Path fifo = dir.resolve("pipe");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertEquals(fifo + ": is a FIFO (named pipe), not a GGUF file", loadError(fifo));
        assertEquals("/dev/zero: is a character device, not a GGUF file", loadError(Path.of("/dev/zero")));
        assertEquals(dir.resolve("absent.gguf") + ": no such file", loadError(dir.resolve("absent.gguf")));
    }

    @Test
    void theFileIsNamedOnce() throws IOException {
        Path valid = BrokenModels.valid(dir);
        byte[] bytes = Files.readAllBytes(valid);
        Path cut = Files.write(dir.resolve("cut.gguf"), java.util.Arrays.copyOf(bytes, 200));
        String m = loadError(cut);
        assertTrue(m.startsWith(cut + ": truncated at byte 200"), m);
        assertEquals(m.indexOf(cut.toString()), m.lastIndexOf(cut.toString()), m);
    }

    @Test
    void aFileLlamaCppRefusesCarriesLlamaCppsReason() throws IOException {
        Path extra = BrokenModels.withTensors(dir, "extra.gguf", tensors -> {
            List<GgufTensor> out = new ArrayList<>(tensors);
            out.add(GgufTensor.of("blk.0.unknown.weight", GgmlType.F32, TensorSource.ofBytes(new byte[128]), 32));
            return out;
        });
        String m = loadError(extra);
        assertTrue(m.startsWith(extra + ": llama.cpp could not load the model: "), m);
        assertTrue(m.contains("wrong number of tensors; expected 12, got 11"), m);
        assertEquals(1, m.lines().count());
    }

    @Test
    void reasonTakesTheCaughtExceptionAndTheLinesBeforeIt() {
        assertEquals("found tensors with invalid data: tensor 'token_embd.weight' has invalid data",
                Model.reason(List.of("load_all_data: tensor 'token_embd.weight' has invalid data",
                        "llama_model_load: error loading model: found tensors with invalid data",
                        "llama_model_load_from_file_impl: failed to load model")));
        assertEquals("key not found in model: llama.context_length", Model.reason(List.of(
                "llama_model_load: error loading model: key not found in model: llama.context_length",
                "llama_model_load_from_file_impl: failed to load model")));
        assertEquals("no reason logged", Model.reason(List.of()));
    }
}
