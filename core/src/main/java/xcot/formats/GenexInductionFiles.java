package xcot.formats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import xcot.io.InputFiles;
import xcot.io.InputProblem;
import xcot.methods.Condition;

/**
 * Reads the reference implementation's published Instruction Induction outputs (genex {@code instruction-induction/}),
 * one setting at a time, into {@link GenexInductionSetting}: the answers with their stored accuracies and the stored
 * pairwise similarities, which {@link GenexInductionScoring} turns into xcot's scored answers.
 *
 * <p><b>Layout.</b> A setting is one prediction directory per model ({@code predictions/predictions_...}, named as
 * {@link GenexInductionDirectory} describes) and, for its consistency, one directory of pairwise files
 * ({@code comparison_results/<setting>/}: {@code empty}, {@code default}, {@code default_without_answer},
 * {@code sampling}, {@code sampling_without_answer}, {@code transfer_<src>}, {@code transfer_<src>_without_answer},
 * {@code ensemble_gen_<a>_<b>_eval_<c>}, ...). The setting's condition follows from its prediction directories: a
 * directory {@code predictions_<m>_thoughts_to_<m>} is the model's Default when every directory of the setting is such
 * a self-transfer, and part of a transfer from {@code <m>} when every directory shares that source.
 *
 * <p><b>Prediction files</b>, per task, all pretty-printed JSON objects:
 * <ul>
 *   <li>{@code <task>_execution.json}: {@code {key: {"instruction": <the item's prompt>, "instruction_outputs":
 *       <the decoded generation, special tokens kept: prompt, CoT, " The instruction is:" and 30 tokens>}}}. The key
 *       is the item id ({@code "4"}), or in ensemble directories the position {@code "0"}–{@code "4"} of the item
 *       among the five.
 *   <li>{@code <task>_with_scores.json}: the same entries plus {@code answers} (the task name), {@code score} (the
 *       accuracy: BERTScore F1 with {@code microsoft/deberta-xlarge-mnli}, idf from the task's annotations, best over
 *       the annotations, after the accuracy normalization), {@code average_score} (the same) and
 *       {@code predicted_instruction} (the text that was scored), and a top-level {@code weighted_task_score} (the
 *       task's mean).
 * </ul>
 * Entries are matched to the paper's items by their prompt, as the reference's accuracy scoring does; entries for
 * other prompts are not read. (The published files hold exactly the five items per task. With more, the reference's
 * consistency would compare five keys drawn from a Python {@code set}, whose order depends on string hashing, so not
 * necessarily the paper's five: comparison rows of other items are reported and skipped.) A model's answer is the text after the first end-of-thinking marker of its family
 * ({@code </think>} for ids containing {@code qwen}, {@code <|end_of_thought|>} for OpenThinker,
 * {@code <|channel|>final<|message|>} for gpt-oss), the whole output without one.
 *
 * <p><b>Comparison files</b>, {@code <task>_bert_comparison_<model1>_vs_<model2>.json} for every task and unordered
 * pair: {@code {key: {"model1_output", "model2_output", "bert_1_to_2", "bert_2_to_1", "bert_score", "model1_name",
 * "model2_name"}, "weighted_task_score", "task_name", "model1_name", "model2_name"}}, keyed like the execution files.
 * {@code bert_score} is BERTScore F1 without idf of the two consistency-normalized answers, the mean of both
 * directions (which are equal), 0 when either is shorter than 3 characters. The directory also holds one
 * {@code summary_bert_comparison_<model1>_vs_<model2>.json} per pair (task means); the reference's figure reads it as
 * a 21st task scoring 0 ({@link xcot.reference.Quirk#II_PLOT_21_TASKS}). It is not a row and is not read.
 *
 * <p>The reference reaches a setting's numbers from these rows as means of means: an item's scores, then the task's
 * mean over its items, a model's (or pair's) mean over tasks, the setting's mean over models (or pairs), with the
 * population standard deviation over pairs. Every task has five items, so xcot's item means over the 100 items equal
 * them.
 */
