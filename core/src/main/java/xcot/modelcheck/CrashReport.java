package xcot.modelcheck;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Says in one line why a check process died, from its exit status and the end of its stderr. */
final class CrashReport {
    /** ggml's {@code GGML_ASSERT}/{@code GGML_ABORT} line: {@code /path/src/file.cpp:123: message}. */
    private static final Pattern GGML = Pattern.compile("^(?:.*/)?(src/[^:]+\\.(?:c|cpp|h)):(\\d+): (.+)$");
    private static final Pattern JVM_SIGNAL = Pattern.compile("^#\\s+(SIG[A-Z]+) \\(0x[0-9a-f]+\\).*");
    /** The JVM error file's frame line: {@code # C  [libggml-cpu.so.0.23.0+0x174b1]  ggml_compute_forward_mul_mat+0xc31}. */
    private static final Pattern JVM_FRAME = Pattern.compile("^#\\s+C\\s+\\[([^\\]+.]+)[^\\]]*\\]\\s+([^+(\\s]+).*");

    private CrashReport() {}

    /**
     * @param stderrTail the end of the child's stderr (ggml's assertion lines, C++'s terminate message)
     * @param jvmErrorFile the JVM's fatal error report ({@code hs_err_pid*.log}) when the JVM caught a signal in native
     *                     code (it then exits with 1, and prints its banner to stdout, which the protocol ignores)
     */
    static String describe(int exitStatus, List<String> stderrTail, List<String> jvmErrorFile) {
        java.util.Optional<String> jvmCrash = jvmCrash(jvmErrorFile);
        String how = switch (exitStatus) {
            case 134 -> "aborted (SIGABRT, exit 134)";
            case 136 -> "died of SIGFPE (exit 136)";
            case 137 -> "was killed (SIGKILL, exit 137; out of memory?)";
            case 139 -> "died of SIGSEGV (exit 139)";
            default -> exitStatus > 128 ? "died of signal " + (exitStatus - 128) + " (exit " + exitStatus + ")"
                    : jvmCrash.isPresent() ? "crashed in native code (exit " + exitStatus + ")"
                    : "exited with status " + exitStatus + " without answering";
        };
        java.util.Optional<String> cause = cause(stderrTail).or(() -> jvmCrash);
        return "the check process " + how + " while llama.cpp read the model" + cause.map(c -> ": " + c).orElse("");
    }

    private static java.util.Optional<String> jvmCrash(List<String> lines) {
        String signal = null;
        String frame = null;
        for (String line : lines) {
            Matcher s = JVM_SIGNAL.matcher(line);
            if (signal == null && s.matches()) {
                signal = s.group(1);
            }
            Matcher f = JVM_FRAME.matcher(line);
            if (frame == null && f.matches()) {
                frame = f.group(2) + " in " + f.group(1);
            }
        }
        if (signal == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(signal + (frame == null ? " in native code" : " in " + frame));
    }

    private static java.util.Optional<String> cause(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            Matcher m = GGML.matcher(line);
            if (m.matches() && (line.contains("GGML_ASSERT") || line.contains("GGML_ABORT")
                    || line.contains("fatal error") || line.contains("failed"))) {
                return java.util.Optional.of(m.group(3) + " at " + m.group(1) + ":" + m.group(2));
            }
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("terminate called")) {
                String what = i + 1 < lines.size() && lines.get(i + 1).strip().startsWith("what():")
                        ? " (" + lines.get(i + 1).strip() + ")" : "";
                return java.util.Optional.of(line + what);
            }
            Matcher m = JVM_SIGNAL.matcher(line);
            if (m.matches()) {
                return java.util.Optional.of(m.group(1) + " in native code");
            }
        }
        return java.util.Optional.empty();
    }
}
