package xcot.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import xcot.fixtures.ModelShape;
import xcot.fixtures.TinyModels;
import xcot.llm.Model;
import xcot.llm.ModelOptions;
import xcot.llm.Vocab;

/**
 * The models and texts of the ensemble benchmarks: three seeded tiny Qwen3 fixtures with an 8,192-token window (the
 * seeds of the core equivalence test, so the fixture cache is shared), a MedCalc-style prompt grown to a given token
 * length with reasoning sentences, and fixed candidate sentences.
 */
final class TinyEnsembleModels implements AutoCloseable {
    static final long[] SEEDS = {101, 202, 303};
    static final int CONTEXT_TOKENS = 8192;
    private static final String PROMPT = "<|im_start|>system\nYou are a helpful assistant for calculating a score for"
            + " a given patient note. Please think step-by-step to solve the question and then generate the required"
            + " score.<|im_end|>\n<|im_start|>user\nHere is the patient note:\nA 64 year old man presents with"
            + " palpitations, a heart rate of 88 bpm, blood pressure 150/95 mmHg and a creatinine of 1.2 mg/dL.\n\n"
            + "Here is the task:\nWhat is the patient's CHA2DS2-VASc score?<|im_end|>\n<|im_start|>assistant\n<think>\n";
    private static final String[] REASONING = {
        "First, list the criteria of the score and check each against the note.",
        "Congestive heart failure is not mentioned, so it adds no points.",
        "The blood pressure of 150/95 mmHg suggests hypertension, which adds one point.",
        "The patient is 64 years old, below the age threshold of 65, so age adds nothing.",
        "Diabetes is not documented anywhere in the note.",
        "There is no history of stroke, transient ischemic attack or thromboembolism.",
        "Vascular disease such as a prior myocardial infarction is not reported either.",
        "The patient is male, so the sex category adds no points.",
        "Let me double-check the blood pressure reading before summing up.",
        "Adding the points gives a running total that I should verify once more.",
    };
    /** Fifteen-odd tokens each, like the ensemble's sentence-cut candidates. */
    static final List<String> CANDIDATES = List.of(
            " So the hypertension criterion contributes exactly one point here.",
            " Wait, I should also consider whether the age band applies.",
            " The creatinine value is not part of this particular score.",
            " Therefore the total CHA2DS2-VASc score is one point.",
            " Next, check the remaining criteria in the order listed.",
            " None of the other risk factors are documented.");

    final List<Model> models = new ArrayList<>();

    TinyEnsembleModels() {
        for (long seed : SEEDS) {
            models.add(Model.load(path(seed), ModelOptions.defaults()));
        }
    }

    static Path path(long seed) {
        try {
            return TinyModels.cachedQwen3(ModelShape.tiny().withContextLength(CONTEXT_TOKENS), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The prompt followed by numbered reasoning sentences, cut to exactly {@code tokens} tokens of {@code vocab}. */
    static String contextOfTokens(Vocab vocab, int tokens) {
        return contextOfTokens(vocab, tokens, 0);
    }

    /**
     * Item {@code item}'s context of {@code tokens} tokens: the patient is {@code 64 + item} years old and the
     * reasoning starts at sentence {@code item}, so that items differ from the note on (item 0 is
     * {@link #contextOfTokens(Vocab, int)}).
     */
    static String contextOfTokens(Vocab vocab, int tokens, int item) {
        StringBuilder text = new StringBuilder(PROMPT.replace("A 64 year old", "A " + (64 + item) + " year old"));
        for (int i = 0; vocab.tokenize(text.toString(), true, true).length < tokens + 8; i++) {
            text.append(" Step ").append(i + 1).append(": ").append(REASONING[(i + item) % REASONING.length]);
        }
        int[] ids = vocab.tokenize(text.toString(), true, true);
        String cut = vocab.detokenize(java.util.Arrays.copyOf(ids, tokens), false, true);
        int actual = vocab.tokenize(cut, true, true).length;
        if (Math.abs(actual - tokens) > 2) {
            throw new IllegalStateException("context of " + tokens + " tokens re-tokenizes to " + actual);
        }
        return cut;
    }

    @Override
    public void close() {
        models.forEach(Model::close);
    }
}