public final class GenexInductionFiles {
    /**
     * One published setting in the genex layout.
     *
     * @param name                the comparison directory's name ({@code transfer_qwq_without_answer})
     * @param predictionDirectories one per model, by directory name
     */
    public record PublishedSetting(String name, List<Path> predictionDirectories, Path comparisonDirectory) {
        public PublishedSetting {
            predictionDirectories = List.copyOf(predictionDirectories);
        }

        /** What {@link #read} takes: the prediction directories, then the comparison directory. */
        public List<Path> directories() {
            List<Path> all = new ArrayList<>(predictionDirectories);
            all.add(comparisonDirectory);
            return all;
        }
    }

    private GenexInductionFiles() {}

    /**
     * Reads one setting from its prediction directories and, optionally, its comparison directory (told apart by
     * their contents). Bad files and entries are skipped and listed in {@link GenexInductionSetting#problems()}.
     *
     * @throws IllegalArgumentException when the directories cannot form one setting: a path that is not a directory,
     *                                  an unknown directory name, two directories of one model, two comparison
     *                                  directories, or prediction directories of different settings
     */
    public static GenexInductionSetting read(List<Path> directories) {
        List<GenexInductionDirectory> predictions = new ArrayList<>();
        Optional<Path> comparisons = Optional.empty();
        for (Path path : directories) {
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(path + ": not a directory (the genex-induction format reads "
                        + "prediction and comparison directories)");
            }
            if (GenexInductionComparisons.isComparisonDirectory(path)) {
                if (comparisons.isPresent()) {
                    throw new IllegalArgumentException("two comparison directories, " + comparisons.get() + " and "
                            + path + "; score one setting at a time");
                }
                comparisons = Optional.of(path);
            } else {
                predictions.add(GenexInductionDirectory.parse(path));
            }
        }
        if (predictions.isEmpty()) {
            throw new IllegalArgumentException("no prediction directory among " + directories);
        }
        List<String> models = predictions.stream().map(GenexInductionDirectory::model).toList();
        if (models.stream().distinct().count() < models.size()) {
            throw new IllegalArgumentException("two prediction directories of one model among " + directories);
        }
        String[] condition = condition(predictions);

