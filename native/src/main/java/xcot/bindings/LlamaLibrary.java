package xcot.bindings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds and loads the llama.cpp shared libraries, once per JVM.
 *
 * <p>Where the libraries come from, first match wins:
 * <ol>
 *   <li>the system property {@value #LIB_DIR_PROPERTY};</li>
 *   <li>the environment variable {@value #LIB_DIR_ENV};</li>
 *   <li>{@code xcot/bindings/llama-build.properties} on the class path, written by the Maven build from
 *       {@code native/build-llama.sh} (the pinned, cached build).</li>
 * </ol>
 * The libraries are loaded with {@link System#load} in dependency order, so their DT_NEEDED entries resolve by
 * soname to the copies already loaded, whatever RPATH the build left in them. Generated bindings look symbols up
 * through {@link #lookup()}.
 */
public final class LlamaLibrary {
    public static final String LIB_DIR_PROPERTY = "xcot.llama.libDir";
    public static final String LIB_DIR_ENV = "XCOT_LLAMA_LIB_DIR";
    private static final String BUILD_PROPERTIES = "/xcot/bindings/llama-build.properties";

    /** ggml's base first, then its backends, then ggml itself, then llama: each depends only on earlier ones. */
    private static final List<String> LOAD_ORDER_PREFIXES =
            List.of("libggml-base.so", "libggml-cpu.so", "libggml-cuda.so", "libggml-rpc.so", "libggml.so",
                    "libllama.so");
    /** llama.cpp's RPC server, which native/build-llama.sh installs beside the libraries. */
    private static final String RPC_SERVER = "ggml-rpc-server";

    private static volatile Path loadedFrom;
    private static volatile Path libraryDir;

    private LlamaLibrary() {}

    /** The symbol lookup over the loaded libraries; loads them on first use. */
    public static SymbolLookup lookup() {
        ensureLoaded();
        return SymbolLookup.loaderLookup().or(Linker.nativeLinker().defaultLookup());
    }

    /** The directory the libraries were loaded from; loads them on first use. */
    public static Path directory() {
        ensureLoaded();
        return loadedFrom;
    }

    /** llama.cpp's RPC server ({@value #RPC_SERVER}) beside the loaded libraries, if the build has one. */
    public static Optional<Path> rpcServer() {
        ensureLoaded();
        Path server = libraryDir.resolve(RPC_SERVER);
        return Files.isExecutable(server) ? Optional.of(server) : Optional.empty();
    }

    /** Properties of the build in {@link #directory()} (commit, variant, key), or empty if it has none. */
    public static Properties buildInfo() {
        Properties info = new Properties();
        Path file = directory().resolve("build.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                info.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
        }
        return info;
    }

    private static synchronized void ensureLoaded() {
        if (loadedFrom != null) {
            return;
        }
        Path dir = resolveDirectory();
        Path libDir = Files.isDirectory(dir.resolve("lib")) ? dir.resolve("lib") : dir;
        if (!Files.isRegularFile(libDir.resolve("libllama.so"))) {
            throw new LlamaLibraryException("no libllama.so in " + libDir
                    + " (build it with native/build-llama.sh or point " + LIB_DIR_ENV + " at a llama.cpp build)");
        }
        for (String prefix : LOAD_ORDER_PREFIXES) {
            Path lib = libDir.resolve(prefix);
            if (Files.isRegularFile(lib)) {
                System.load(lib.toAbsolutePath().toString());
            }
        }
        libraryDir = libDir;
        loadedFrom = dir;
    }

    private static Path resolveDirectory() {
        String fromProperty = System.getProperty(LIB_DIR_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Path.of(fromProperty);
        }
        String fromEnv = System.getenv(LIB_DIR_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        try (InputStream in = LlamaLibrary.class.getResourceAsStream(BUILD_PROPERTIES)) {
            if (in == null) {
                throw new LlamaLibraryException("llama.cpp location unknown: set -D" + LIB_DIR_PROPERTY + " or "
                        + LIB_DIR_ENV + ", or build the project with Maven so that " + BUILD_PROPERTIES + " exists");
            }
            Properties p = new Properties();
            p.load(in);
            return Path.of(p.getProperty("libDir"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + BUILD_PROPERTIES, e);
        }
    }

    /** The libraries cannot be found or loaded. */
    public static final class LlamaLibraryException extends RuntimeException {
        public LlamaLibraryException(String message) {
            super(message);
        }
    }
}
