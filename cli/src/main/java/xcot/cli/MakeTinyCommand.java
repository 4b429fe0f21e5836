package xcot.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xcot.fixtures.ModelShape;
import xcot.fixtures.Qwen3Tokenizer;
import xcot.fixtures.TinyModels;
import xcot.gguf.GgmlType;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensorInfo;
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
            // Quantized from F16, never from the Q8_0 default: llama.cpp refuses to requantize Q8_0 to Q4_K_M. Both
            // intermediate files live beside the output, which appears only when complete.
            Path source = out.toAbsolutePath().resolveSibling("." + out.getFileName() + ".f16.tmp");
            try {
                TinyModels.write(shape.withStorage(GgmlType.F16, GgmlType.F16), seed, Qwen3Tokenizer.load(), source);
                Quantizer.quantize(source, out, quantize, Runtime.getRuntime().availableProcessors());
            } finally {
                Files.deleteIfExists(source);
            }
        }
        err.println(summary(out, shape, preset.name(), seed, quantize, (System.nanoTime() - start) / 1e9));
        err.flush();
        return 0;
    }

    /** What was written, in words: the shape, the tensor types as stored, the size. */
    static String summary(Path file, ModelShape shape, String preset, long seed, Quantizer.Target quantize,
                          double seconds) throws java.io.IOException {
        GgufFile gguf = GgufReader.read(file);
        Map<String, Integer> types = new TreeMap<>();
        for (GgufTensorInfo t : gguf.tensors()) {
            types.merge(t.type().name(), 1, Integer::sum);
        }
        StringBuilder typeList = new StringBuilder();
        types.forEach((type, n) -> typeList.append(typeList.isEmpty() ? "" : ", ").append(n).append(" ").append(type));
        return String.format(Locale.ROOT, "wrote %s in %.1f s%n"
                        + "  shape:   %s (%s shape), %d layer%s, embedding %d, %d heads (%d KV) of %d, FFN %d,"
                        + " vocabulary %d, context %d, seed %d%n"
                        + "  weights: %s, %.1f M parameters; tensors: %s%n"
                        + "  size:    %.1f MB",
                file, seconds, shape.architecture().ggufName(), preset, shape.layers(), shape.layers() == 1 ? "" : "s",
                shape.embeddingLength(), shape.headCount(), shape.headCountKv(), shape.headDim(),
                shape.feedForwardLength(), shape.vocabSize(), shape.contextLength(), seed,
                quantize == null ? "as written (" + shape.embeddingType() + " embedding, " + shape.matrixType()
                        + " matrices)" : "quantized to " + quantize, gguf.elementCount() / 1e6, typeList,
                Files.size(file) / 1e6);
    }
}
