package xcot.modelcheck;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The child process of {@link ModelCheck}: reads requests from stdin, one per line ({@code <0|1 deep> <path>}),
 * probes each model ({@link ModelProbe}) and answers on stdout with {@code @@check begin} before and
 * {@code @@check ok <millis>} or {@code @@check failed <millis> <reason>} after it. If llama.cpp aborts, the process
 * dies between the two lines and the parent knows which file did it. Ends when stdin closes.
 */
public final class ModelCheckChild {
    static final String PREFIX = "@@check ";

    private ModelCheckChild() {}

    public static void main(String[] args) throws Exception {
        // The protocol owns stdout; anything else that prints goes to stderr (llama.cpp logs through SLF4J there).
        PrintStream protocol = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.length() < 3) {
                continue;
            }
            boolean deep = line.charAt(0) == '1';
            Path path = Path.of(line.substring(2));
            protocol.println(PREFIX + "begin");
            long start = System.nanoTime();
            String failure = null;
            try {
                ModelProbe.probe(path, deep);
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                failure = reason(path, e);
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            protocol.println(PREFIX + (failure == null ? "ok " + millis : "failed " + millis + " " + failure));
        }
    }

    /** The exception's message as one line, without the leading file name that the parent adds again. */
    static String reason(Path path, Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof OutOfMemoryError) {
            message = "ran out of Java heap while checking (" + message + ")";
        }
        String first = message.lines().findFirst().orElse(message);
        String prefix = path + ": ";
        return first.startsWith(prefix) ? first.substring(prefix.length()) : first;
    }
}
