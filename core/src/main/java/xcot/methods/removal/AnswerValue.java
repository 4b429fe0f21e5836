package xcot.methods.removal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A MedCalc answer as the reference writes it (a number {@code 25.238}, a date {@code 02/19/2024}, weeks and days
 * {@code (3, 1)} or {@code ('36 weeks', '3 days')}), and whether a text still mentions it. A number is mentioned by
 * any number in the text of the same value ({@code 9.0} for {@code 9}) or, for an answer with decimals, by a more
 * precise number that rounds half-up to it ({@code 22.07} for {@code 22.1}); a date by the same date in either
 * spelling; weeks and days by both {@code N weeks} and {@code M days}.
 */
public final class AnswerValue {
    private static final Pattern NUMBER = Pattern.compile("(?<![\\d.])-?\\d+(?:,\\d{3})*(?:\\.\\d+)?(?!\\d)");
    private static final Pattern NUMERIC_DATE = Pattern.compile("(?<!\\d)\\d{1,2}/\\d{1,2}/\\d{4}(?!\\d)");
    private static final Pattern MONTH_DATE =
            Pattern.compile("\\b[A-Za-z]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}\\b");
    private static final Pattern WEEKS_DAYS =
            Pattern.compile("\\(\\s*'?(\\d+)(?: weeks?)?'?\\s*,\\s*'?(\\d+)(?: days?)?'?\\s*\\)");

    private final String written;
    private final Predicate<String> mentioned;

    private AnswerValue(String written, Predicate<String> mentioned) {
        this.written = written;
        this.mentioned = mentioned;
    }

    /** The value {@code written} spells, or empty when it is none of the three forms (e.g. an error message). */
    public static Optional<AnswerValue> parse(String written) {
        String s = written.strip();
        Matcher weeksDays = WEEKS_DAYS.matcher(s);
        if (weeksDays.matches()) {
            Pattern weeks = Pattern.compile("(?<!\\d)" + Integer.parseInt(weeksDays.group(1)) + "\\s*weeks?\\b");
            Pattern days = Pattern.compile("(?<!\\d)" + Integer.parseInt(weeksDays.group(2)) + "\\s*days?\\b");
            return Optional.of(new AnswerValue(s, t -> weeks.matcher(t).find() && days.matcher(t).find()));
        }
        if (NUMERIC_DATE.matcher(s).matches()) {
            return StatedValues.date(s).map(date -> new AnswerValue(s, t -> mentionsDate(t, date)));
        }
        if (NUMBER.matcher(s).matches()) {
            return StatedValues.number(s).map(number -> new AnswerValue(s, t -> mentionsNumber(t, number)));
        }
        return Optional.empty();
    }

    /** Whether {@code text} mentions this value. */
    public boolean isMentionedIn(String text) {
        return mentioned.test(text);
    }

    @Override
    public String toString() {
        return written;
    }

    private static boolean mentionsNumber(String text, BigDecimal value) {
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            BigDecimal v = StatedValues.number(m.group()).orElseThrow();
            boolean rounded = value.scale() > 0 && v.scale() > value.scale()
                    && v.setScale(value.scale(), RoundingMode.HALF_UP).compareTo(value) == 0;
            if (v.compareTo(value) == 0 || rounded) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsDate(String text, List<Integer> monthDayYear) {
        for (Pattern p : List.of(NUMERIC_DATE, MONTH_DATE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                if (StatedValues.date(m.group()).filter(monthDayYear::equals).isPresent()) {
                    return true;
                }
            }
        }
        return false;
    }
}
