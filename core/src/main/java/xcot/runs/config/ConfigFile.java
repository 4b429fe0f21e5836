package xcot.runs.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.Map;

/**
 * A run config file as written, bound by Jackson (kebab-case keys, unknown keys refused, every value optional here):
 * {@link ConfigReader} checks it and fills in the defaults. The key list with defaults is {@link ConfigKeys}.
 */
record ConfigFile(String name, BenchmarkEntry benchmark, List<ModelEntry> models, List<String> conditions,
                  Boolean withoutAnswer, List<Long> seeds, BudgetsEntry budgets, Map<String, Boolean> flags,
                  String harmonyDate, RemovalEntry answerRemoval, List<EnsembleEntry> ensemble, List<String> corrupted,
                  List<String> summaryWithout, String cache, String store) {

    /** {@code benchmark: medcalc}, or the mapping form with a subset, item ids and a limit. */
    record BenchmarkEntry(String name, String subset, List<String> items, Integer limit, String similarity) {
        @JsonCreator
        static BenchmarkEntry of(String name) {
            return new BenchmarkEntry(name, null, null, null, null);
        }
    }

    record ModelEntry(String name, String path, FixtureEntry fixture, String zoo, String profile, Integer gpuLayers,
                      Integer context, Integer threads, SamplingEntry sampling, String grammar,
                      String reasoningEffort, Integer batch, Integer ubatch, Boolean flashAttn, String kvType,
                      List<String> rpc, Integer parallel) {}

    record FixtureEntry(Long seed, Integer layers, Integer contextLength) {}

    record SamplingEntry(Float temperature, Integer topK, Float topP, Float minP) {}

    record BudgetsEntry(Integer cot, Integer answer, Integer inserted) {}

    record RemovalEntry(String method, ModelEntry model, Integer maxTokens, Integer timeoutSeconds) {}

    record EnsembleEntry(List<String> generators, List<String> evaluators, Integer itemsAtOnce) {}
}