        List<InputProblem> problems = new ArrayList<>();
        List<GenexInductionAnswer> answers = new ArrayList<>();
        Map<String, Map<String, Map<String, String>>> itemOfKey = new HashMap<>();
        for (GenexInductionDirectory dir : predictions) {
            GenexInductionPredictions.Read read = GenexInductionPredictions.read(dir, problems);
            answers.addAll(read.answers());
            itemOfKey.put(dir.model(), read.itemOfKeyByTask());
        }
        List<GenexInductionComparison> rows = comparisons
                .map(dir -> GenexInductionComparisons.read(dir, itemOfKey, problems)).orElse(List.of());
        return new GenexInductionSetting(condition[0], Optional.ofNullable(condition[1]), models, answers, rows,
                problems);
    }

    /** The condition label and source (or null) the directories share. */
    private static String[] condition(List<GenexInductionDirectory> dirs) {
        GenexInductionDirectory first = dirs.get(0);
        boolean sameShape = dirs.stream().allMatch(d -> d.kind() == first.kind()
                && d.withoutAnswer() == first.withoutAnswer());
        boolean selfTransfers = dirs.stream().allMatch(d -> d.source().equals(Optional.of(d.model())));
        boolean oneSource = dirs.stream().allMatch(d -> d.source().equals(first.source()));
        boolean without = first.withoutAnswer();
        Condition c = null;
        String source = null;
        if (sameShape) {
            switch (first.kind()) {
                case EMPTY -> c = without ? null : Condition.EMPTY;
                case SAMPLED -> c = without ? Condition.SAMPLED_WITHOUT_ANSWER : Condition.SAMPLED;
                case THOUGHTS_TO -> {
                    if (selfTransfers && (dirs.size() > 1 || !oneSource)) {
                        c = without ? Condition.DEFAULT_WITHOUT_ANSWER : Condition.DEFAULT;
                    } else if (oneSource) {
                        c = without ? Condition.TRANSFER_WITHOUT_ANSWER : Condition.TRANSFER;
                        source = first.source().orElseThrow();
                    }
                }
                case ENSEMBLE -> {
                    if (oneSource) {
                        c = without ? Condition.ENSEMBLE_WITHOUT_ANSWER : Condition.ENSEMBLE;
                        source = first.source().orElseThrow();
                    }
                }
            }
        }
        if (c == null) {
            throw new IllegalArgumentException("the prediction directories are not of one setting: " + dirs.stream()
                    .map(d -> d.path().getFileName().toString()).toList());
        }
        return new String[] {c.label(), source};
    }

    /**
     * The settings of a published {@code instruction-induction/} folder: one per directory of
     * {@code comparison_results/} whose name is understood, with the prediction directories of
     * {@code predictions/} that belong to it, by directory name.
     */
    public static List<PublishedSetting> published(Path root) {
        List<GenexInductionDirectory> all = new ArrayList<>();
        for (Path dir : subdirectories(root.resolve("predictions"))) {
            try {
                all.add(GenexInductionDirectory.parse(dir));
            } catch (IllegalArgumentException e) {
                // not a setting's directory (e.g. a model's own-CoT source run): no setting selects it
            }
        }
        List<PublishedSetting> settings = new ArrayList<>();
        for (Path comparison : subdirectories(root.resolve("comparison_results"))) {
            Optional<Predicate<GenexInductionDirectory>> member = member(comparison.getFileName().toString());
            if (member.isPresent()) {
                List<Path> dirs = all.stream().filter(member.get()).map(GenexInductionDirectory::path).toList();
                if (!dirs.isEmpty()) {
                    settings.add(new PublishedSetting(comparison.getFileName().toString(), dirs, comparison));
                }
            }
        }
        return settings;
    }

    /**
     * Which prediction directories a comparison directory's name selects, read as the reference's aggregation reads
     * it: the words {@code without} and {@code answer} mark the without-answer variant ({@code full}, {@code text}
     * the full one), then {@code transfer} with a source's short name, {@code ensemble} with the combination,
     * {@code empty}, {@code default}, {@code sampled} or {@code sampling}.
     */
    static Optional<Predicate<GenexInductionDirectory>> member(String settingName) {
        List<String> words = new ArrayList<>(Arrays.asList(settingName.split("_")));
        boolean without = words.contains("without") && words.contains("answer");
        words.removeAll(without ? List.of("without", "answer") : List.of("full", "text"));
        Predicate<GenexInductionDirectory> variant = d -> d.withoutAnswer() == without;
        if (words.remove("transfer")) {
            String source = GenexInductionDirectory.modelId(String.join("_", words));
            return Optional.of(variant.and(d -> d.kind() == GenexInductionDirectory.Kind.THOUGHTS_TO
                    && d.source().equals(Optional.of(source))));
        }
        if (words.remove("ensemble")) {
            String combination = GenexInductionDirectory.ensembleName(String.join("_", words));
            return Optional.of(variant.and(d -> d.kind() == GenexInductionDirectory.Kind.ENSEMBLE
                    && d.source().equals(Optional.of(combination))));
        }
        String rest = String.join("_", words);
        return switch (rest) {
            case "empty" -> Optional.of(variant.and(d -> d.kind() == GenexInductionDirectory.Kind.EMPTY));
            case "default" -> Optional.of(variant.and(d -> d.kind() == GenexInductionDirectory.Kind.THOUGHTS_TO
                    && d.source().equals(Optional.of(d.model()))));
            case "sampled", "sampling" -> Optional.of(variant.and(
                    d -> d.kind() == GenexInductionDirectory.Kind.SAMPLED));
            default -> Optional.empty();
        };
    }

    private static List<Path> subdirectories(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory (expected the published "
                    + "instruction-induction/ layout: predictions/ and comparison_results/)");
        }
        try (Stream<Path> listing = Files.list(dir)) {
            return listing.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException(dir + ": cannot list the directory: " + InputFiles.detail(e));
        }
    }
}
