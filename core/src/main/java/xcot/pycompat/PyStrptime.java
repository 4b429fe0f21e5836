package xcot.pycompat;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code datetime.strptime(text, "%m/%d/%Y")} as CPython's {@code _strptime} does it: the directive regexes it
 * builds, a match anchored at the start, then the calendar check; with the exact {@code ValueError} texts, because
 * the reference stores them as answers ({@code time data 'N/A' does not match format '%m/%d/%Y'}).
 */
public final class PyStrptime {
    private static final String FORMAT = "%m/%d/%Y";
    private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
            "(1[0-2]|0[1-9]|[1-9])/(3[01]|[12]\\p{Nd}|0[1-9]|[1-9]| [1-9])/(\\p{Nd}\\p{Nd}\\p{Nd}\\p{Nd})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private PyStrptime() {}

    public static LocalDate monthDayYear(String text) throws PyError {
        Matcher m = MONTH_DAY_YEAR.matcher(text);
        if (!m.lookingAt()) {
            throw PyError.value("time data " + PyStrings.repr(text) + " does not match format " + PyStrings.repr(FORMAT));
        }
        if (m.end() != text.length()) {
            throw PyError.value("unconverted data remains: " + text.substring(m.end()));
        }
        int month = digits(m.group(1));
        int day = digits(m.group(2).strip());
        int year = digits(m.group(3));
        if (year < 1) {
            throw PyError.value("year " + year + " is out of range");
        }
        try {
            return LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            throw PyError.value("day is out of range for month");
        }
    }

    /** Python's {@code int()} of a run of Unicode decimal digits. */
    private static int digits(String text) {
        int value = 0;
        for (int i = 0; i < text.length(); i++) {
            value = value * 10 + Character.digit(text.charAt(i), 10);
        }
        return value;
    }
}
