package xcot.tasks.induction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xcot.metrics.BertScore;

/** BERTScore on MiniLM through llama.cpp, on a handful of instructions (the shared scorer of a run). */
class MiniLmBertScoreTest {
    private final BertScoreScorer scorer = (BertScoreScorer) Similarity.MINILM_BERTSCORE.scorer();

    @Test
    void anInstructionScoresOneAgainstItselfAndZeroAgainstNothing() {
        String s = "write a word that rhymes with the input";
        assertEquals(1.0, scorer.similarity(s, s), 1e-6);
        assertEquals(0.0, scorer.similarity("", s));
        assertEquals(0.0, scorer.similarity(s, ""));
    }

    @Test
    void paraphrasesScoreAboveUnrelatedInstructions() {
        String rhyme = "write a word that rhymes with the input";
        double paraphrase = scorer.similarity(rhyme, "output a word rhyming with the given word");
        double unrelated = scorer.similarity(rhyme, "sort the list of animals by their weight");
        System.out.printf("MiniLM BERTScore F1: paraphrase %.4f, unrelated %.4f%n", paraphrase, unrelated);
        assertTrue(paraphrase > unrelated + 0.05, paraphrase + " vs " + unrelated);
    }

    @Test
    void withoutIdfF1IsSymmetricAndPrecisionIsTheOtherWaysRecall() {
        String a = "translate the english word into french";
        String b = "give the french word for the input";
        BertScore ab = scorer.score(a, b);
        BertScore ba = scorer.score(b, a);
        assertEquals(ab.f1(), ba.f1(), 1e-12);
        assertEquals(ab.precision(), ba.recall(), 1e-12);
    }

    @Test
    void accuracyWeighsTokensByTheirIdfOverTheAnnotations() {
        List<String> annotations = List.of("write a word that rhymes with the input word",
                "output a rhyme of the word", "write a rhyming word");
        SimilarityScorer withIdf = scorer.forReferences(annotations);
        String prediction = "write a word that sounds like the input";
        double idf = withIdf.similarity(prediction, annotations.getFirst());
        double plain = scorer.similarity(prediction, annotations.getFirst());
        assertNotEquals(plain, idf, 1e-6);
        // the accuracy is the best F1 over the annotations, each scored with the shared idf weights
        double best = annotations.stream().mapToDouble(r -> withIdf.similarity(prediction, r)).max().orElseThrow();
        assertEquals(best, InductionScoring.accuracy(prediction, annotations, scorer), 1e-12);
    }

    @Test
    void configNames() {
        assertEquals(Similarity.TOKEN_F1, Similarity.fromConfigName("token-f1"));
        assertEquals(Similarity.MINILM_BERTSCORE, Similarity.fromConfigName("minilm-bertscore"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Similarity.fromConfigName("bleu"))
                .getMessage().contains("minilm-bertscore or token-f1"));
    }
}
