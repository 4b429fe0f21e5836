package xcot.reports;

import java.util.ArrayList;
import java.util.List;
import xcot.formats.GenexMedCalcFiles;
import xcot.io.Utf8Lines;
import xcot.metrics.ScoredAnswer;

/**
 * The paper's published MedCalc outputs that xcot ships ({@value #RESOURCE_DIR}, 25 files of five reasoning models:
 * Empty, Default, Sampled, Transfer from QwQ full and without answer), read as scored answers for
 * {@code xcot report --published}. Files are read in the paper's column order (OSS, DAPO, QwQ, OpenT, NRR), which is
 * the order of the model pairs in its tables.
 */
public final class PublishedMedCalc {
    public static final String RESOURCE_DIR = "/xcot/published/genex-medcalc/";
    /** Where the same files are in a checkout, for the {@code xcot score} lines a published report prints. */
    public static final String CHECKOUT_DIR = "core/src/main/resources" + RESOURCE_DIR;

    /** Model file-name prefixes in the paper's column order. */
    static final List<String> MODELS = List.of("openai_gpt-oss-20b", "BytedTsinghua-SIA_DAPO-Qwen-32B",
            "Qwen_QwQ-32B", "open-thoughts_OpenThinker-7B", "nvidia_Nemotron-Research-Reasoning-Qwen-1.5B");

    private PublishedMedCalc() {}

    /** The 25 setting files, setting by setting, each in model order. */
    public static List<String> files() {
        List<String> names = new ArrayList<>();
        for (String m : MODELS) {
            names.add(m + "_zero_shot_empty.jsonl.gz");
        }
        for (String m : MODELS) {
            // The reference's Default for OSS is its low-effort run (no other was published).
            names.add(m + (m.startsWith("openai") ? "_zero_shot_original_low" : "_zero_shot_original") + ".jsonl.gz");
        }
        for (String m : MODELS) {
            names.add(m + "_zero_shot_with_sampling.jsonl.gz");
        }
        for (String variant : List.of("full", "without_answer")) {
            for (String m : MODELS) {
                names.add("Qwen_QwQ-32B_thoughts_to_" + m + "_zero_shot_" + variant + ".jsonl.gz");
            }
        }
        return names;
    }

    /** Every answer of the 25 files, in {@link #files()} order. */
    public static List<ScoredAnswer> answers() {
        List<ScoredAnswer> answers = new ArrayList<>();
        for (String name : files()) {
            answers.addAll(GenexMedCalcFiles.readScored(Utf8Lines.readResource(RESOURCE_DIR + name), name).orThrow());
        }
        return answers;
    }

    /** The files of one setting (by condition, from the file names). */
    public static List<String> filesOf(String condition) {
        return files().stream().filter(f -> GenexMedCalcFiles.condition(f).equals(condition)).toList();
    }
}
