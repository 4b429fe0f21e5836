package xcot.profiles;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link ProfileDetector} found in a GGUF and why it chose the family.
 *
 * @param architecture     {@code general.architecture}
 * @param name             {@code general.name} or {@code general.basename}, if present
 * @param chatTemplate     {@code tokenizer.chat_template}, if present
 * @param specialTokens    the marker tokens found in the vocabulary, of those detection looks for
 * @param family           the detected family
 * @param reasons          the facts that decided it, in the order the rules were tried
 */
public record Detection(
        String architecture,
        Optional<String> name,
        Optional<String> chatTemplate,
        List<String> specialTokens,
        ModelFamily family,
        List<String> reasons) {
    public Detection {
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(chatTemplate, "chatTemplate");
        specialTokens = List.copyOf(specialTokens);
        Objects.requireNonNull(family, "family");
        reasons = List.copyOf(reasons);
    }

    /** The detected family's profile. */
    public ModelProfile profile() {
        return ModelProfile.of(family, chatTemplate);
    }
}
