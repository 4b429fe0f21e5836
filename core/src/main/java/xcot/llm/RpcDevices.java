package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices a model is offloaded to, as llama.cpp's own tools choose them when given {@code --rpc}
 * (common/arg.cpp): each RPC server is added through the RPC registry's {@code ggml_backend_rpc_add_server} proc
 * address and its registry registered, which makes its devices part of the process's device list; then the model
 * gets an explicit device list in {@code llama_model_params.devices}: its RPC devices first (fewer network transfers,
 * as llama.cpp orders them), then the local GPUs.
 *
 * <p>The explicit list matters once any server is registered: llama.cpp's default selection takes every registered
 * device, so a model loaded later without {@code rpc} would otherwise be spread over another model's servers too.
 *
 * <p>Registration is for the life of the process (llama.cpp has no unregister), so the devices of each endpoint are
 * kept here; the pointers are owned by llama.cpp's registry. Thread-safe.
 */
final class RpcDevices {
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<RpcServer, List<MemorySegment>> registered = new HashMap<>();

    private RpcDevices() {}

    /**
     * The NULL-terminated device list for a model offloaded to {@code servers} (possibly none), or {@code NULL} to
     * keep llama.cpp's default selection, which is right while no RPC server is registered.
     */
    static synchronized MemorySegment deviceList(List<RpcServer> servers, Arena arena) {
        if (servers.isEmpty() && registered.isEmpty()) {
            return MemorySegment.NULL;
        }
        List<MemorySegment> devices = new ArrayList<>();
        for (RpcServer server : servers) {
            devices.addAll(register(server));
        }
        devices.addAll(localAccelerators());
        MemorySegment list = arena.allocate(ValueLayout.ADDRESS, devices.size() + 1);
        for (int i = 0; i < devices.size(); i++) {
            list.setAtIndex(ValueLayout.ADDRESS, i, devices.get(i));
        }
        list.setAtIndex(ValueLayout.ADDRESS, devices.size(), MemorySegment.NULL);
        return list;
    }

    private static List<MemorySegment> register(RpcServer server) {
        List<MemorySegment> known = registered.get(server);
        if (known != null) {
            return known;
        }
        if (!llama_supports_rpc()) {
            throw new LlamaException("this llama.cpp build has no RPC backend (build it with GGML_RPC=ON, as"
                    + " native/build-llama.sh does)");
        }
        RpcProbe.check(server, PROBE_TIMEOUT);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment rpc = ggml_backend_reg_by_name(arena.allocateFrom("RPC"));
            MemorySegment address = ggml_backend_reg_get_proc_address(rpc,
                    arena.allocateFrom("ggml_backend_rpc_add_server"));
            if (address.equals(MemorySegment.NULL)) {
                throw new LlamaException("llama.cpp's RPC backend has no ggml_backend_rpc_add_server");
            }
            // ggml_backend_reg_t ggml_backend_rpc_add_server(const char * endpoint), from ggml-rpc.h.
            MethodHandle addServer = Linker.nativeLinker().downcallHandle(address,
                    FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
            MemorySegment reg;
            try {
                reg = (MemorySegment) addServer.invokeExact(arena.allocateFrom(server.endpoint()));
            } catch (Throwable t) {
                throw new LlamaException("adding RPC server " + server + " failed: " + t, t);
            }
            if (reg.equals(MemorySegment.NULL)) {
                throw new LlamaException("RPC server " + server + " offers no devices");
            }
            ggml_backend_register(reg);
            List<MemorySegment> devices = new ArrayList<>();
            for (long i = 0; i < ggml_backend_reg_dev_count(reg); i++) {
                devices.add(ggml_backend_reg_dev_get(reg, i));
            }
            registered.put(server, List.copyOf(devices));
            return devices;
        }
    }

    /**
     * The local GPUs, or the integrated ones when there is no discrete one: llama.cpp's default selection without its
     * RPC devices (and without its merging of one GPU seen through two backends, which this build does not have).
     */
    private static List<MemorySegment> localAccelerators() {
        List<MemorySegment> gpus = new ArrayList<>();
        List<MemorySegment> integrated = new ArrayList<>();
        for (long i = 0; i < ggml_backend_dev_count(); i++) {
            MemorySegment dev = ggml_backend_dev_get(i);
            if (Backend.cString(ggml_backend_reg_name(ggml_backend_dev_backend_reg(dev))).equals("RPC")) {
                continue; // every RPC device belongs to the registry named RPC, whichever server it is on
            }
            int type = ggml_backend_dev_type(dev);
            if (type == GGML_BACKEND_DEVICE_TYPE_GPU()) {
                gpus.add(dev);
            } else if (type == GGML_BACKEND_DEVICE_TYPE_IGPU()) {
                integrated.add(dev);
            }
        }
        return gpus.isEmpty() ? integrated : gpus;
    }
}
