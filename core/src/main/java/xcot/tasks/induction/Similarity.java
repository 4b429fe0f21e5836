package xcot.tasks.induction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import xcot.fixtures.MiniLm;
import xcot.llm.TokenEmbeddings;
import xcot.llm.TokenEncoder;

/**
 * The similarity measures Instruction Induction can be scored with, by the name a run config uses. The one place
 * that turns a choice into a {@link SimilarityScorer}.
 */
public enum Similarity {
    /**
     * BERTScore F1 on all-MiniLM-L6-v2 (layer {@value #MINILM_LAYERS}), run by llama.cpp: the paper's measure on a small encoder that
     * this project can ship, not the paper's {@code microsoft/deberta-xlarge-mnli}. Its scale differs; see the
     * README's calibration against the published scores.
     */
    MINILM_BERTSCORE("minilm-bertscore"),
    /** SQuAD-style token F1 ({@link TokenF1Scorer}): no model, another scale. */
    TOKEN_F1("token-f1");

    /** What {@code xcot run} uses when a config names none. */
    public static final Similarity DEFAULT = MINILM_BERTSCORE;

    /**
     * The layer of all-MiniLM-L6-v2 (of 6) whose hidden states BERTScore compares. Like {@code bert_score}, which
     * uses a tuned middle layer for each model (40 of 48 for deberta-xlarge-mnli), not the last: on the published
     * consistency rows layer 4 follows the stored deberta scores best (per-row Spearman 0.866; layer 3 0.866, 5 0.813,
     * 6 0.808) and on nearly their scale (see the README's calibration).
     */
    public static final int MINILM_LAYERS = 4;

    /** Encoded texts kept by the shared MiniLM scorer (an instruction is ~20-40 tokens of 384 floats). */
    private static final int CACHE_TEXTS = 4096;

    /**
     * Threads of the shared encoder: half the cores. ggml's threads spin while they wait for each other, which on a
     * busy machine costs more than the parallelism gains (measured here under load: 1 thread 22 ms per text, 2
     * threads 750 ms).
     */
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);

    private final String configName;

    Similarity(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** The config names, in a fixed order. */
    public static java.util.List<String> configNames() {
        return Arrays.stream(values()).map(Similarity::configName).toList();
    }

    /** @throws IllegalArgumentException naming the known measures */
    public static Similarity fromConfigName(String name) {
        return Arrays.stream(values()).filter(s -> s.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown similarity '" + name + "' (expected "
                        + String.join(" or ", Arrays.stream(values()).map(Similarity::configName).toList()) + ")"));
    }

    /**
     * The scorer. MiniLM's is one per process, shared: its model (converted on first use, see {@link MiniLm}) loads
     * at the first comparison and stays loaded until the JVM exits, since scorers are handed around freely.
     */
    public SimilarityScorer scorer() {
        return switch (this) {
            case MINILM_BERTSCORE -> SharedMiniLm.SCORER;
            case TOKEN_F1 -> new TokenF1Scorer();
        };
    }

    /** Holder idiom: nothing is loaded until MiniLM's scorer is first asked for. */
    private static final class SharedMiniLm {
        static final BertScoreScorer SCORER = new BertScoreScorer(MINILM_BERTSCORE.configName,
                SharedMiniLm::encode, CACHE_TEXTS);
        private static TokenEncoder encoder;

        /** Called with the scorer's lock held, so the encoder is opened once and used by one thread at a time. */
        private static List<TokenEmbeddings> encode(List<String> texts) {
            if (encoder == null) {
                try {
                    encoder = TokenEncoder.open(MiniLm.cachedGguf(MINILM_LAYERS), THREADS);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot make the MiniLM model: " + e.getMessage(), e);
                }
            }
            return encoder.encodeAll(texts);
        }
    }
}
