package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A pure-Java {@link EnsembleModel} for engine tests: samples come from a function of the context, scores from a
 * function of the scored string (context + suffix), tokens are counted as whitespace-separated words. Records what
 * the engine asked of it.
 */
class ScriptedModel implements EnsembleModel {
    private final String name;
    private final Function<String, List<String>> samples;
    private final ToDoubleFunction<String> meanNll;
    String text = "";
    int starts;
    int appends;
    int separateCalls;
    int batchedCalls;
    RuntimeException failure;

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

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(String contextText) {
        starts++;
        text = contextText;
    }

    @Override
    public String contextText() {
        return text;
    }

    @Override
    public int contextTokens() {
        return countTokens(text);
    }

    @Override
    public int countTokens(String s) {
        String t = s.strip();
        return t.isEmpty() ? 0 : t.split("\\s+").length;
    }

    @Override
    public List<String> sample(int count, int maxNewTokens) {
        List<String> out = samples.apply(text);
        if (out.size() != count) {
            throw new AssertionError("script gives " + out.size() + " samples, engine asks " + count);
        }
        return out;
    }

    @Override
    public double[] meanNllNats(List<String> suffixes, ScoreSpan span) {
        batchedCalls++;
        return score(suffixes);
    }

    @Override
    public double[] meanNllNatsSeparately(List<String> suffixes, ScoreSpan span) {
        separateCalls++;
        return score(suffixes);
    }

    private double[] score(List<String> suffixes) {
        if (failure != null) {
            throw failure;
        }
        List<Double> out = new ArrayList<>();
        for (String s : suffixes) {
            out.add(meanNll.applyAsDouble(text + s));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void append(String suffix) {
        appends++;
        text = text + suffix;
    }

    @Override
    public void close() {}
}
