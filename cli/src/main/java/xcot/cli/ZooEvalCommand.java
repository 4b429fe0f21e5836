package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.tasks.toy.ToySplit;
import xcot.zoo.CommittedZoo;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooEvaluation;
import xcot.zoo.ZooEvaluator;
import xcot.zoo.ZooModel;
import xcot.zoo.ZooTables;

/** {@code xcot zoo eval}: accuracy, well-formedness, agreement and the follow/switch matrix of the zoo. */
@Command(name = "eval", description = "Evaluate the zoo on the 123 held-out problems: accuracy, well-formedness,"
        + " pairwise answer agreement, the follow/switch matrix and the corrupted-chain conditions.")
final class ZooEvalCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", description = "Evaluate NAME.gguf files in this directory (default: the committed zoo).")
    private Path dir;

    @Option(names = "--model", description = "Only these models (repeatable; default: all of zoo.yaml).")
    private List<String> models;

    @Option(names = "--threads", defaultValue = "1", description = "CPU threads per model (default ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--no-corruptions", description = "Skip the corrupted-chain conditions.")
    private boolean noCorruptions;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZooConfig zoo = ZooConfig.committed();
        List<String> names = models != null ? models : zoo.models().stream().map(ZooModel::name).toList();
        List<ZooEvaluator.NamedModel> files = names.stream().map(name -> {
            Path file = dir == null ? CommittedZoo.path(zoo.require(name).name()) : dir.resolve(name + ".gguf");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no model file " + file);
            }
            return new ZooEvaluator.NamedModel(name, file);
        }).toList();
        long start = System.nanoTime();
        ZooEvaluation e = ZooEvaluator.run(files, ToySplit.heldOut(), threads, !noCorruptions, line -> {
            err.println("xcot: " + line);
            err.flush();
        });
        out.print(ZooTables.render(e));
        out.flush();
        err.printf("xcot: evaluated %d model(s) in %.1f s%n", files.size(), (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }
}
