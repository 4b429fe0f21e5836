package xcot.io;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Gives the process its real stderr back from the launcher. The JVM announces the incubating Vector API module on
 * stderr while it boots ("WARNING: Using incubator modules: jdk.incubator.vector"), before any Java code runs and
 * with no option to silence it. So {@code ./xcot} starts the JVM with stderr on a pipe into a filter that drops that
 * line, passes the real stderr as another descriptor and names it in {@value #ENV}; the first thing {@code main}
 * does is {@code dup2} it back onto descriptor 2. From then on Java and native code (llama.cpp) write to the real
 * stderr directly, in order, and the filter ends, having seen only the boot output.
 */
public final class LauncherStderr {
    /** The environment variable in which the launcher names the descriptor of the real stderr. */
    public static final String ENV = "XCOT_STDERR_FD";
    private static final int STDERR = 2;

    private LauncherStderr() {}

    /** Puts the descriptor the launcher named back on stderr; does nothing when started otherwise. */
    public static void restore() {
        String named = System.getenv(ENV);
        if (named == null || !named.matches("[3-9]")) {
            return;
        }
        int fd = Integer.parseInt(named);
        Linker linker = Linker.nativeLinker();
        FunctionDescriptor intOfInts = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT);
        try {
            MethodHandle dup2 = linker.downcallHandle(linker.defaultLookup().find("dup2").orElseThrow(), intOfInts);
            MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            System.err.flush();
            if ((int) dup2.invokeExact(fd, STDERR) == STDERR) {
                int ignored = (int) close.invokeExact(fd);
            }
        } catch (Throwable e) {
            // Without the handover stderr still works, through the launcher's filter: nothing is lost.
        }
    }
}
