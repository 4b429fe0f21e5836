package xcot.methods.ensemble;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufReader;
import xcot.gguf.GgufTensorInfo;
import xcot.llm.InvalidLogitsException;
import xcot.llm.Model;
import xcot.llm.ModelFailureException;
import xcot.llm.ModelOptions;
import xcot.methods.IterationTrace;

/**
 * An evaluator whose logits are NaN (its final norm is NaN) fails like an evaluator that runs out of memory: the
 * ensemble skips it every iteration and chooses with the others, and its context keeps no candidate's cells.
 */
class NonFiniteEvaluatorTest {
    private static final SessionOptions SESSION = SessionOptions.of(2048, 1);
    private static final int ITERATIONS = 3;

    @TempDir
    static Path dir;
    private static TinyEnsemble tiny;
    private static Model nan;

    @BeforeAll
    static void load() throws Exception {
        tiny = new TinyEnsemble();
        nan = Model.load(nanCopy(TinyEnsemble.path(TinyEnsemble.SEEDS[2]), dir.resolve("nan.gguf")),
                ModelOptions.defaults());
    }

    @AfterAll
    static void close() {
        nan.close();
        tiny.close();
    }

    /** {@code source} with {@code output_norm.weight} (F32) set to NaN: every logits row is NaN. */
    static Path nanCopy(Path source, Path target) throws Exception {
        Files.copy(source, target);
        GgufFile gguf = GgufReader.read(target);
        GgufTensorInfo norm = gguf.tensor("output_norm.weight").orElseThrow();
        ByteBuffer nans = ByteBuffer.allocate(Math.toIntExact(norm.sizeBytes())).order(ByteOrder.LITTLE_ENDIAN);
        while (nans.hasRemaining()) {
            nans.putFloat(Float.NaN);
        }
        nans.flip();
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            out.write(nans, gguf.absoluteOffset(norm));
        }
        return target;
    }

    private static EnsembleResult run(List<EnsembleModel> evaluators) {
        List<EnsembleEngine.Participant> es = evaluators.stream()
                .map(e -> new EnsembleEngine.Participant(e, TinyEnsemble.PROMPT)).toList();
        try (IncrementalModel g = IncrementalModel.open("g", tiny.generator(0), SESSION, Sampling.ensembleDefault(),
                false)) {
            return new EnsembleEngine(EnsembleOptions.defaults().withMaxIterations(ITERATIONS))
                    .run(List.of(new EnsembleEngine.Participant(g, TinyEnsemble.PROMPT)), es);
        }
    }

    @Test
    void aNanEvaluatorIsSkippedEveryIterationAndTheOthersChoose() {
        EnsembleResult withNan;
        EnsembleResult without;
        try (IncrementalModel bad = IncrementalModel.open("nan", nan, SESSION, null, true);
                IncrementalModel good = IncrementalModel.open("good", tiny.evaluator(), SESSION, null, true)) {
            withNan = run(List.of(bad, good));
        }
        try (IncrementalModel good = IncrementalModel.open("good", tiny.evaluator(), SESSION, null, true)) {
            without = run(List.of(good));
        }
        assertEquals(StopReason.ITERATION_LIMIT, withNan.stopReason());
        assertEquals(ITERATIONS, withNan.iterations().size());
        for (IterationTrace t : withNan.iterations()) {
            assertEquals(List.of("nan"), t.failedEvaluators());
        }
        assertEquals(without.chunks(), withNan.chunks(), "the good evaluator alone decides");
    }

    @Test
    void aNanRowIsAModelFailureNamingTheModelAndLeavesNoCandidateInTheCache() {
        try (IncrementalModel bad = IncrementalModel.open("nan", nan, SESSION, null, true)) {
            // A one-token context decodes nothing at the start: the NaN rows come from the candidates' decode.
            bad.start("<|im_start|>");
            assertEquals(1, bad.contextTokens());
            ModelFailureException e = assertThrows(InvalidLogitsException.class,
                    () -> bad.meanNllNats(List.of(" A sentence.", " Another one."), ScoreSpan.FULL_SEQUENCE));
            assertTrue(e.getMessage().contains("nan.gguf") && e.getMessage().contains("NaN"), e.getMessage());
            assertEquals(0, bad.scratchSequencesInUse(), "the candidates' sequences are removed after the failure");
        }
    }
}
