package xcot.cli.fuzz;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The parent's handle on a {@link FuzzWorker}: sends one input at a time and reads the three commands' results; when
 * the worker dies (an abort) or does not answer in time (a hang), it says so, and the next input gets a new worker.
 */
final class WorkerProcess implements AutoCloseable {
    record CommandResult(int exit, List<String> errLines) {}

    /** What one input did: the commands' results, or how the worker ended. */
    record Outcome(Map<String, CommandResult> results, boolean crashed, boolean hung, String crash) {
        /** The command the worker was running when it died or stopped answering. */
        String phase() {
            return FuzzWorker.COMMANDS.stream().filter(c -> !results.containsKey(c)).findFirst().orElse("after");
        }
    }

    private static final String EOF = "\u0000eof";

    private final Path cacheDir;
    private final Path stderr;
    private Process process;
    private Writer requests;
    private BlockingQueue<String> lines;
    private int starts;

    WorkerProcess(Path workDir) throws IOException {
        this.cacheDir = Files.createDirectories(workDir.resolve("cache"));
        this.stderr = workDir.resolve("worker-stderr.log");
    }

    int starts() {
        return starts;
    }

    Outcome run(Path input, Duration timeout) throws IOException, InterruptedException {
        if (process == null) {
            start();
        }
        requests.write(input + "\n");
        requests.flush();
        Map<String, CommandResult> results = new LinkedHashMap<>();
        String command = null;
        int exit = 0;
        List<String> err = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if ((line == null || line.equals(EOF)) && command != null) {
                results.put(command, new CommandResult(exit, List.copyOf(err)));
            }
            if (line == null) {
                stop();
                return new Outcome(results, false, true, "no answer within " + timeout.toSeconds() + " s");
            }
            if (line.equals(EOF)) {
                int status = process.waitFor();
                String tail = tail();
                process = null;
                return new Outcome(results, true, false, "worker exit " + status + ": " + tail);
            }
            if (!line.startsWith(FuzzWorker.PREFIX)) {
                continue; // native code writing to stdout
            }
            String rest = line.substring(FuzzWorker.PREFIX.length());
            if (rest.startsWith("result ")) {
                if (command != null) {
                    results.put(command, new CommandResult(exit, List.copyOf(err)));
                }
                String[] f = rest.split(" ");
                command = f[1];
                exit = Integer.parseInt(f[2]);
                err.clear();
            } else if (rest.startsWith("err ")) {
                err.add(rest.substring(4));
            } else if (rest.equals("done")) {
                if (command != null) {
                    results.put(command, new CommandResult(exit, List.copyOf(err)));
                }
                return new Outcome(results, false, false, "");
            }
        }
    }

    private void start() throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xss4m", "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-CreateCoredumpOnCrash",
                "-XX:ErrorFile=" + cacheDir.getParent().resolve("hs_err_pid%p.log"),
                "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                "-cp", System.getProperty("java.class.path"), FuzzWorker.class.getName()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
        builder.environment().put("XCOT_CACHE", cacheDir.toString());
        builder.environment().put("GGML_NO_BACKTRACE", "1");
        process = builder.start();
        starts++;
        requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        lines = queue;
        Process p = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    queue.add(line);
                }
            } catch (IOException e) {
                // the worker died: EOF below
            }
            queue.add(EOF);
        }, "fuzz-worker-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** The last line of the worker's stderr that says what went wrong. */
    private String tail() {
        try {
            List<String> all = Files.readAllLines(stderr, StandardCharsets.ISO_8859_1);
            for (int i = all.size() - 1; i >= 0; i--) {
                String l = all.get(i);
                if (l.contains("GGML_ASSERT") || l.contains("GGML_ABORT") || l.contains("terminate called")
                        || l.contains("what():") || l.contains("SIG") || l.contains("fatal error")) {
                    return l.strip();
                }
            }
            return all.isEmpty() ? "(no stderr)" : all.getLast().strip();
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    private void stop() throws InterruptedException {
        if (process != null) {
            process.destroyForcibly().waitFor();
            process = null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            try {
                requests.close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                stop();
            }
            process = null;
        }
    }
}
