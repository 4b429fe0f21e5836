package xcot.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.gguf.GgmlType;
import xcot.llm.Backend;
import xcot.llm.BackendInfo;
import xcot.tasks.toy.ToySplit;
import xcot.zoo.ProgressBar;
import xcot.zoo.ToyTrainer;
import xcot.zoo.TrainingRecipe;
import xcot.zoo.TrainingReport;
import xcot.zoo.ZooConfig;
import xcot.zoo.ZooEvaluation;
import xcot.zoo.ZooEvaluator;
import xcot.zoo.ZooManifest;
import xcot.zoo.ZooModel;

/** {@code xcot zoo train}: trains zoo models from scratch and writes them with a MANIFEST. */
@Command(name = "train", description = "Train toy models from scratch (llama.cpp's optimizer) into --out, with a"
        + " MANIFEST of sha256s; on the same machine and thread count the files are byte-identical to the committed"
        + " zoo.")
final class ZooTrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    static final class Which {
        @Option(names = "--model", required = true, description = "Model to train (repeatable).")
        List<String> models;

        @Option(names = "--all", required = true, description = "Train every model of the zoo.")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Which which;

    @Option(names = "--out", defaultValue = "xcot-zoo", description = "Output directory (default ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--config", description = "Zoo configuration (default: the committed zoo.yaml).")
    private Path config;

    @Option(names = "--threads", description = "Training threads (default: the recipe's).")
    private Integer threads;

    @Option(names = "--storage", description = "Storage of the 2-D weights: F16 or F32 (default: the recipe's).")
    private GgmlType storage;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ZooConfig zoo = config == null ? ZooConfig.committed() : ZooConfig.read(config);
        TrainingRecipe recipe = zoo.recipe();
        if (threads != null) {
            recipe = recipe.withThreads(threads);
        }
        if (storage != null) {
            recipe = recipe.withStorage(storage);
        }
        List<ZooModel> models = which.all ? zoo.models() : which.models.stream().map(zoo::require).toList();
        Files.createDirectories(out);
        boolean interactive = System.console() != null && System.getenv("XCOT_PLAIN_PROGRESS") == null;
        List<String> rows = new ArrayList<>();
        List<ZooManifest.Entry> entries = new ArrayList<>();
        long start = System.nanoTime();
        stdout.printf("%-9s %-18s %-10s %8s %5s %6s %8s %10s %9s %11s%n", "model", "styles", "shape", "params",
                "seed", "steps", "train-s", "train-loss", "held-out", "well-formed");
        for (ZooModel model : models) {
            Path file = out.resolve(model.name() + ".gguf");
            ProgressBar bar = new ProgressBar(err, interactive, model, recipe);
            TrainingReport report = ToyTrainer.train(model, recipe, file, bar);
            ZooEvaluation check = ZooEvaluator.run(List.of(new ZooEvaluator.NamedModel(model.name(), file)),
                    ToySplit.heldOut(), 1, false, line -> {});
            String row = String.format(Locale.ROOT, "%-9s %-18s %-10s %,8d %5d %,6d %8.1f %10.4f %9.3f %11.3f",
                    model.name(), model.styleNames(), model.embeddingLength() + "x" + model.layers() + " h"
                            + model.heads(), report.parameterCount(), model.seed(), report.steps(),
                    report.wallSeconds(), report.lastEpoch().train().lossNats(),
                    check.accuracy(model.name(), ZooEvaluator.DEFAULT), check.wellFormed(model.name()));
            stdout.println(row);
            stdout.flush();
            rows.add(row);
            entries.add(new ZooManifest.Entry(file.getFileName().toString(), report.sha256()));
        }
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        stdout.printf(Locale.ROOT, "trained %d model(s) in %.1f s; files and MANIFEST in %s%n", models.size(),
                wallSeconds, out);
        writeManifest(recipe, models, rows, entries, wallSeconds);
        return 0;
    }

    private void writeManifest(TrainingRecipe recipe, List<ZooModel> models, List<String> rows,
            List<ZooManifest.Entry> entries, double wallSeconds) throws IOException {
        BackendInfo info = Backend.info();
        List<String> comments = new ArrayList<>();
        comments.add("xcot toy zoo: tiny llama-architecture models trained from scratch (docs/toy-zoo.md; configs: zoo.yaml)");
        comments.add("made by:   xcot zoo train " + (which.all ? "--all" : models.stream()
                .map(m -> "--model " + m.name()).reduce((a, b) -> a + " " + b).orElse("")) + " --out DIR"
                + (threads != null ? " --threads " + threads : "") + (storage != null ? " --storage " + storage : ""));
        comments.add(String.format(Locale.ROOT, "threads:   %d; storage %s; wall %.1f s in all", recipe.threads(),
                recipe.storage(), wallSeconds));
        comments.add("machine:   " + cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        comments.add("llama.cpp: " + info.tag() + " " + info.commit() + " " + info.variant() + ", patches "
                + (info.patches().isBlank() ? "none" : info.patches()) + ", build " + Path.of(info.libraryDirectory())
                .getFileName());
        comments.add("retraining with the same command, machine (CPU features) and threads gives the same bytes");
        comments.add("check:     sha256sum -c MANIFEST");
        comments.add("");
        comments.add(String.format("%-9s %-18s %-10s %8s %5s %6s %8s %10s %9s %11s", "model", "styles", "shape",
                "params", "seed", "steps", "train-s", "train-loss", "held-out", "well-formed"));
        comments.addAll(rows);
        Files.writeString(out.resolve("MANIFEST"), new ZooManifest(comments, entries).render(),
                StandardCharsets.UTF_8);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
