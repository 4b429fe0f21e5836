package xcot.llm;

import static xcot.bindings.llama_h.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import xcot.bindings.LlamaLibrary;
import xcot.bindings.ggml_abort_callback_t;
import xcot.bindings.ggml_log_callback;

/**
 * The process-wide llama.cpp backend: initialised once, on first use by any handle, with llama.cpp's log routed to
 * SLF4J (logger {@code llama.cpp}) instead of stderr, and ggml's aborts turned into one line and exit code
 * {@value #ABORT_EXIT_CODE}.
 */
public final class Backend {
    private static final Logger LLAMA_LOG = LoggerFactory.getLogger("llama.cpp");
    private static volatile boolean initialized;
    private static final StringBuilder pendingLine = new StringBuilder();
    private static int pendingLevel = GGML_LOG_LEVEL_INFO();
    /**
     * Error lines llama.cpp logs on this thread while a {@link LogCapture} is open. llama.cpp logs from the thread
     * that called it, so a failed call's reason lands in the capture of the thread that made the call.
     */
    private static final ThreadLocal<List<String>> capturedErrors = new ThreadLocal<>();

    /** Where llama.cpp's log lines go instead of SLF4J while a run routes them ({@link #routeLog}). */
    private static volatile LogSink sink;

    /** Receives llama.cpp's log, one whole line at a time, from whichever thread called llama.cpp. */
    public interface LogSink {
        /**
         * @param level {@code error}, {@code warn}, {@code info} or {@code debug} (llama.cpp's debug lines, and warnings
         *              that need no action)
         */
        void line(String level, String text);
    }

