package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A pure-Java {@link EnsembleModel} for engine tests: samples come from a function of the context, scores from a
 * function of the scored string (context + suffix), tokens are counted as whitespace-separated words. Holds one text
 * per lane; records what the engine asked of it.
 */
class ScriptedModel implements EnsembleModel {
    private final String name;
    private final Function<String, List<String>> samples;
    private final ToDoubleFunction<String> meanNll;
    final List<String> texts = new ArrayList<>();
    int starts;
    int appends;
    int separateCalls;
    int batchedCalls;
    int sampleCalls;
    RuntimeException failure;
    /** With {@link #failure}: fail only for the contexts this accepts (null: for all). */
    Predicate<String> failsFor;

    ScriptedModel(String name, Function<String, List<String>> samples, ToDoubleFunction<String> meanNll) {
        this.name = name;
        this.samples = samples;
        this.meanNll = meanNll;
    }

    static ScriptedModel generator(String name, Function<String, List<String>> samples) {
        return new ScriptedModel(name, samples, s -> {
            throw new AssertionError("a generator is never asked to score");
        });
    }

    static ScriptedModel evaluator(String name, ToDoubleFunction<String> meanNll) {
        return new ScriptedModel(name, c -> {
            throw new AssertionError("an evaluator is never asked to sample");
        }, meanNll);
    }

    /** Lane 0's text. */
    String text() {
        return texts.getFirst();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(List<String> contextTexts) {
        starts++;
        texts.clear();
        texts.addAll(contextTexts);
    }

    @Override
    public String contextText(int lane) {
        return texts.get(lane);
    }

    @Override
    public int contextTokens(int lane) {
        return countTokens(texts.get(lane));
    }

    @Override
    public int countTokens(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public List<List<String>> sample(int[] lanes, int count, int maxNewTokens) {
        sampleCalls++;
        List<List<String>> out = new ArrayList<>();
        for (int lane : lanes) {
            List<String> lanesSamples = samples.apply(texts.get(lane));
            if (lanesSamples.size() != count) {
                throw new AssertionError("script gives " + lanesSamples.size() + " samples, engine asks " + count);
            }
            out.add(lanesSamples);
        }
        return out;
    }

    @Override
    public List<double[]> meanNllNats(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
        batchedCalls++;
        return score(lanes, suffixes);
    }

    @Override
    public List<double[]> meanNllNatsSeparately(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
        separateCalls++;
        return score(lanes, suffixes);
    }

    private List<double[]> score(int[] lanes, List<List<String>> suffixes) {
        for (int lane : lanes) {
            if (failure != null && (failsFor == null || failsFor.test(texts.get(lane)))) {
                throw failure;
            }
        }
        List<double[]> out = new ArrayList<>();
        for (int j = 0; j < lanes.length; j++) {
            String text = texts.get(lanes[j]);
            out.add(suffixes.get(j).stream().mapToDouble(s -> meanNll.applyAsDouble(text + s)).toArray());
        }
        return out;
    }

    @Override
    public void append(int[] lanes, List<String> suffixes) {
        appends++;
        for (int j = 0; j < lanes.length; j++) {
            texts.set(lanes[j], texts.get(lanes[j]) + suffixes.get(j));
        }
    }

    @Override
    public void close() {}
}
