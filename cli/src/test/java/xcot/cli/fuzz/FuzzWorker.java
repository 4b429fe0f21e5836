package xcot.cli.fuzz;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine;
import xcot.cli.Main;
import xcot.modelcheck.ModelCheck;

/**
 * The fuzz corpus's child JVM: for each model path on stdin it runs {@code xcot models inspect}, {@code xcot models
 * check} and {@code xcot generate} in-process, exactly as the CLI does, and answers with each command's exit code and
 * stderr lines. The check probes in this process ({@link ModelCheck#IN_PROCESS_PROPERTY}), since this process is
 * the disposable child: when llama.cpp aborts, it dies, and the parent sees which input did it and starts another.
 *
 * <p>Protocol on stdout: {@code @@fuzz begin}, then per command {@code @@fuzz result <command> <exit> <lines>}
 * followed by its stderr lines, each as {@code @@fuzz err <line>}, then {@code @@fuzz done}.
 */
public final class FuzzWorker {
    static final String PREFIX = "@@fuzz ";
    static final List<String> COMMANDS = List.of("inspect", "check", "generate");

    private FuzzWorker() {}

    public static void main(String[] args) throws Exception {
        System.setProperty(ModelCheck.IN_PROCESS_PROPERTY, "true");
        PrintStream protocol = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String path; (path = in.readLine()) != null; ) {
            protocol.println(PREFIX + "begin");
            for (String command : COMMANDS) {
                String[] argv = switch (command) {
                    case "inspect" -> new String[] {"models", "inspect", path};
                    case "check" -> new String[] {"models", "check", path};
                    default -> new String[] {"generate", "--model", path, "--prompt", "1+2+3=\u00e9",
                            "--max-tokens", "4", "--context", "128", "--threads", "1", "--gpu-layers", "0"};
                };
                CommandLine cli = Main.newCommandLine();
                StringWriter err = new StringWriter();
                cli.setOut(new PrintWriter(new StringWriter()));
                cli.setErr(new PrintWriter(err));
                int exit = cli.execute(argv);
                List<String> lines = err.toString().lines().toList();
                protocol.println(PREFIX + "result " + command + " " + exit + " " + lines.size());
                for (String line : lines) {
                    protocol.println(PREFIX + "err " + line);
                }
            }
            protocol.println(PREFIX + "done");
        }
    }
}