    /** Undoes a {@link #routeLog}. */
    public interface LogRoute extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Sends llama.cpp's log lines to {@code target} instead of SLF4J (a run writes them to its {@code run.log}, so they
     * never interleave with the progress line) until the returned route is closed. Routes do not nest across threads:
     * the last one installed receives every line.
     */
    public static LogRoute routeLog(LogSink target) {
        LogSink previous = sink;
        sink = target;
        return () -> sink = previous;
    }

    /** The exit code of a process that llama.cpp aborted (see {@link #aborted}). */
    public static final int ABORT_EXIT_CODE = 70;

    private Backend() {}

    /** Initialises the backend once; every handle factory calls this first. Thread-safe. */
    public static void ensureInitialized() {
        if (initialized) {
            return;
        }
        synchronized (Backend.class) {
            if (initialized) {
                return;
            }
            // The stub must outlive every native caller, which is the whole process: hence the global arena.
            MemorySegment callback = ggml_log_callback.allocate(Backend::log, Arena.global());
            llama_log_set(callback, MemorySegment.NULL);
            ggml_set_abort_callback(ggml_abort_callback_t.allocate(Backend::aborted, Arena.global()));
            llama_backend_init();
            initialized = true;
        }
    }

    /**
     * The llama.cpp commit of the loaded libraries (from the build's properties), without initialising the backend;
     * "unknown" for a build that does not record it.
     */
    public static String buildCommit() {
        return LlamaLibrary.buildInfo().getProperty("commit", "unknown");
    }

    /** The cache key of the loaded llama.cpp build (commit, variant, CPU flags, recipe); "unknown" if not recorded. */
    public static String buildKey() {
        return LlamaLibrary.buildInfo().getProperty("key", "unknown");
    }

    /** What this process runs on: llama.cpp build, compiled backends, devices, CPU features. */
    public static BackendInfo info() {
        ensureInitialized();
        Properties build = LlamaLibrary.buildInfo();
        List<BackendInfo.Device> devices = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment free = arena.allocate(ValueLayout.JAVA_LONG);
            MemorySegment total = arena.allocate(ValueLayout.JAVA_LONG);
            for (long i = 0; i < ggml_backend_dev_count(); i++) {
                MemorySegment dev = ggml_backend_dev_get(i);
                ggml_backend_dev_memory(dev, free, total);
                devices.add(new BackendInfo.Device(
                        cString(ggml_backend_dev_name(dev)),
                        cString(ggml_backend_dev_description(dev)),
                        deviceType(ggml_backend_dev_type(dev)),
                        free.get(ValueLayout.JAVA_LONG, 0),
                        total.get(ValueLayout.JAVA_LONG, 0)));
            }
        }
        return new BackendInfo(
                build.getProperty("commit", "unknown"),
                build.getProperty("tag", "unknown"),
                build.getProperty("variant", "unknown"),
                build.getProperty("patches", "").trim(),
                LlamaLibrary.directory().toString(),
                cString(llama_print_system_info()),
                llama_supports_gpu_offload(),
                devices);
    }

    private static String deviceType(int type) {
        if (type == GGML_BACKEND_DEVICE_TYPE_CPU()) return "CPU";
        if (type == GGML_BACKEND_DEVICE_TYPE_GPU()) return "GPU";
        if (type == GGML_BACKEND_DEVICE_TYPE_IGPU()) return "iGPU";
        if (type == GGML_BACKEND_DEVICE_TYPE_ACCEL()) return "accelerator";
        return "type " + type;
    }

    /**
     * ggml's abort hook. After it returns ggml calls {@code abort()}, which nothing can stop, so it ends the process
     * itself: one line on stderr and exit code {@value #ABORT_EXIT_CODE}, instead of a native backtrace and SIGABRT.
     * Preconditions are checked in Java so that xcot's own calls never get here; what remains are failures llama.cpp
     * treats as fatal, foremost a lost RPC server ({@code RPC_STATUS_ASSERT}: "Remote RPC server crashed or returned
     * malformed response"). {@code halt} rather than {@code exit}: the aborting thread may be a native one, and
     * shutdown hooks could wait on locks the stuck threads hold; the stores survive a killed process by design.
     */
    private static void aborted(MemorySegment message) {
        String text = cString(message).strip();
        // ggml prefixes __FILE__, the build machine's absolute path: the file name and line are enough.
        String where = text.lines().findFirst().orElse("").replaceFirst("^\\S*/([^/\\s]+:\\d+: )", "$1");
        String hint = text.contains("RPC") ? " (an RPC server went away or failed)" : "";
        System.err.println("xcot: llama.cpp aborted: " + where + hint);
        System.err.flush();
        Runtime.getRuntime().halt(ABORT_EXIT_CODE);
    }

    /** Reads a NUL-terminated UTF-8 string that llama.cpp owns; NULL becomes "". */
    static String cString(MemorySegment pointer) {
        if (pointer == null || pointer.equals(MemorySegment.NULL)) {
            return "";
        }
        return pointer.reinterpret(Long.MAX_VALUE).getString(0);
    }

    /**
     * llama.cpp logs in fragments (a line may arrive in several calls, continued with level CONT); lines are
     * assembled before they reach SLF4J so each log event is one whole line.
     */
    private static void log(int level, MemorySegment text, MemorySegment userData) {
        String fragment = cString(text);
        synchronized (pendingLine) {
            if (level != GGML_LOG_LEVEL_CONT()) {
                pendingLevel = level;
            }
            pendingLine.append(fragment);
            int newline;
            while ((newline = pendingLine.indexOf("\n")) >= 0) {
                emit(pendingLevel, pendingLine.substring(0, newline));
                pendingLine.delete(0, newline + 1);
            }
        }
    }

    /**
     * Collects the error lines llama.cpp logs on the calling thread until {@link LogCapture#close}, so that a call
     * which fails with only a NULL can report llama.cpp's own reason. Captures do not nest.
     */
    static LogCapture captureErrors() {
        List<String> lines = new ArrayList<>();
        capturedErrors.set(lines);
        return new LogCapture(lines);
    }

    /** The error lines of one native call; see {@link #captureErrors}. */
    static final class LogCapture implements AutoCloseable {
        private final List<String> lines;

        private LogCapture(List<String> lines) {
            this.lines = lines;
        }

        List<String> lines() {
            return List.copyOf(lines);
        }

        @Override
        public void close() {
            capturedErrors.remove();
        }
    }

    private static void emit(int level, String line) {
        if (line.isBlank()) {
            return;
        }
        List<String> capture = capturedErrors.get();
        if (capture != null && level == GGML_LOG_LEVEL_ERROR()) {
            capture.add(line.strip());
        }
        LogSink routed = sink;
        boolean harmless = line.contains("control-looking token");
        if (routed != null) {
            routed.line(level == GGML_LOG_LEVEL_ERROR() ? "error" : level == GGML_LOG_LEVEL_WARN() && !harmless ? "warn"
                    : level == GGML_LOG_LEVEL_INFO() ? "info" : "debug", line);
            return;
        }
        if (harmless) {
            // Every Qwen-family GGUF triggers this for its fim/repo tokens, which the HF tokenizer marks non-special;
            // llama.cpp fixes the type itself and there is nothing for the user to do.
            LLAMA_LOG.debug(line);
            return;
        }
        if (level == GGML_LOG_LEVEL_ERROR()) {
            LLAMA_LOG.error(line);
        } else if (level == GGML_LOG_LEVEL_WARN()) {
            LLAMA_LOG.warn(line);
        } else if (level == GGML_LOG_LEVEL_INFO()) {
            LLAMA_LOG.debug(line); // llama.cpp's INFO is chatty (per-tensor load lines): debug for us
        } else {
            LLAMA_LOG.trace(line);
        }
    }
}
