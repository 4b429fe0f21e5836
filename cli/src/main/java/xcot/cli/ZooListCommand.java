package xcot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import xcot.zoo.CommittedZoo;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooModel;

/** {@code xcot zoo list}: the committed models, their configuration and where their extracted files are. */
@Command(name = "list", description = "List the committed zoo: name, styles, shape, seed, steps and file.")
final class ZooListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ZooConfig zoo = ZooConfig.committed();
        for (ZooModel m : zoo.models()) {
            String shape = m.embeddingLength() + "x" + m.layers() + " h" + m.heads();
            out.printf("%-8s %-18s %-10s seed %-3d %,6d steps  %s%n", m.name(), m.styleNames(), shape, m.seed(),
                    m.steps(zoo.recipe()), CommittedZoo.path(m.name()));
        }
        out.flush();
        return 0;
    }
}
