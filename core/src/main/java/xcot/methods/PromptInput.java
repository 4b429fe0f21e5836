package xcot.methods;

import java.util.Arrays;
import java.util.Objects;

/** The input of one generation: text to tokenize, or an earlier generation's tokens continued. */
public sealed interface PromptInput {
    /** Text tokenized with special-token parsing; BOS per {@link xcot.profiles.ModelProfile#addSpecialTokens}. */
    record Text(String text) implements PromptInput {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /**
     * The tokens of {@code base}, then {@code generated} exactly as sampled, then {@code appended} tokenized without
     * BOS: pass 2 continues pass 1's token sequence instead of re-tokenizing its decoded text (Q6 fixed).
     */
    record Continuation(PromptInput base, int[] generated, String appended) implements PromptInput {
        public Continuation {
            Objects.requireNonNull(base, "base");
            generated = generated.clone();
            Objects.requireNonNull(appended, "appended");
        }

        @Override
        public int[] generated() {
            return generated.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Continuation c && base.equals(c.base) && Arrays.equals(generated, c.generated)
                    && appended.equals(c.appended);
        }

        @Override
        public int hashCode() {
            return Objects.hash(base, Arrays.hashCode(generated), appended);
        }

        @Override
        public String toString() {
            return "Continuation[" + base + " + " + generated.length + " tokens + " + appended + "]";
        }
    }
}
