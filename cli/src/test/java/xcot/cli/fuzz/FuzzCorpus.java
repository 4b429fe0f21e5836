package xcot.cli.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xcot.modelcheck.CheckResult;
import xcot.modelcheck.ModelCheck;

/**
 * Runs model files through a {@link FuzzWorker} and judges what happened. An abort in {@code inspect} or
 * {@code generate}, a hang, a failure that is not exactly one line naming the file, or commands that disagree are
 * problems. An abort during {@code check} is what the isolated check exists for: the worker probes in-process, so
 * the same file is then checked for real, in a child of this JVM, which must report it as a one-line failure.
 */
final class FuzzCorpus implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final WorkerProcess worker;
    private final ModelCheck isolated;
    final Map<String, Integer> outcomes = new TreeMap<>();
    final List<String> problems = new ArrayList<>();
    final List<String> contained = new ArrayList<>();

    FuzzCorpus(Path workDir) throws IOException {
        worker = new WorkerProcess(workDir);
        isolated = new ModelCheck(Files.createDirectories(workDir.resolve("isolated-check-cache")), false, TIMEOUT);
    }

    int workerStarts() {
        return worker.starts();
    }

    /** Runs {@code file}; returns whether it crashed the worker (a file worth keeping). */
    boolean judge(Path file, String description) throws IOException, InterruptedException {
        WorkerProcess.Outcome o = worker.run(file, TIMEOUT);
        if (o.crashed() && o.phase().equals("check")) {
            CheckResult r = isolated.check(file, false);
            count("crash contained by the isolated check");
            contained.add(description + " -> " + r.reason());
            if (r.passed() || r.reason().contains("\n")) {
                problems.add("the isolated check did not report the crash: " + description);
            }
            return true;
        }
        if (o.crashed() || o.hung()) {
            count(o.crashed() ? "ABORT" : "HANG");
            problems.add((o.crashed() ? "abort in " : "hang in ") + o.phase() + ": " + description + " -> "
                    + o.crash());
            return true;
        }
        count(classify(o));
        String problem = problem(file, o);
        if (problem != null) {
            problems.add(problem + ": " + description);
        }
        return false;
    }

    int count(String outcome) {
        return outcomes.merge(outcome, 1, Integer::sum);
    }

    /** Every failure is exactly one line naming the file; the three commands agree on whether the file loads. */
    static String problem(Path file, WorkerProcess.Outcome o) {
        for (String command : FuzzWorker.COMMANDS) {
            WorkerProcess.CommandResult r = o.results().get(command);
            if (r == null) {
                return command + " gave no result";
            }
            if (r.exit() != 0 && r.exit() != 1) {
                return command + " exited with " + r.exit();
            }
            if (r.exit() == 1 && (r.errLines().size() != 1 || !r.errLines().getFirst().startsWith("xcot: ")
                    || !r.errLines().getFirst().contains(file.getFileName().toString()))) {
                return command + " failed with " + r.errLines().size() + " lines: " + r.errLines();
            }
        }
        WorkerProcess.CommandResult inspect = o.results().get("inspect");
        int check = o.results().get("check").exit();
        int generate = o.results().get("generate").exit();
        boolean notLoadable = inspect.exit() == 1
                && inspect.errLines().getFirst().contains("not loadable by llama.cpp");
        if (notLoadable && (check == 0 || generate == 0)) {
            return "inspect said the file is not loadable but check or generate accepted it";
        }
        if (check == 0 && generate != 0) {
            return "the check passed but generate failed: " + o.results().get("generate").errLines();
        }
        if (check == 1 && generate == 0) {
            return "the check failed but generate ran";
        }
        return null;
    }

    private static String classify(WorkerProcess.Outcome o) {
        WorkerProcess.CommandResult check = o.results().get("check");
        if (check.exit() == 0) {
            return "generated";
        }
        String line = check.errLines().getFirst();
        if (line.contains("not loadable by llama.cpp")) {
            return "refused by rules";
        }
        if (line.contains("llama.cpp could not load")) {
            return "refused by llama.cpp";
        }
        if (line.contains("non-finite logit")) {
            return "non-finite logits";
        }
        return "refused by reader";
    }

    @Override
    public void close() throws InterruptedException {
        worker.close();
    }
}
