package xcot.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.reference.Quirks;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.ItemSelection;
import xcot.tasks.catalog.BenchmarkCatalog;

/** {@code xcot items list --benchmark B [--subset S]}: the item ids a run config can name, one per line. */
@Command(name = "list", description = "Print the ids of a benchmark's items, one per line, in run order (the ids a "
        + "run config's benchmark.items takes), then their count on stderr.")
final class ItemsListCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--benchmark", required = true, paramLabel = "B", description = "medcalc, induction or toy")
    private String benchmark;

    @Option(names = "--subset", paramLabel = "S", description = "medcalc: paper (default) or all; induction: paper; "
            + "toy: held-out (default) or all")
    private String subset;

    @Override
    public Integer call() {
        BenchmarkCatalog catalog = BenchmarkCatalog.byId(benchmark).orElseThrow(() -> new IllegalArgumentException(
                "--benchmark must be " + BenchmarkCatalog.names() + ", not '" + benchmark + "'"));
        String chosen = subset != null ? subset : catalog.defaultSubset();
        Benchmark b = catalog.create(ItemSelection.of(chosen), BenchmarkCatalog.Scoring.of(Quirks.fixed()));
        PrintWriter out = spec.commandLine().getOut();
        for (BenchmarkItem item : b.items()) {
            out.println(item.id());
        }
        out.flush();
        spec.commandLine().getErr().println(b.items().size() + " " + catalog.id() + " items (subset " + chosen + ")");
        spec.commandLine().getErr().flush();
        return 0;
    }
}
