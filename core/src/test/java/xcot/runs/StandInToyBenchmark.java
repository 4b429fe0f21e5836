package xcot.runs;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.records.Outcome;
import xcot.records.ScoredAnswer;
import xcot.tasks.AnswerLabel;
import xcot.tasks.Benchmark;
import xcot.tasks.BenchmarkItem;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.Completion;
import xcot.tasks.CotCorruption;
import xcot.tasks.TaskPrompt;

/**
 * A stand-in for the zoo's toy task (tests only, until {@code xcot.tasks.toy} lands): {@code a+b+c=} items, the
 * answer is the last number after {@code </think>}, and one corruption (a wrong first value carried through).
 */
final class StandInToyBenchmark implements Benchmark {
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private final List<int[]> problems = List.of(new int[] {1, 2, 3}, new int[] {4, 0, 5});

    @Override
    public String name() {
        return "toy";
    }

    @Override
    public BenchmarkKind kind() {
        return BenchmarkKind.TOY;
    }

    @Override
    public List<BenchmarkItem> items() {
        return problems.stream().map(p -> new BenchmarkItem(id(p), TaskPrompt.userOnly(p[0] + "+" + p[1] + "+" + p[2]
                + "="))).toList();
    }

    private static String id(int[] p) {
        return "" + p[0] + p[1] + p[2];
    }

    @Override
    public ScoredAnswer score(String itemId, Completion completion, AnswerLabel label) {
        int sum = itemId.chars().map(c -> c - '0').sum();
        String text = completion.fullText();
        int end = text.lastIndexOf("</think>");
        Matcher m = NUMBER.matcher(end < 0 ? "" : text.substring(end));
        String answer = null;
        while (m.find()) {
            answer = m.group();
        }
        Outcome outcome = answer == null ? new Outcome.Failed("no answer after </think>")
                : Outcome.of(Integer.parseInt(answer) == sum);
        return new ScoredAnswer(name(), itemId, label.condition(), label.model(), label.sourceModel(),
                answer == null ? "" : answer, outcome);
    }

    @Override
    public List<CotCorruption> corruptions() {
        return List.of(new CotCorruption("corrupted-first-value", "a wrong first sum carried through", id -> {
            int a = id.charAt(0) - '0';
            int b = id.charAt(1) - '0';
            int c = id.charAt(2) - '0';
            int wrong = a + b + 3;
            return a + "+" + b + "=" + wrong + " " + wrong + "+" + c + "=" + (wrong + c);
        }));
    }
}
