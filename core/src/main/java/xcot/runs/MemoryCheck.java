package xcot.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufTensorInfo;
import xcot.llm.BackendInfo;

/**
 * Checks, before anything is loaded, that each model fits the device it will run on: weights plus an F16 KV cache for
 * its context plus a fixed allowance for compute buffers, against the free memory the backend reports. Models are
 * loaded one at a time (an ensemble's participants together), so each is checked alone and an ensemble as a sum.
 */
final class MemoryCheck {
    /** Compute buffers, logits and llama.cpp's own bookkeeping; measured well under this on the tiny and 32B shapes. */
    static final long ALLOWANCE_BYTES = 256L << 20;

    private MemoryCheck() {}

    /** The estimate and its parts. */
    record Estimate(long weightsBytes, long kvBytes) {
        long totalBytes() {
            return weightsBytes + kvBytes + ALLOWANCE_BYTES;
        }
    }

    static Estimate estimate(GgufFile gguf, int contextTokens) throws GgufException {
        long weights = gguf.tensors().stream().mapToLong(GgufTensorInfo::sizeBytes).sum();
        String arch = gguf.architecture();
        var m = gguf.metadata();
        long layers = m.findLong(GgufKeys.blockCount(arch)).orElse(0);
        long heads = m.findLong(GgufKeys.headCount(arch)).orElse(1);
        long headsKv = m.findLong(GgufKeys.headCountKv(arch)).orElse(heads);
        long embedding = m.findLong(GgufKeys.embeddingLength(arch)).orElse(0);
        OptionalLong keyLength = m.findLong(GgufKeys.keyLength(arch));
        long key = keyLength.orElse(heads == 0 ? 0 : embedding / heads);
        long value = m.findLong(GgufKeys.valueLength(arch)).orElse(key);
        long kv = layers * contextTokens * headsKv * (key + value) * 2;
        return new Estimate(weights, kv);
    }

    /**
     * The device a model runs on: the GPU with the most free memory when it offloads layers and a GPU exists, else
     * the CPU (system memory).
     */
    static BackendInfo.Device deviceFor(BackendInfo info, int gpuLayers) {
        BackendInfo.Device best = null;
        for (BackendInfo.Device d : info.devices()) {
            boolean gpu = !d.type().equals("CPU");
            if (gpuLayers != 0 && gpu && (best == null || d.freeBytes() > best.freeBytes())) {
                best = d;
            }
        }
        if (best != null) {
            return best;
        }
        return info.devices().stream().filter(d -> d.type().equals("CPU")).findFirst()
                .orElse(new BackendInfo.Device("CPU", "CPU", "CPU", Long.MAX_VALUE, Long.MAX_VALUE));
    }

    /** Problems, one line each, for the models (or model groups) that do not fit. */
    static List<String> problems(List<Group> groups, BackendInfo info) {
        List<String> problems = new ArrayList<>();
        for (Group g : groups) {
            BackendInfo.Device device = deviceFor(info, g.gpuLayers());
            if (device.freeBytes() > 0 && g.bytes() > device.freeBytes()) {
                problems.add(String.format(Locale.ROOT, "%s needs about %s (%s) but %s has %s free", g.what(),
                        gib(g.bytes()), g.detail(), device.name(), gib(device.freeBytes())));
            }
        }
        return problems;
    }

    /** Models loaded together: one model, or an ensemble's participants. */
    record Group(String what, long bytes, String detail, int gpuLayers) {}

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
