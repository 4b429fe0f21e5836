package xcot.methods.removal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.tasks.BenchmarkKind;

/**
 * The answer-removal filter's prompt and its input/output extractor, verbatim from the reference
 * ({@code openai_remove_answer.py} of both benchmarks; docs/reference-pipeline.md §8), trailing spaces included.
 */
public final class FilterPrompt {
    /** The body with {@code {text}} where the CoT goes. Lines keep the reference's trailing spaces. */
    static final String BODY = String.join("\n",
            "Task: Keep only the hints from the text and remove answer sentences.",
            "",
            "Definition: ",
            "- A \"hint/explanation sentence\" provides guidance that helps someone think about the problem without "
                    + "giving the final solution.  ",
            "- An \"answer sentence\" directly states the final answer, solution, result, or conclusion.",
            "",
            "Instructions:  ",
            "1. Keep every hint/explanation sentence exactly as written.  ",
            "2. Remove all answer sentences and statements.",
            "3. Preserve the original wording, order, and formatting of the remaining text.",
            "4. Do not add, rephrase, or generate any new text beyond what is already in the original.",
            "5. Output only the hints.",
            "",
            "Original text:",
            "{text}");
    /** Instruction Induction's script writes the prompt as an f-string indented by 8 spaces. */
    static final String INDENT = " ".repeat(8);

    private static final Pattern THINK = Pattern.compile("<think>(.*?)(</think>|$)", Pattern.DOTALL);
    private static final Pattern THINK_ANY_CASE = Pattern.compile("<think>(.*?)(</think>|$)",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    private FilterPrompt() {}

    /**
     * The one user message for {@code text}: MedCalc {@code "\n" + body + "\n"}; Instruction Induction
     * {@code "\n"}, every line of the body indented by 8 spaces (blank lines too), then {@code "\n" + 8 spaces}. The
     * text is substituted after indenting, as in an f-string, so only its first line is indented.
     */
    public static String message(BenchmarkKind kind, String text) {
        if (kind.indentedFilterPrompt()) {
            String indented = INDENT + BODY.replace("\n", "\n" + INDENT);
            return "\n" + indented.replace("{text}", text) + "\n" + INDENT;
        }
        return "\n" + BODY.replace("{text}", text) + "\n";
    }

    /**
     * The extractor applied to the filter's input and to its output (§8): the span after the first {@code <think>}
     * up to {@code </think>} or the end, stripped; the whole text when there is no {@code <think>}. MedCalc matches
     * the tag in any case; Instruction Induction also removes stray markers.
     */
    public static String extract(BenchmarkKind kind, String text) {
        if (kind.indentedFilterPrompt()) {
            Matcher m = THINK.matcher(text);
            if (!m.find()) {
                return text;
            }
            return m.group(1).replace("assistantanalysis", "").replace("<|end_of_thought|>", "")
                    .replace("</think>", "").strip();
        }
        Matcher m = THINK_ANY_CASE.matcher(text);
        return m.find() ? m.group(1).strip() : text;
    }
}
