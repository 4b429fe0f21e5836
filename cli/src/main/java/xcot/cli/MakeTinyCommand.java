package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.fixtures.ModelShape;
import xcot.fixtures.Qwen3Tokenizer;
import xcot.fixtures.TinyModels;
import xcot.llm.Quantizer;

/** {@code xcot models make-tiny}: a seeded random-weight qwen3 GGUF with the real Qwen3 tokenizer. */
@Command(name = "make-tiny", description = {
        "Write a seeded random-weight qwen3 GGUF with the real Qwen3 tokenizer and chat template.",
        "Same seed and shape give the same bytes. The weights are random: the text it generates is gibberish,",
        "but it runs at the speed of a trained model of the same shape."})
final class MakeTinyCommand implements Callable<Integer> {
    enum Preset { tiny, qwq32b }

    @Spec
    private CommandSpec spec;

    @Option(names = "--seed", required = true, description = "Weight seed.")
    private long seed;

    @Option(names = "--shape", defaultValue = "tiny", description = "Base shape: ${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
    private Preset preset;

    @Option(names = "--layers", description = "Override the number of layers.")
    private Integer layers;

    @Option(names = "--context", description = "Override the training context length.")
    private Integer context;

    @Option(names = "--quantize", description = "Re-encode the matrices afterwards: ${COMPLETION-CANDIDATES}.")
    private Quantizer.Target quantize;

    @Option(names = "--out", required = true, description = "Output GGUF file.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        ModelShape shape = preset == Preset.tiny ? ModelShape.tiny() : ModelShape.qwq32bShape();
        if (layers != null) {
            shape = shape.withLayers(layers);
        }
        if (context != null) {
            shape = shape.withContextLength(context);
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        if (quantize == null) {
            TinyModels.write(shape, seed, Qwen3Tokenizer.load(), out);
        } else {
            Path unquantized = out.resolveSibling(out.getFileName() + ".f16.tmp");
            try {
                TinyModels.write(shape, seed, Qwen3Tokenizer.load(), unquantized);
                Quantizer.quantize(unquantized, out, quantize, Runtime.getRuntime().availableProcessors());
            } finally {
                Files.deleteIfExists(unquantized);
            }
        }
        err.printf("wrote %s (%s, seed %d, %.1f MB) in %.1f s%n", out, shape, seed, Files.size(out) / 1e6,
                (System.nanoTime() - start) / 1e9);
        err.flush();
        return 0;
    }
}
