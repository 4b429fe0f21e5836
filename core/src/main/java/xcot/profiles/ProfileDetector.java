package xcot.profiles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import xcot.gguf.GgufException;
import xcot.gguf.GgufFile;
import xcot.gguf.GgufKeys;
import xcot.gguf.GgufMetadata;

/**
 * Detects a model's {@link ModelFamily} from its GGUF metadata alone (no native load): architecture, name, chat
 * template fingerprints and the marker tokens in the vocabulary. The first rule that matches decides; its facts are
 * recorded as reasons, which {@code xcot models inspect} prints. A run config can override the result.
 */
public final class ProfileDetector {
    /** The vocabulary entries detection looks for. */
    static final List<String> MARKER_TOKENS = List.of("<|begin_of_thought|>", "<|channel|>", "<｜Assistant｜>",
            "<think>", "</think>", "<|im_start|>");
    private static final String BASENAME = "general.basename";

    private ProfileDetector() {}

    /**
     * @throws IllegalArgumentException when no rule matches (no chat template and no thinking tokens): the message
     *                                  says to set the profile in the config
     */
    public static Detection detect(GgufFile gguf) throws GgufException {
        GgufMetadata m = gguf.metadata();
        String arch = m.findString(GgufKeys.ARCHITECTURE).orElse("");
        Optional<String> name = m.findString(GgufKeys.NAME).or(() -> findString(m, BASENAME));
        Optional<String> template = m.findString(GgufKeys.CHAT_TEMPLATE);
        List<String> markers = markersIn(m);
        String lowerName = name.orElse("").toLowerCase(Locale.ROOT);
        String tmpl = template.orElse("");
        List<String> reasons = new ArrayList<>();

        ModelFamily family;
        if (arch.equals("gpt-oss") || (markers.contains("<|channel|>") && tmpl.contains("<|channel|>"))) {
            reasons.add(arch.equals("gpt-oss") ? "general.architecture is 'gpt-oss'"
                    : "vocabulary and chat template use the harmony token <|channel|>");
            family = ModelFamily.GPT_OSS;
        } else if (markers.contains("<|begin_of_thought|>") || lowerName.contains("openthinker")) {
            reasons.add(markers.contains("<|begin_of_thought|>") ? "vocabulary has <|begin_of_thought|>"
                    : "name '" + name.orElse("") + "' contains 'openthinker'");
            family = ModelFamily.OPENTHINKER;
        } else if (markers.contains("<｜Assistant｜>") || tmpl.contains("<｜Assistant｜>")) {
            reasons.add("DeepSeek chat tokens <｜Assistant｜> in the " + (markers.contains("<｜Assistant｜>")
                    ? "vocabulary" : "chat template"));
            family = ModelFamily.DEEPSEEK_R1_DISTILL;
        } else if (lowerName.contains("qwq") || opensThinkInGenerationPrompt(tmpl)) {
            reasons.add(lowerName.contains("qwq") ? "name '" + name.orElse("") + "' contains 'qwq'"
                    : "the chat template's generation prompt opens <think>");
            family = ModelFamily.QWQ;
        } else if (lowerName.contains("dapo")) {
            reasons.add("name '" + name.orElse("") + "' contains 'dapo'");
            family = ModelFamily.DAPO;
        } else if (template.isEmpty() && markers.contains("<think>") && markers.contains("</think>")) {
            reasons.add("no chat template, and <think>/</think> tokens: a raw-completion reasoning model");
            family = ModelFamily.TOY;
        } else if (template.isPresent()) {
            reasons.add("no family-specific name, token or template fingerprint; the GGUF has a chat template"
                    + (tmpl.contains("<|im_start|>") ? " (ChatML)" : ""));
            family = ModelFamily.GENERIC;
        } else {
            throw new IllegalArgumentException(gguf.path() + ": cannot detect the prompt format (no chat template, "
                    + "no thinking tokens); set 'profile' in the run config (" + ModelFamily.knownIds() + ")");
        }
        return new Detection(arch, name, template, markers, family, reasons);
    }

    /**
     * QwQ's template ends its generation prompt with {@code <|im_start|>assistant\n<think>\n}. In the Jinja source
     * the newlines are usually written as the escape {@code \n}; both spellings are accepted.
     */
    static boolean opensThinkInGenerationPrompt(String template) {
        return template.contains("<|im_start|>assistant\n<think>") || template.contains("<|im_start|>assistant\\n<think>");
    }

    private static List<String> markersIn(GgufMetadata m) throws GgufException {
        if (!m.contains(GgufKeys.TOKENS)) {
            return List.of();
        }
        Set<String> vocabulary = new HashSet<>(m.getStrings(GgufKeys.TOKENS));
        return MARKER_TOKENS.stream().filter(vocabulary::contains).toList();
    }

    private static Optional<String> findString(GgufMetadata m, String key) {
        try {
            return m.findString(key);
        } catch (GgufException e) {
            return Optional.empty();
        }
    }
}
