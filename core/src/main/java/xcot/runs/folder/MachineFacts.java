package xcot.runs.folder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import xcot.llm.BackendInfo;

/**
 * The machine a run ran on, for {@code run.json}: operating system, CPU model and cores, memory, and the GPUs
 * llama.cpp sees.
 *
 * @param cpu the CPU's model name ({@code /proc/cpuinfo}), or "unknown"
 */
public record MachineFacts(String os, String arch, String cpu, int cores, long memoryBytes, List<BackendInfo.Device> gpus) {
    public MachineFacts {
        gpus = List.copyOf(gpus);
    }

    public static MachineFacts of(BackendInfo backend) {
        long memory = ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getTotalMemorySize() : -1;
        return new MachineFacts(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), cpuModel().orElse("unknown"), Runtime.getRuntime().availableProcessors(),
                memory, backend.devices().stream().filter(d -> !d.type().equals("CPU")).toList());
    }

    private static Optional<String> cpuModel() {
        Path info = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(info)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(info)) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException | java.io.UncheckedIOException e) {
            return Optional.empty();
        }
    }
}
