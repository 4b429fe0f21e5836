package xcot.methods.ensemble;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import xcot.fixtures.ModelShape;
import xcot.fixtures.TinyModels;
import xcot.llm.Model;
import xcot.llm.ModelOptions;

/** Three seeded tiny Qwen3 models (two generators, one evaluator) with an 8,192-token window, for native tests. */
final class TinyEnsemble implements AutoCloseable {
    static final long[] SEEDS = {101, 202, 303};
    static final String PROMPT = "<|im_start|>system\nYou are a helpful assistant for calculating a score for a given"
            + " patient note. Please think step-by-step.<|im_end|>\n<|im_start|>user\nHere is the patient note:\nA 64"
            + " year old man with a heart rate of 88 bpm and a creatinine of 1.2 mg/dL.\n\nHere is the task:\nWhat is"
            + " the patient's CHA2DS2-VASc score?<|im_end|>\n<|im_start|>assistant\n<think>\n";

    final List<Model> models = new ArrayList<>();

    TinyEnsemble() {
        for (long seed : SEEDS) {
            models.add(Model.load(path(seed), ModelOptions.defaults()));
        }
    }

    static java.nio.file.Path path(long seed) {
        try {
            return TinyModels.cachedQwen3(ModelShape.tiny().withContextLength(8192), seed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Model generator(int i) {
        return models.get(i);
    }

    Model evaluator() {
        return models.get(2);
    }

    @Override
    public void close() {
        models.forEach(Model::close);
    }
}
