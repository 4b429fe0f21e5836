package xcot.tasks.toy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem of the toy task: {@code a+b+c=} with single digits, solved in two steps ({@code a+b}, then that sum
 * plus {@code c}). Its {@link #id()} ({@code "6+1+9"}) is the item id in xcot records.
 */
public record ToyProblem(int a, int b, int c) {
    /** Problems in the task: every triple of digits. */
    public static final int COUNT = 1000;
    private static final Pattern ID = Pattern.compile("(\\d)\\+(\\d)\\+(\\d)");

    public ToyProblem {
        if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) {
            throw new IllegalArgumentException("toy problem digits must be 0-9, not " + a + "," + b + "," + c);
        }
    }

    /** The problem numbered {@code n = 100a + 10b + c}. */
    public static ToyProblem ofNumber(int n) {
        if (n < 0 || n >= COUNT) {
            throw new IllegalArgumentException("toy problem number must be in [0, 1000), not " + n);
        }
        return new ToyProblem(n / 100, n / 10 % 10, n % 10);
    }

    /** The problem with this {@link #id()}. */
    public static ToyProblem parseId(String id) {
        Matcher m = ID.matcher(id);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a toy item id (digit+digit+digit): '" + id + "'");
        }
        return new ToyProblem(m.group(1).charAt(0) - '0', m.group(2).charAt(0) - '0', m.group(3).charAt(0) - '0');
    }

    /** All 1,000 problems in number order. */
    public static List<ToyProblem> all() {
        List<ToyProblem> all = new ArrayList<>(COUNT);
        for (int n = 0; n < COUNT; n++) {
            all.add(ofNumber(n));
        }
        return all;
    }

    /** {@code 100a + 10b + c}; the input of the held-out hash. */
    public int number() {
        return 100 * a + 10 * b + c;
    }

    /** The result of the first step, {@code a+b}. */
    public int firstSum() {
        return a + b;
    }

    /** The correct answer, {@code a+b+c}. */
    public int answer() {
        return a + b + c;
    }

    /** The raw completion prompt, e.g. {@code 6+1+9=}. */
    public String prompt() {
        return id() + "=";
    }

    /** The item id, e.g. {@code 6+1+9}. */
    public String id() {
        return a + "+" + b + "+" + c;
    }
}
