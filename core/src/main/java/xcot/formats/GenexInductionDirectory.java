package xcot.formats;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the name of a published Instruction Induction prediction directory says: whose answers it holds, under which
 * CoT condition, and whose CoT was inserted. The reference names its directories (model ids with {@code /} written
 * as {@code _}):
 *
 * <ul>
 *   <li>{@code predictions_<model>_empty}: Empty;
 *   <li>{@code predictions_<model>_with_sampling} and {@code ..._with_sampling_without_answer}: Sampled;
 *   <li>{@code predictions_<source>_thoughts_to_<model>}: the source's CoT inserted into the model (a self-transfer
 *       is the model's Default);
 *   <li>{@code predictions_without_answer_<src>_thoughts_to_<model>}: the same without the answer, the source by its
 *       short name ({@link #SHORT_NAMES});
 *   <li>{@code predictions_<model>_ensemble_gen_<a>_<b>_eval_<c>} and {@code ..._ensemble_without_answer_gen_...}: the
 *       ensemble CoT of generators a, b and evaluator c (short names) inserted into the model.
 * </ul>
 *
 * @param model  the model that answered, as a Hugging Face id ({@code Qwen/QwQ-32B})
 * @param source for {@link Kind#THOUGHTS_TO}, the source model's id; for {@link Kind#ENSEMBLE}, the combination as
 *               xcot names ensembles ({@code Qwen/QwQ-32B+BytedTsinghua-SIA/DAPO-Qwen-32B / openai/gpt-oss-20b})
 */
public record GenexInductionDirectory(Path path, Kind kind, String model, Optional<String> source,
        boolean withoutAnswer) {
    /** The directory's CoT condition family. */
    public enum Kind { EMPTY, SAMPLED, THOUGHTS_TO, ENSEMBLE }

    /** The reference's short model names (without-answer transfer directories, ensemble combinations). */
    public static final Map<String, String> SHORT_NAMES = Map.of(
            "qwq", "Qwen/QwQ-32B",
            "dapo", "BytedTsinghua-SIA/DAPO-Qwen-32B",
            "opent", "open-thoughts/OpenThinker-7B",
            "oss", "openai/gpt-oss-20b",
            "nrr", "nvidia/Nemotron-Research-Reasoning-Qwen-1.5B");

    private static final String PREFIX = "predictions_";
    private static final String THOUGHTS_TO = "_thoughts_to_";
    private static final String WITHOUT = "without_answer_";
    private static final String WITHOUT_SUFFIX = "_without_answer";
    private static final String ENSEMBLE = "_ensemble_";
    private static final String SAMPLING = "_with_sampling";
    private static final String EMPTY = "_empty";

    /** @throws IllegalArgumentException when the name is none of the reference's forms */
    public static GenexInductionDirectory parse(Path dir) {
        String name = dir.getFileName().toString();
        if (!name.startsWith(PREFIX)) {
            throw unknown(dir);
        }
        String rest = name.substring(PREFIX.length());
        int to = rest.indexOf(THOUGHTS_TO);
        if (to > 0) {
            String source = rest.substring(0, to);
            String target = rest.substring(to + THOUGHTS_TO.length());
            boolean without = source.startsWith(WITHOUT) || target.endsWith(WITHOUT_SUFFIX);
            source = source.startsWith(WITHOUT) ? source.substring(WITHOUT.length()) : source;
            target = target.endsWith(WITHOUT_SUFFIX) ? target.substring(0, target.length() - WITHOUT_SUFFIX.length())
                    : target;
            if (source.isEmpty() || target.isEmpty()) {
                throw unknown(dir);
            }
            return new GenexInductionDirectory(dir, Kind.THOUGHTS_TO, modelId(target), Optional.of(modelId(source)),
                    without);
        }
        int ensemble = rest.indexOf(ENSEMBLE);
        if (ensemble > 0) {
            String combination = rest.substring(ensemble + ENSEMBLE.length());
            boolean without = combination.startsWith(WITHOUT) || combination.endsWith(WITHOUT_SUFFIX);
            combination = combination.startsWith(WITHOUT) ? combination.substring(WITHOUT.length()) : combination;
            combination = combination.endsWith(WITHOUT_SUFFIX)
                    ? combination.substring(0, combination.length() - WITHOUT_SUFFIX.length()) : combination;
            return new GenexInductionDirectory(dir, Kind.ENSEMBLE, modelId(rest.substring(0, ensemble)),
                    Optional.of(ensembleName(combination)), without);
        }
        for (String suffix : List.of(SAMPLING + WITHOUT_SUFFIX, SAMPLING, EMPTY)) {
            if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                return new GenexInductionDirectory(dir, suffix.equals(EMPTY) ? Kind.EMPTY : Kind.SAMPLED,
                        modelId(rest.substring(0, rest.length() - suffix.length())), Optional.empty(),
                        suffix.endsWith(WITHOUT_SUFFIX));
            }
        }
        throw unknown(dir);
    }

    /**
     * A model named in a directory or file name, as a Hugging Face id: a short name ({@code qwq}) is looked up, an
     * {@code org_model} name gets its slash back (the reference replaced the one slash of a Hugging Face id).
     */
    public static String modelId(String named) {
        String shortName = SHORT_NAMES.get(named);
        if (shortName != null) {
            return shortName;
        }
        return named.contains("/") ? named : named.replaceFirst("_", "/");
    }

    /** {@code gen_qwq_dapo_eval_oss} → {@code Qwen/QwQ-32B+BytedTsinghua-SIA/DAPO-Qwen-32B / openai/gpt-oss-20b}. */
    static String ensembleName(String combination) {
        if (!combination.startsWith("gen_") || !combination.contains("_eval_")) {
            return combination;
        }
        String[] parts = combination.substring("gen_".length()).split("_eval_", 2);
        return String.join("+", names(parts[0])) + " / " + String.join("+", names(parts[1]));
    }

    private static List<String> names(String shortNames) {
        List<String> ids = new ArrayList<>();
        for (String s : shortNames.split("_")) {
            ids.add(SHORT_NAMES.getOrDefault(s, s));
        }
        return ids;
    }

    private static IllegalArgumentException unknown(Path dir) {
        return new IllegalArgumentException(dir + ": not a published Instruction Induction prediction directory "
                + "name (expected predictions_<model>_empty, predictions_<model>_with_sampling[_without_answer], "
                + "predictions_<source>_thoughts_to_<model>, predictions_without_answer_<src>_thoughts_to_<model> or "
                + "predictions_<model>_ensemble[_without_answer]_gen_<a>_<b>_eval_<c>)");
    }
}
