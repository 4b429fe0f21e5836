package xcot.methods.ensemble;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import xcot.llm.Model;

/**
 * An {@link EnsembleModel} that works as the reference implementation does: it keeps only the context text, and
 * every call re-tokenizes and re-decodes everything from an empty cache. Sampling prefills the whole context, then
 * samples exactly as {@link IncrementalModel} does; scoring decodes each candidate's full sequence with a logits row
 * at every position and averages the NLL over all of them, as HF's causal-LM loss does.
 *
 * <p>It is the oracle of the equivalence test and the baseline of the benchmarks. Two small mercies make the
 * baseline faster than the reference, so measured speed-ups are lower bounds: the context is prefilled once per
 * sampling call (HF expands it to 3 rows), and the last token of a sequence is not decoded (its row predicts nothing).
 * Several lanes are served one after the other, each from an empty cache, as separate reference runs would be.
 */
public final class ReferenceModel implements EnsembleModel {
    private final String name;
    private final ContextDriver driver;
    private final List<String> texts = new ArrayList<>();

    private ReferenceModel(String name, ContextDriver driver) {
        this.name = name;
        this.driver = driver;
    }

    /** Opens a context on {@code model}; {@code sampling} may be null for an evaluator only. */
    public static ReferenceModel open(String name, Model model, SessionOptions options, Sampling sampling) {
        Objects.requireNonNull(name, "name");
        return new ReferenceModel(name, new ContextDriver(model, options.withLanes(1), sampling));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(List<String> contextTexts) {
        for (String text : contextTexts) {
            if (driver.tokenize(text).length == 0) {
                throw new IllegalArgumentException(name + ": the context text has no tokens");
            }
        }
        texts.clear();
        texts.addAll(contextTexts);
    }

    @Override
    public String contextText(int lane) {
        return texts.get(lane);
    }

    @Override
    public int contextTokens(int lane) {
        return driver.tokenize(texts.get(lane)).length;
    }

    @Override
    public int countTokens(String s) {
        return driver.tokenize(s).length;
    }

    @Override
    public List<List<String>> sample(int[] lanes, int count, int maxNewTokens) {
        List<List<String>> out = new ArrayList<>(lanes.length);
        for (int lane : lanes) {
            int[] tokens = driver.tokenize(texts.get(lane));
            int frontier = tokens.length - 1;
            driver.clear();
            driver.decode(List.of(new ContextDriver.Range(0, tokens, 0, frontier)), false);
            out.add(driver.sampleTexts(new int[] {0}, new int[] {tokens[frontier]}, new int[] {frontier}, count,
                    maxNewTokens).getFirst());
        }
        return out;
    }

    @Override
    public List<double[]> meanNllNats(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
        List<double[]> out = new ArrayList<>(lanes.length);
        for (int j = 0; j < lanes.length; j++) {
            out.add(meanNllNats(texts.get(lanes[j]), suffixes.get(j), span));
        }
        return out;
    }

    private double[] meanNllNats(String text, List<String> suffixes, ScoreSpan span) {
        int[] contextTokens = driver.tokenize(text);
        double[] means = new double[suffixes.size()];
        for (int i = 0; i < means.length; i++) {
            int[] full = driver.tokenize(text + suffixes.get(i));
            int predicted = Math.max(full.length - 1, 0);
            driver.clear();
            double[] nll = driver.decode(List.of(new ContextDriver.Range(0, full, 0, predicted)), true)[0];
            int first = span == ScoreSpan.FULL_SEQUENCE ? 1 : Math.max(TokenPrefix.common(full, contextTokens), 1);
            double sum = 0;
            for (int position = first; position < full.length; position++) {
                sum += nll[position - 1];
            }
            int count = full.length - first;
            means[i] = count > 0 ? sum / count
                    : span == ScoreSpan.FULL_SEQUENCE ? Double.NaN : Double.POSITIVE_INFINITY;
        }
        return means;
    }

    /** Every candidate is already decoded alone. */
    @Override
    public List<double[]> meanNllNatsSeparately(int[] lanes, List<List<String>> suffixes, ScoreSpan span) {
        return meanNllNats(lanes, suffixes, span);
    }

    @Override
    public void append(int[] lanes, List<String> suffixes) {
        for (int j = 0; j < lanes.length; j++) {
            texts.set(lanes[j], texts.get(lanes[j]) + suffixes.get(j));
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
