package xcot.tasks.medcalc;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xcot.pycompat.PyEnvironment;
import xcot.pycompat.PyError;
import xcot.pycompat.PyExpressions;
import xcot.pycompat.PyOperators;
import xcot.pycompat.PyStrings;
import xcot.pycompat.PyValue;
import xcot.reference.Quirk;
import xcot.reference.Quirks;

/**
 * Turns an extracted answer string into the normalized answer the reference stores (genex {@code extract_answer},
 * second half; docs/reference-pipeline.md §5.3), by calculator kind. {@code "N/A"} means nothing usable was found. A
 * {@link PyError} is a failure the reference would have stored as the answer (e.g. {@code eval("08")}).
 */
public final class AnswerNormalizer {
    /** The reference's marker for "no answer of the right shape". */
    public static final String NOT_AVAILABLE = "N/A";

    private static final String S = PyStrings.SPACE_CLASS;
    private static final String D = "\\p{Nd}";
    private static final String NUMBER = "(-?" + D + "+(\\." + D + "+)?)";
    private static final Pattern DATE = Pattern.compile("^(0?[1-9]|1[0-2])/(0?[1-9]|[12][0-9]|3[01])/(" + D + "{4})");
    /** The reference's weeks/days pattern R (fragile: {@code "42 days"} matches as 4 and 2). */
    static final Pattern WEEKS_DAYS = Pattern.compile("\\(?[\"']?(" + D + "+)" + S + "*(weeks?)?[\"']?,?" + S
            + "*[\"']?(" + D + "+)" + S + "*(days?)?[\"']?" + S + "*\\)?");
    private static final Pattern WEEKS = Pattern.compile("(" + D + "+)" + S + "*(?:weeks?|wks?)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DAYS = Pattern.compile("(" + D + "+)" + S + "*(?:days?|d)\\b", Pattern.CASE_INSENSITIVE);
    private static final Pattern PAIR = Pattern.compile("(" + D + "+)" + S + "*," + S + "*(" + D + "+)");
    private static final Pattern OUT_OF = Pattern.compile("(" + D + "+) out of");
    private static final Pattern NUMBER_LIST = Pattern.compile("-?" + D + "+(, ?-?" + D + "+)+");
    private static final Pattern ANY_NUMBER = Pattern.compile(NUMBER);
    private static final Pattern STR_CALL = Pattern.compile("str\\((.*)\\)", Pattern.UNIX_LINES);
    private static final Pattern EGFR = Pattern.compile(NUMBER + S + "*mL/min/1.73", Pattern.UNIX_LINES);
    private static final Pattern PERCENT = Pattern.compile(NUMBER + "%");

    private final Quirks options;

    public AnswerNormalizer(Quirks options) {
        this.options = options;
    }

    public String normalize(String extracted, int calculatorId) throws PyError {
        return switch (CalculatorKind.require(calculatorId)) {
            case DATE -> date(extracted);
            case GESTATIONAL_AGE -> gestationalAge(extracted);
            case INTEGER -> integer(extracted);
            case DECIMAL -> decimal(extracted);
        };
    }

    /** Must start with M/D/YYYY; re-padded to MM/DD/YYYY. */
    private static String date(String s) {
        Matcher m = DATE.matcher(s);
        if (!m.find()) {
            return NOT_AVAILABLE;
        }
        return String.format("%02d/%02d/%s", Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3));
    }

    private String gestationalAge(String s) throws PyError {
        if (options.has(Quirk.ID69_RAISE) && !WEEKS_DAYS.matcher(s).find()) {
            // The reference formats a throw-away ground truth from match.group() before checking the match.
            throw new PyError("AttributeError", "'NoneType' object has no attribute 'group'");
        }
        String cleaned = s.replace("[", "(").replace("]", ")").replace("'", "").replace("\"", "");
        if (options.has(Quirk.ID69_DIGIT_SPLIT)) {
            Matcher m = WEEKS_DAYS.matcher(cleaned);
            return m.find() ? "(" + m.group(1) + ", " + m.group(3) + ")" : NOT_AVAILABLE;
        }
        return weeksDaysByUnit(cleaned);
    }

