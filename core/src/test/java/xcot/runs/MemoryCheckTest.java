package xcot.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufMetadata;
import xcot.gguf.GgufTensorInfo;
import xcot.llm.BackendInfo;

class MemoryCheckTest {
    static final BackendInfo MACHINE = new BackendInfo("c", "t", "cuda", "", "/lib", "", true, List.of(
            new BackendInfo.Device("CPU", "cpu", "CPU", 8L << 30, 16L << 30),
            new BackendInfo.Device("CUDA0", "H100", "GPU", 20L << 30, 80L << 30)));

    @Test
    void kvCacheFollowsTheHyperparameters() throws GgufException {
        GgufMetadata m = GgufMetadata.builder().putString("general.architecture", "qwen2")
                .putU32("qwen2.block_count", 64).putU32("qwen2.embedding_length", 5120)
                .putU32("qwen2.attention.head_count", 40).putU32("qwen2.attention.head_count_kv", 8).build();
        GgufFile f = new GgufFile(Path.of("q.gguf"), 3, m,
                List.of(GgufTensorInfo.of("w", GgmlType.F32, 0, 1024, 1024)), 32, 0, 0);
        MemoryCheck.Estimate e = MemoryCheck.estimate(f, 32768);
        assertEquals(4L << 20, e.weightsBytes());
        // 64 layers x 32768 positions x 8 KV heads x (128 + 128) x 2 bytes = 8 GiB, QwQ-32B's F16 cache at 32k.
        assertEquals(8L << 30, e.kvBytes());
    }

    @Test
    void offloadedModelsAreCheckedAgainstTheGpuOthersAgainstSystemMemory() {
        List<String> problems = MemoryCheck.problems(List.of(
                new MemoryCheck.Group("model 'big'", 30L << 30, "weights", -1),
                new MemoryCheck.Group("model 'cpu'", 12L << 30, "weights", 0),
                new MemoryCheck.Group("model 'small'", 1L << 30, "weights", -1)), MACHINE);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("model 'big' needs about 30.00 GiB (weights) but CUDA0 has 20.00 GiB"));
        assertTrue(problems.get(1).contains("but CPU has 8.00 GiB free"));
    }
}
