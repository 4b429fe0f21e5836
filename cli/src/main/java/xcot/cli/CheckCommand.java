package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.modelcheck.CheckResult;
import xcot.modelcheck.ModelCheck;
import xcot.modelcheck.ModelCheckException;

/** {@code xcot models check FILE [--deep]}: load a model in a child process first, so a crash there is one line here. */
@Command(name = "check", mixinStandardHelpOptions = true, description = {
        "Check that llama.cpp can load and run a GGUF model: xcot's checks of the header and of what llama.cpp "
                + "asserts, then a load in a child process with a tiny context and one decode. A crash of the child "
                + "is reported, not suffered. The result is cached by the file's SHA-256 (in model-checks under "
                + "$XCOT_CACHE, else ~/.cache/xcot); generate checks an unchecked model itself."})
final class CheckCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "GGUF model file")
    private Path file;

    @Option(names = "--deep", description = "Also validate every tensor's data (NaN, infinities); reads the whole file.")
    private boolean deep;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        CheckResult r = ModelCheck.standard().check(file, deep);
        if (!r.passed()) {
            throw new ModelCheckException(file, r.reason());
        }
        out.printf(Locale.ROOT, "%s: passed: llama.cpp loaded it in a child process%s and decoded once "
                        + "(%.1f s, checked %s)%n", file, r.deep() ? ", validating every tensor's data," : "",
                r.millis() / 1000.0, r.checkedAt());
        out.flush();
        return 0;
    }
}