    /** The fixed reading: numbers labelled weeks/days, else a bare pair; days beyond a week carried over. */
    private static String weeksDaysByUnit(String s) {
        Matcher weeks = WEEKS.matcher(s);
        Matcher days = DAYS.matcher(s);
        boolean hasWeeks = weeks.find();
        boolean hasDays = days.find();
        long w;
        long d;
        if (hasWeeks || hasDays) {
            w = hasWeeks ? digits(weeks.group(1)) : 0;
            d = hasDays ? digits(days.group(1)) : 0;
        } else {
            Matcher pair = PAIR.matcher(s);
            if (!pair.find()) {
                return NOT_AVAILABLE;
            }
            w = digits(pair.group(1));
            d = digits(pair.group(2));
        }
        if (w < 0 || d < 0) {
            return NOT_AVAILABLE;
        }
        return "(" + (w + d / 7) + ", " + (d % 7) + ")";
    }

    /** Python's {@code int()} of a digit run; -1 when it does not fit (no sensible gestational age does). */
    private static long digits(String text) {
        if (text.length() > 12) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            value = value * 10 + Character.digit(text.charAt(i), 10);
        }
        return value;
    }

    /** "N out of" → N; a comma list → its length; else the last number, kept as written. */
    private static String integer(String s) {
        Matcher outOf = OUT_OF.matcher(s);
        if (outOf.find()) {
            return outOf.group(1);
        }
        Matcher list = NUMBER_LIST.matcher(s);
        if (list.find()) {
            return Integer.toString(list.group().split(",", -1).length);
        }
        String last = lastNumber(ANY_NUMBER, s);
        return last == null ? NOT_AVAILABLE : last;
    }

    /**
     * {@code str(<expr>)} evaluated; else a number before {@code mL/min/1.73}; else the last percentage divided by
     * 100; else the last number; printed with Python's {@code str()}. Evaluating a plain number can raise (leading
     * zeros), and the reference lets that escape.
     */
    private static String decimal(String s) throws PyError {
        Matcher call = STR_CALL.matcher(s);
        if (call.find()) {
            try {
                return PyExpressions.eval(cleanExpression(call.group(1)), PyEnvironment.RESTRICTED).str();
            } catch (PyError e) {
                return NOT_AVAILABLE;
            }
        }
        Matcher egfr = EGFR.matcher(s);
        if (egfr.find()) {
            return PyExpressions.eval(egfr.group(1), PyEnvironment.STANDARD).str();
        }
        String percent = lastNumber(PERCENT, s);
        if (percent != null) {
            PyValue value = PyExpressions.eval(percent, PyEnvironment.STANDARD);
            return PyOperators.divide(value, PyValue.PyInt.of(100)).str();
        }
        String last = lastNumber(ANY_NUMBER, s);
        return last == null ? NOT_AVAILABLE : PyExpressions.eval(last, PyEnvironment.STANDARD).str();
    }

    /** The reference's clean-up of a {@code str(...)} body, replacement order included. */
    static String cleanExpression(String expression) {
        String e = expression.replace("^", "**").replace("is odd", "% 2 == 1").replace("is even", "% 2 == 0")
                .replace("sqrt", "math.sqrt").replace(".math", "").replace("weight", "").replace("height", "")
                .replace("mg/dl", "").replace("g/dl", "").replace("mmol/L", "").replace("kg", "").replace("g", "")
                .replace("mEq/L", "");
        int hash = e.indexOf('#');
        if (hash >= 0) {
            e = e.substring(0, hash);
        }
        long open = e.chars().filter(c -> c == '(').count();
        long close = e.chars().filter(c -> c == ')').count();
        if (open > close) {
            e = e + ")".repeat((int) (open - close));
        } else if (close > open) {
            e = "(".repeat((int) (close - open)) + e;
        }
        return e;
    }

    private static String lastNumber(Pattern pattern, String s) {
        Matcher m = pattern.matcher(s);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last;
    }
}
