package xcot.tasks.induction;

import java.util.List;
import java.util.Optional;

/** The similarity scorers xcot can compute, by the name {@code --similarity} and reports use. */
public final class SimilarityScorers {
    private static final List<SimilarityScorer> ALL = List.of(new TokenF1Scorer());

    private SimilarityScorers() {}

    public static Optional<SimilarityScorer> byName(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Every name, in a fixed order. */
    public static List<String> names() {
        return ALL.stream().map(SimilarityScorer::name).toList();
    }
}
