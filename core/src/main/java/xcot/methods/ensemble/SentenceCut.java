package xcot.methods.ensemble;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import xcot.pycompat.PyStrings;

/**
 * Cuts a sampled continuation after its last sentence boundary, as the reference's
 * {@code truncate_to_last_sentence} does (docs/reference-pipeline.md §9 step 2):
 * <ol>
 *   <li>strip;</li>
 *   <li>find every {@code (?<!\d)([.!?])(?=\s|$|[A-Z])};</li>
 *   <li>for each, take the last whitespace-separated word of the text up to the match's end;</li>
 *   <li>skip the match if that word is an abbreviation ({@code \d+\.\d+$}, {@code [A-Za-z]{1,4}\.$} ignoring case,
 *       or {@code (?:[A-Za-z]{1,4}\.){2,}$}, each anchored at the word's start as {@code re.match} is);</li>
 *   <li>cut after the last match not skipped and strip; with none, keep the whole stripped fragment.</li>
 * </ol>
 * Python's character classes are spelled out, because Java's differ: {@code \s} is Python's whitespace
 * ({@link PyStrings#SPACE_CLASS}), {@code \d} is any Unicode decimal digit, and {@code [A-Za-z]} under
 * {@code re.IGNORECASE} also matches U+0130, U+0131, U+017F and U+212A (checked against CPython 3.11).
 *
 * <p>The first rule ({@code \d+\.\d+$}) can never match: the word ends with the boundary character, not a digit. It
 * is kept because the reference has it.
 */
public final class SentenceCut {
    /** The reference's {@code (?<!\d)} is checked by {@link #afterDigit}: a Java look-behind sees half a surrogate pair. */
    private static final Pattern BOUNDARY = Pattern.compile("[.!?](?=" + PyStrings.SPACE_CLASS + "|\\z|[A-Z])");
    private static final Pattern DECIMAL = Pattern.compile("\\p{Nd}+\\.\\p{Nd}+");
    private static final Pattern SHORT_WORD = Pattern.compile("[A-Za-z\\u0130\\u0131\\u017F\\u212A]{1,4}\\.");
    private static final Pattern DOTTED = Pattern.compile("(?:[A-Za-z]{1,4}\\.){2,}");

    /** Initials and dotted abbreviations: {@code J.}, {@code U.S.} (whose first period is followed by a capital). */
    private static final Pattern INITIALS = Pattern.compile("(?:[A-Za-z]\\.)+");
    /** Lower-cased, with their period. Clinical and scientific prose abbreviations that rarely end a sentence. */
    private static final Set<String> ABBREVIATIONS = Set.of("e.g.", "i.e.", "etc.", "vs.", "approx.", "cf.", "al.",
            "dr.", "mr.", "mrs.", "ms.", "prof.", "fig.", "no.", "vol.", "st.", "jr.", "sr.", "min.", "max.", "avg.",
            "est.", "incl.", "resp.", "temp.", "yr.", "yrs.", "hr.", "hrs.", "wk.", "wks.", "mo.", "mos.");

    private SentenceCut() {}

    /** The fragment cut after its last sentence boundary under {@code rule} (never null; may be empty). */
    public static String truncate(String text, SentenceRule rule) {
        Objects.requireNonNull(text, "text");
        String stripped = PyStrings.strip(text);
        int[] ends = ends(stripped, rule);
        return ends.length == 0 ? stripped : PyStrings.strip(stripped.substring(0, ends[ends.length - 1]));
    }

    /**
     * The end offsets (just after the {@code .!?}) of every sentence boundary of {@code text} under {@code rule}, in
     * order: where {@link #truncate} may cut, and where a text splits into sentences.
     */
    public static int[] ends(String text, SentenceRule rule) {
        Objects.requireNonNull(text, "text");
        boolean reference = rule == SentenceRule.REFERENCE_HEURISTIC;
        Matcher m = BOUNDARY.matcher(text);
        IntStream.Builder ends = IntStream.builder();
        while (m.find()) {
            if (reference && afterDigit(text, m.start())) {
                continue;
            }
            String word = lastWord(text, m.end());
            boolean abbreviation = reference ? isReferenceAbbreviation(word) : isListedAbbreviation(word);
            if (!abbreviation) {
                ends.add(m.end());
            }
        }
        return ends.build().toArray();
    }

    /** The reference's default rule. */
    public static String truncate(String text) {
        return truncate(text, SentenceRule.REFERENCE_HEURISTIC);
    }

    /** Python's {@code (?<!\d)}: whether the code point before {@code index} is a decimal digit. */
    private static boolean afterDigit(String text, int index) {
        return index > 0 && Character.getType(text.codePointBefore(index)) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code text[:end].split()[-1]}: the character before {@code end} is the boundary, never whitespace. */
    private static String lastWord(String text, int end) {
        int start = end;
        while (start > 0 && !PyStrings.isSpace(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, end);
    }

    private static boolean isReferenceAbbreviation(String word) {
        return DECIMAL.matcher(word).matches() || SHORT_WORD.matcher(word).matches()
                || DOTTED.matcher(word).matches();
    }

    private static boolean isListedAbbreviation(String word) {
        // A leading bracket or quote is not part of the abbreviation: "(e.g." still is one.
        String bare = word.replaceFirst("^[(\\[\"'“‘]+", "");
        return ABBREVIATIONS.contains(bare.toLowerCase(java.util.Locale.ROOT)) || INITIALS.matcher(bare).matches();
    }
}
