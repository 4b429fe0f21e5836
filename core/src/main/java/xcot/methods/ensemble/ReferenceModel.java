package xcot.methods.ensemble;

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
 */
public final class ReferenceModel implements EnsembleModel {
    private final String name;
    private final ContextDriver driver;
    private String text = "";

    private ReferenceModel(String name, ContextDriver driver) {
        this.name = name;
        this.driver = driver;
    }

    /** Opens a context on {@code model}; {@code sampling} may be null for an evaluator only. */
    public static ReferenceModel open(String name, Model model, SessionOptions options, Sampling sampling) {
        Objects.requireNonNull(name, "name");
        return new ReferenceModel(name, new ContextDriver(model, options, sampling));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void start(String contextText) {
        if (driver.tokenize(contextText).length == 0) {
            throw new IllegalArgumentException(name + ": the context text has no tokens");
        }
        text = contextText;
    }

    @Override
    public String contextText() {
        return text;
    }

    @Override
    public int contextTokens() {
        return driver.tokenize(text).length;
    }

    @Override
    public int countTokens(String s) {
        return driver.tokenize(s).length;
    }

    @Override
    public List<String> sample(int count, int maxNewTokens) {
        int[] tokens = driver.tokenize(text);
        int frontier = tokens.length - 1;
        driver.clear();
        driver.decode(tokens, 0, frontier, ContextDriver.CONTEXT_SEQUENCE, null);
        return driver.sampleTexts(tokens[frontier], frontier, count, maxNewTokens);
    }

    @Override
    public double[] meanNllNats(List<String> suffixes, ScoreSpan span) {
        int[] contextTokens = driver.tokenize(text);
        double[] means = new double[suffixes.size()];
        for (int i = 0; i < means.length; i++) {
            int[] full = driver.tokenize(text + suffixes.get(i));
            int predicted = Math.max(full.length - 1, 0);
            double[] nll = new double[predicted];
            driver.clear();
            driver.decode(full, 0, predicted, ContextDriver.CONTEXT_SEQUENCE, nll);
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
    public double[] meanNllNatsSeparately(List<String> suffixes, ScoreSpan span) {
        return meanNllNats(suffixes, span);
    }

    @Override
    public void append(String suffix) {
        text = text + suffix;
    }

    @Override
    public void close() {
        driver.close();
    }
}
