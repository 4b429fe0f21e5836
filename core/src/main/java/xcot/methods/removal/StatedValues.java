package xcot.methods.removal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values a sentence states as results, and whether two written values are the same value. A value is a number
 * ({@code 9}, {@code -0.12}, {@code 1,440}) or a date ({@code 02/19/2024}, {@code February 19, 2024}); it is stated
 * as a result when it follows an operator or a copula ({@code = 9}, {@code ≈ 431.4}, {@code → 2 points}, {@code is 64},
 * {@code would be approximately 22.1}, {@code \approx 75.44}), and is not the start of a range ({@code 130-139}) or
 * a label ({@code 2:}).
 */
final class StatedValues {
    private static final String NUMBER = "-?\\d+(?:,\\d{3})*(?:\\.\\d+)?";
    private static final String DATE = "\\d{1,2}/\\d{1,2}/\\d{2,4}"
            + "|(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?"
            + "|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}";
    private static final String OPERATOR = "(?:=|≈|≅|≃|→|->|=>|~|\\\\approx|\\bequals?|\\bgives?|\\bgiving"
            + "|\\bcomes? to|\\bcome out to|\\byields?|\\bleading to|\\bresults? in|\\btotal(?:ing|s)? of|\\bis|\\bare|\\bwas"
            + "|\\bwould be|\\bshould be|\\bwill be|\\bbecomes?|\\bget|\\bgets|\\bto)";
    /** Markup and hedges allowed between the operator and the value: $, \(, **, <code>\boxed{</code>, "about". */
    private static final String BETWEEN = "\\s*(?:\\$|\\\\\\(|\\\\\\[|\\*\\*|\\\\boxed\\{)?\\s*"
            + "(?:just |only |exactly |approximately |approx\\.? |about |around |roughly |nearly |~|≈)?\\s*";
    private static final Pattern RESULT = Pattern.compile(OPERATOR + BETWEEN + "(?<![\\d.])(" + DATE + "|" + NUMBER
            + ")(?![\\d/]|\\.\\d|\\s*[-–]\\s*\\d|\\s*:|\\s*\\))", Pattern.CASE_INSENSITIVE);
    private static final Pattern MONTH_DATE =
            Pattern.compile("([A-Za-z]+)\\.? (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})");
    private static final List<String> MONTHS =
            List.of("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");
    /** A score up to this size is too common in a CoT (criteria, sub-scores) to mark the conclusion on its own. */
    private static final int SMALL_INTEGER = 20;

    private StatedValues() {}

    /** The values {@code sentence} states as results, in order, as written. */
    static List<String> results(String sentence) {
        List<String> values = new ArrayList<>();
        Matcher m = RESULT.matcher(sentence);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values;
    }

    /** Whether {@code sentence} states {@code value} (or a rounding of it) as a result. */
    static boolean states(String sentence, String value) {
        return results(sentence).stream().anyMatch(v -> sameValue(v, value));
    }

    /**
     * Equal numbers ({@code 20} and {@code 20.0}), one number the other rounded half-up to its decimals
     * ({@code 430.8} and {@code 431}, {@code 22.07} and {@code 22.1}; a rounding to an integer counts from 10 up, so
     * {@code 9.4} is not {@code 9}), or the same calendar date however written.
     */
    static boolean sameValue(String a, String b) {
        Optional<List<Integer>> dateA = date(a);
        Optional<List<Integer>> dateB = date(b);
        if (dateA.isPresent() || dateB.isPresent()) {
            return dateA.equals(dateB);
        }
        Optional<BigDecimal> x = number(a);
        Optional<BigDecimal> y = number(b);
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.get().compareTo(y.get()) == 0) {
            return true;
        }
        int placesA = x.get().scale();
        int placesB = y.get().scale();
        if (placesA == placesB) {
            return false;
        }
        BigDecimal coarse = placesA < placesB ? x.get() : y.get();
        BigDecimal fine = placesA < placesB ? y.get() : x.get();
        if (coarse.scale() <= 0 && coarse.abs().compareTo(BigDecimal.TEN) < 0) {
            return false;
        }
        return fine.setScale(coarse.scale(), RoundingMode.HALF_UP).compareTo(coarse) == 0;
    }

    /** An integer score of at most {@value #SMALL_INTEGER} in size. */
    static boolean isSmallInteger(String value) {
        return !value.contains(".") && number(value)
                .filter(v -> v.abs().compareTo(BigDecimal.valueOf(SMALL_INTEGER)) <= 0).isPresent();
    }

    /** The number {@code text} spells, thousands separators dropped; its scale is the decimals as written. */
    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.replace(",", "")));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Month, day, year of a written date ({@code 2/19/2024}, {@code Feb 19, 2024}). */
    static Optional<List<Integer>> date(String text) {
        if (text.contains("/")) {
            String[] parts = text.split("/");
            try {
                List<Integer> fields = new ArrayList<>();
                for (String p : parts) {
                    fields.add(Integer.parseInt(p.strip()));
                }
                return Optional.of(fields);
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        Matcher m = MONTH_DATE.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int month = MONTHS.indexOf(m.group(1).substring(0, Math.min(3, m.group(1).length())).toLowerCase(Locale.ROOT));
        if (month < 0) {
            return Optional.empty();
        }
        return Optional.of(List.of(month + 1, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
    }
}
