package xcot.runs.folder;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import xcot.llm.Backend;
import xcot.runs.export.RunFiles;

/**
 * A run's {@code run.log}: llama.cpp's log above debug level (model loads, context set-up, its warnings) while the run
 * is open, each line
 * with its time, appended across invocations. On stderr too only when {@code verbose}, so that by default the progress
 * line is the only thing a run draws there. Lines logged before the folder is ready (while the run checks its config)
 * are held and written first. Lines come from whichever thread called llama.cpp.
 */
public final class RunLog implements AutoCloseable, Backend.LogSink {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private final Optional<PrintWriter> echo;
    private final Backend.LogRoute route;
    private final List<String> held = new ArrayList<>();
    private BufferedWriter out;

    private RunLog(Optional<PrintWriter> echo) {
        this.echo = echo;
        this.route = Backend.routeLog(this);
    }

    /** Routes llama.cpp's log here (held in memory until {@link #writeTo}). */
    public static RunLog start(PrintWriter err, boolean verbose) {
        RunLog log = new RunLog(verbose ? Optional.of(err) : Optional.empty());
        log.note("xcot run started (pid " + ProcessHandle.current().pid() + ")");
        return log;
    }

    /** From now on the log goes to {@code run.log} in {@code dir} (appended), the held lines first. */
    public synchronized void writeTo(Path dir) {
        Path file = dir.resolve(RunFiles.LOG);
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            for (String line : held) {
                out.write(line);
            }
            out.flush();
            held.clear();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot open: " + e.getMessage(), e);
        }
    }

    /** A line of xcot's own. */
    public void note(String text) {
        line("xcot", text);
    }

    @Override
    public synchronized void line(String level, String text) {
        if (level.equals("debug")) {
            return;
        }
        String line = LocalTime.now().format(TIME) + " " + level + " " + text + "\n";
        if (out == null) {
            held.add(line);
        } else {
            try {
                out.write(line);
                out.flush();
            } catch (IOException e) {
                // A full disk must not end a run whose results are in the cache; the log is a diagnostic.
            }
        }
        if (!level.equals("xcot")) {
            echo.ifPresent(err -> {
                err.println("llama.cpp: " + text);
                err.flush();
            });
        }
    }

    @Override
    public synchronized void close() {
        route.close();
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close run.log: " + e.getMessage(), e);
            }
        }
    }
}
