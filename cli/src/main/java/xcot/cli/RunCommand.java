package xcot.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xcot.llm.ContextOptions;
import xcot.reference.Quirks;
import xcot.runs.RunOptions;
import xcot.runs.Runner;
import xcot.runs.config.ConfigReader;
import xcot.runs.config.RunConfig;

/** {@code xcot run CONFIG}: runs an experiment described by a YAML config, resumably. */
@Command(name = "run", mixinStandardHelpOptions = true, description = {
        "Run the experiment a YAML config describes: own CoTs (Empty, Default, Sampled), transfers between every "
                + "pair of models, the without-answer variants, ensembles; then print the summary table.",
        "Every generation is stored in the run folder's SQLite store as it finishes: an interrupted run resumes "
                + "where it stopped, and a finished run reruns from the store."})
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONFIG", description = "the run config (YAML)")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "run folder (default: xcot-runs/<name>)")
    private Path out;

    @Option(names = "--reference-compat", description = "turn on every reference quirk (PAPER-SPEC §12) to "
            + "reproduce the reference implementation's texts and numbers")
    private boolean referenceCompat;

    @Option(names = "--parallel", paramLabel = "N", description = "sequences each model decodes together in one "
            + "batch (1 to 256), overriding the config's 'parallel' (default: as many as fit, up to 16)")
    private Integer parallel;

    @Override
    public Integer call() {
        RunConfig c = ConfigReader.read(config);
        if (referenceCompat) {
            c = c.withFlags(Quirks.referenceCompat());
        }
        if (parallel != null) {
            if (parallel < 1 || parallel > ContextOptions.MAX_SEQUENCES) {
                throw new ParameterException(spec.commandLine(), "--parallel must be in [1, "
                        + ContextOptions.MAX_SEQUENCES + "], not " + parallel);
            }
            c = c.withParallel(parallel);
        }
        Path dir = out != null ? out : RunReport.defaultRunDir(c.name());
        var result = Runner.run(c, dir, RunOptions.defaults(spec.commandLine().getErr(), RunReport.stderrIsTerminal()));
        RunReport.print(result, spec.commandLine().getOut());
        return 0;
    }
}
