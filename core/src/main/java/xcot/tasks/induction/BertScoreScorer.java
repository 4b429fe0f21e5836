package xcot.tasks.induction;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import xcot.llm.TokenEmbeddings;
import xcot.metrics.BertScore;
import xcot.metrics.IdfWeights;

/**
 * BERTScore F1 ({@link BertScore}) over the contextual token embeddings of an encoder, as {@code bert_score.score}
 * computes it: without idf by default (the paper's consistency), with idf from the references after
 * {@link #forReferences} (the paper's accuracy, whose references are a task's gold annotations). Texts are encoded
 * whole, {@code [CLS]} and {@code [SEP]} included, and kept in a bounded cache, since the same instruction is
 * compared with many others. Thread-safe: encoding is serialized.
 */
public final class BertScoreScorer implements SimilarityScorer {
    private final String name;
    private final Function<List<String>, List<TokenEmbeddings>> encoder;
    private final Map<String, Encoded> cache;
    private final IdfWeights idf;
    private final BertScoreScorer shared;

    /** A text's unit token vectors, token ids and markers, as the cache keeps them. */
    private record Encoded(int[] tokens, float[][] unitVectors, boolean[] markers) {
        boolean empty() {
            for (boolean m : markers) {
                if (!m) {
                    return false;
                }
            }
            return true;
        }
    }

    /**
     * @param encoder    encodes texts, each on its own, in order
     * @param cacheTexts most encoded texts kept (least recently used first out)
     */
    public BertScoreScorer(String name, Function<List<String>, List<TokenEmbeddings>> encoder, int cacheTexts) {
        this.name = name;
        this.encoder = encoder;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Encoded> eldest) {
                return size() > cacheTexts;
            }
        };
        this.idf = IdfWeights.uniform();
        this.shared = this;
    }

    private BertScoreScorer(BertScoreScorer shared, IdfWeights idf) {
        this.name = shared.name;
        this.encoder = shared.encoder;
        this.cache = shared.cache;
        this.idf = idf;
        this.shared = shared;
    }

    @Override
    public String name() {
        return name;
    }

    /** BERTScore F1 of {@code candidate} against {@code reference}. */
    @Override
    public double similarity(String candidate, String reference) {
        return score(candidate, reference).f1();
    }

    /** Precision, recall and F1 of {@code candidate} against {@code reference}. */
    public BertScore score(String candidate, String reference) {
        List<Encoded> both = encoded(List.of(candidate, reference));
        return BertScore.of(side(both.get(0)), side(both.get(1)));
    }

    /** A scorer that weights tokens by their idf over {@code references}, sharing this one's encoder and cache. */
    @Override
    public BertScoreScorer forReferences(List<String> references) {
        List<int[]> tokens = encoded(references).stream().map(Encoded::tokens).toList();
        return new BertScoreScorer(shared, IdfWeights.fromReferences(tokens));
    }

    /** Encodes the texts not yet cached, in batches; for callers about to compare many texts. */
    public void warm(Collection<String> texts) {
        encoded(texts);
    }

    private BertScore.Side side(Encoded e) {
        return new BertScore.Side(e.unitVectors(), idf.weights(e.tokens(), e.markers()), e.empty());
    }

    private List<Encoded> encoded(Collection<String> texts) {
        synchronized (shared) {
            List<String> missing = new ArrayList<>(new LinkedHashSet<>(texts));
            missing.removeIf(cache::containsKey);
            Map<String, Encoded> fresh = new LinkedHashMap<>();
            List<TokenEmbeddings> embedded = missing.isEmpty() ? List.of() : encoder.apply(missing);
            for (int i = 0; i < missing.size(); i++) {
                TokenEmbeddings t = embedded.get(i);
                fresh.put(missing.get(i), new Encoded(t.tokens(), BertScore.unitVectors(t.vectors()), t.markers()));
            }
            List<Encoded> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                Encoded e = fresh.get(text);
                out.add(e != null ? e : cache.get(text));
            }
            cache.putAll(fresh);
            return out;
        }
    }
}
