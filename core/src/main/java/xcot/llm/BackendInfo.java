package xcot.llm;

import java.util.List;

/**
 * What the loaded llama.cpp build offers.
 *
 * @param commit llama.cpp commit of the build
 * @param tag llama.cpp release tag
 * @param variant {@code cpu} or {@code cuda}
 * @param patches patch files applied to the pinned source, space-separated
 * @param libraryDirectory where the shared libraries were loaded from
 * @param systemInfo {@code llama_print_system_info()}: compiled backends and CPU features
 * @param gpuOffload whether the build can offload layers to a GPU
 * @param devices ggml backend devices, CPU included
 */
public record BackendInfo(
        String commit,
        String tag,
        String variant,
        String patches,
        String libraryDirectory,
        String systemInfo,
        boolean gpuOffload,
        List<Device> devices) {

    public BackendInfo {
        devices = List.copyOf(devices);
    }

    /** One ggml device; memory figures are bytes as the backend reports them. */
    public record Device(String name, String description, String type, long freeBytes, long totalBytes) {}
}
