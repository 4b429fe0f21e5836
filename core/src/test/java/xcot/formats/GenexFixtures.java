package xcot.formats;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reference implementation's published MedCalc outputs (shipped in the jar, {@value #RESOURCE_DIR}), as files on disk
 * so that code taking paths (readers, the CLI) can read them. Shared with the cli module through the test-jar.
 */
public final class GenexFixtures {
    /** Where the published files are on the classpath. */
    public static final String RESOURCE_DIR = xcot.reports.PublishedMedCalc.RESOURCE_DIR;

    /** Model file-name prefixes in the paper's column order: OSS, DAPO, QwQ, OpenT, NRR. */
    public static final List<String> MODELS = List.of("openai_gpt-oss-20b", "BytedTsinghua-SIA_DAPO-Qwen-32B",
            "Qwen_QwQ-32B", "open-thoughts_OpenThinker-7B", "nvidia_Nemotron-Research-Reasoning-Qwen-1.5B");

    /** The five settings with published consistency values, by the name the tests use. */
    public static final List<String> SETTINGS =
            List.of("empty", "default", "sampled", "transfer-full", "transfer-without-answer");

    private GenexFixtures() {}

    /** File names of a setting, one per model, in {@link #MODELS} order. */
    public static List<String> settingFiles(String setting) {
        List<String> names = new ArrayList<>();
        for (String m : MODELS) {
            names.add(switch (setting) {
                case "empty" -> m + "_zero_shot_empty.jsonl.gz";
                case "default" -> m + (m.startsWith("openai") ? "_zero_shot_original_low" : "_zero_shot_original")
                        + ".jsonl.gz";
                case "sampled" -> m + "_zero_shot_with_sampling.jsonl.gz";
                case "transfer-full" -> "Qwen_QwQ-32B_thoughts_to_" + m + "_zero_shot_full.jsonl.gz";
                case "transfer-without-answer" -> "Qwen_QwQ-32B_thoughts_to_" + m + "_zero_shot_without_answer.jsonl.gz";
                default -> throw new IllegalArgumentException(setting);
            });
        }
        return names;
    }

    /** All 26 published files: the 25 setting files and QwQ's answer-removal file. */
    public static List<String> allFiles() {
        List<String> names = new ArrayList<>();
        SETTINGS.forEach(s -> names.addAll(settingFiles(s)));
        names.add("Qwen_QwQ-32B_zero_shot_original_without_answer.jsonl.gz");
        return names;
    }

    /** Copies the named resources into {@code dir} and returns their paths, in order. */
    public static List<Path> copyTo(Path dir, List<String> names) {
        List<Path> paths = new ArrayList<>();
        for (String name : names) {
            Path target = dir.resolve(name);
            try (InputStream in = GenexFixtures.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new IOException("missing resource " + RESOURCE_DIR + name);
                }
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            paths.add(target);
        }
        return paths;
    }

    /**
     * Published golden values (reference README "Expected numbers"): consistency mean and std over the 10 pairs,
     * and mean accuracy, under the reference's lenient rule.
     */
    public record Golden(double consistencyMean, double consistencyStd, double accuracyPercent) {}

    public static final Map<String, Golden> FAITHFUL = Map.of(
            "empty", new Golden(0.302, 0.157, 29.4),
            "default", new Golden(0.276, 0.107, 32.4),
            "sampled", new Golden(0.299, 0.121, 33.8),
            "transfer-full", new Golden(0.870, 0.030, 40.4),
            "transfer-without-answer", new Golden(0.638, 0.080, 37.0));
}
