package xcot.profiles;

import java.util.Objects;
import xcot.reference.Quirks;
import xcot.tasks.BenchmarkKind;
import xcot.tasks.toy.ToyTask;

/**
 * How one model family marks its thinking in decoded text, for one benchmark protocol and set of flags: the markers
 * that delimit the CoT when it is extracted (docs/reference-pipeline.md §5.1, §6.3), where the answer begins (§5.2,
 * §6.4), and what is appended when a generation did not close its thinking (§4.1 step 4, §6.2).
 *
 * @param open        opening marker of the thinking span
 * @param close       closing marker of the thinking span
 * @param answerStart the answer is read after the first occurrence of this marker
 * @param closing     appended to close an unclosed thinking block (gpt-oss: through the final channel's header)
 */
public record ThinkingFormat(String open, String close, String answerStart, String closing) {
    public ThinkingFormat {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(answerStart, "answerStart");
        Objects.requireNonNull(closing, "closing");
    }

    static final String THINK_OPEN = "<think>";
    static final String THINK_CLOSE = "</think>";
    static final String THOUGHT_OPEN = "<|begin_of_thought|>";
    static final String THOUGHT_CLOSE = "<|end_of_thought|>";
    static final String SOLUTION_OPEN = "<|begin_of_solution|>";
    /** Harmony headers as special tokens. */
    static final String OSS_ANALYSIS = "<|channel|>analysis<|message|>";
    static final String OSS_END = "<|end|>";
    static final String OSS_ASSISTANT = "<|start|>assistant";
    static final String OSS_FINAL = "<|channel|>final<|message|>";
    /** Harmony headers as the reference's decoded text shows them once special tokens are skipped (Q3, Q6). */
    static final String OSS_PLAIN_ANALYSIS = "assistantanalysis";
    static final String OSS_PLAIN_FINAL = "assistantfinal";

    /** The format of {@code family} under {@code kind} and {@code flags}. */
    public static ThinkingFormat of(ModelFamily family, BenchmarkKind kind, Quirks flags) {
        return switch (family) {
            case QWQ, DAPO, DEEPSEEK_R1_DISTILL, GENERIC -> new ThinkingFormat(THINK_OPEN, THINK_CLOSE, THINK_CLOSE,
                    THINK_CLOSE);
            case TOY -> new ThinkingFormat(ToyTask.THINK_OPEN, ToyTask.THINK_CLOSE, ToyTask.THINK_CLOSE,
                    ToyTask.closing());
            case OPENTHINKER -> new ThinkingFormat(THOUGHT_OPEN, THOUGHT_CLOSE, THOUGHT_CLOSE, THOUGHT_CLOSE);
            case GPT_OSS -> {
                if (kind.plaintextOssChannels(flags)) {
                    yield ossPlaintext();
                }
                String open = kind.ossFullChannelHeader() ? OSS_ASSISTANT + OSS_ANALYSIS : OSS_ANALYSIS;
                yield new ThinkingFormat(open, OSS_END, OSS_FINAL, OSS_END + OSS_ASSISTANT + OSS_FINAL);
            }
        };
    }

    /**
     * gpt-oss's channels as text decoded with special tokens skipped shows them: the harmony headers are special
     * tokens, and what is left of {@code <|start|>assistant<|channel|>final<|message|>} is {@code assistantfinal}.
     */
    static ThinkingFormat ossPlaintext() {
        return new ThinkingFormat(OSS_PLAIN_ANALYSIS, OSS_PLAIN_FINAL, OSS_PLAIN_FINAL, OSS_PLAIN_FINAL);
    }

    /**
     * What to append to {@code generated} (everything the model generated so far) to close its thinking: empty when
     * the answer marker is already there (§4.1 step 4, §6.2). The generated text is checked rather than prompt plus
     * generation because a harmony prompt already contains {@code <|end|>}; a gpt-oss analysis that ended with
     * {@code <|end|>} only needs the final channel's header. OpenThinker also needs {@code <|begin_of_solution|>}.
     */
    public String closingFor(String generated) {
        StringBuilder append = new StringBuilder();
        if (!generated.contains(answerStart)) {
            boolean ossAnalysisEnded = closing.startsWith(OSS_END) && generated.stripTrailing().endsWith(OSS_END);
            append.append(ossAnalysisEnded ? closing.substring(OSS_END.length()) : closing);
        }
        if (close.equals(THOUGHT_CLOSE) && !generated.contains(SOLUTION_OPEN)) {
            append.append(SOLUTION_OPEN);
        }
        return append.toString();
    }
}
