package xcot.llm;

/**
 * One text's contextual token embeddings from an encoder: the token ids it was encoded as, each token's output
 * vector, and which tokens are the sequence markers the tokenizer adds (BERT's {@code [CLS]} and {@code [SEP]}).
 */
public record TokenEmbeddings(int[] tokens, float[][] vectors, boolean[] markers) {
    public TokenEmbeddings {
        if (vectors.length != tokens.length || markers.length != tokens.length) {
            throw new IllegalArgumentException(vectors.length + " vectors and " + markers.length + " flags for "
                    + tokens.length + " tokens");
        }
    }

    public int size() {
        return tokens.length;
    }
}
