package xcot.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.io.Utf8Lines;
import xcot.runs.RunOptions;
import xcot.runs.Runner;
import xcot.runs.config.ConfigReader;
import xcot.runs.config.RunConfig;

/**
 * {@code xcot demo}: {@code xcot run} on the configs embedded in the jar ({@code xcot/cli/demo-*.yaml}), each in its
 * own folder under the demo folder: the toy zoo first (trained models, real effects), then the MedCalc slice on
 * random-weight models (the real benchmark's machinery).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = {
        "Run the embedded demo experiment and print its tables: first the whole experiment on the toy reasoning "
                + "models xcot trained and ships (real effects from real, tiny models), then a short MedCalc slice on "
                + "tiny RANDOM-WEIGHT models (their answers are noise; the run shows the machinery end to end).",
        "Running it again reuses the store and finishes in seconds."})
final class DemoCommand implements Callable<Integer> {
    /** One embedded config and what to say before it runs. */
    record Part(String resource, String preface) {}

    static final List<Part> PARTS = List.of(new Part("/xcot/cli/demo-toy.yaml", """
            The toy zoo: five tiny llama-architecture reasoning models (0.15-0.72 M parameters) that xcot trained from
            scratch through llama.cpp's training API (xcot zoo train) and ships in its jar. They solve a+b+c= with a
            two-step chain of thought, <think> 6+1=7 7+9=16 </think> 16, each in its own style: plain-a (plain),
            swap-b (operands swapped), words-c (words only: it cannot read the others' chains, the negative control),
            mix-d (all three) and weak-e (under-trained on purpose, mostly wrong). The items are the 123 held-out
            problems, which no model saw in training. What to expect: without a chain (empty) few answers are right;
            an inserted chain (transfer) makes the models that can read it agree, and their accuracy follows the
            chain's source: from weak-e they become consistent but wrong, and so they do under the deliberately wrong
            (corrupted) chains."""),
            new Part("/xcot/cli/demo-medcalc.yaml", """
            MedCalc slice: 5 items of the paper's subset on 3 tiny models with RANDOM weights (seeded qwen3 fixtures
            with the real Qwen3 tokenizer and chat template). A grammar forces them into the shape
            <think>...</think> {"answer": "N"} so that answers parse and are judged like real ones. The weights are
            random: every number below is noise, not a finding. What is real is the machinery: prompts, conditions,
            transfers, the sentence-level ensemble, answer removal, the store, the exports and the metrics."""));

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "demo folder (default: xcot-runs/demo)")
    private Path out;

    @Option(names = "--dry-run", description = "print each part's plan and estimate, run nothing")
    private boolean dryRun;

    @Option(names = "--force", description = "replace a part's folder that holds a run of another config")
    private boolean force;

    @Option(names = "--verbose", description = "llama.cpp's log on stderr too (it always goes to each run.log)")
    private boolean verbose;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Path dir = out != null ? out : RunReport.defaultRunDir("demo");
        for (Part part : PARTS) {
            String yaml = new String(Utf8Lines.readResource(part.resource()), StandardCharsets.UTF_8);
            String name = part.resource().replaceFirst(".*/", "").replaceFirst("\\.yaml$", "");
            RunConfig config = ConfigReader.parse(yaml, part.resource() + " (embedded)", Path.of("."), name);
            stdout.println("== " + config.name());
            RunOptions options = RunOptions.defaults(spec.commandLine().getErr(), RunReport.stderrIsTerminal())
                    .withSwitches(force, verbose, false);
            if (dryRun) {
                RunCommand.printPlan(config, dir.resolve(config.name()), options, stdout);
                stdout.println();
                continue;
            }
            stdout.println(part.preface());
            stdout.println();
            stdout.flush();
            RunReport.print(Runner.run(config, dir.resolve(config.name()), options), stdout);
            stdout.println();
        }
        stdout.flush();
        return 0;
    }
}
