package xcot.llm;

/**
 * One text's contextual token embeddings from an encoder: the token ids it was encoded as (special tokens included,
 * e.g. {@code [CLS] ... [SEP]}), each token's output vector, and which tokens are special.
 */
public record TokenEmbeddings(int[] tokens, float[][] vectors, boolean[] special) {
    public TokenEmbeddings {
        if (vectors.length != tokens.length || special.length != tokens.length) {
            throw new IllegalArgumentException(vectors.length + " vectors and " + special.length + " flags for "
                    + tokens.length + " tokens");
        }
    }

    public int size() {
        return tokens.length;
    }
}
