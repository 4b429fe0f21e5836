package xcot.tasks.medcalc;

import java.util.regex.Matcher;
import xcot.pycompat.PyEnvironment;
import xcot.pycompat.PyError;
import xcot.pycompat.PyExpressions;
import xcot.pycompat.PyOperators;
import xcot.pycompat.PyStrptime;
import xcot.pycompat.PyValue;

/**
 * MedCalc-Bench v1.0's {@code check_correctness}: both sides are evaluated as Python expressions and compared by
 * calculator kind. A {@link PyError} means the reference would have raised (and stored the error as the answer).
 */
public final class Correctness {
    private Correctness() {}

    public static boolean isCorrect(String answer, GroundTruth truth) throws PyError {
        return switch (CalculatorKind.require(truth.calculatorId())) {
            case DATE -> PyStrptime.monthDayYear(answer).equals(PyStrptime.monthDayYear(truth.answer()));
            case GESTATIONAL_AGE -> gestationalAge(answer, truth.answer());
            case INTEGER -> PyOperators.compare("==", PyOperators.round(eval(answer)), eval(truth.answer()));
            // `and` short-circuits: the upper limit is not evaluated when the lower bound already fails.
            case DECIMAL -> {
                PyValue value = eval(answer);
                yield PyOperators.compare(">=", value, eval(truth.lowerLimit()))
                        && PyOperators.compare("<=", value, eval(truth.upperLimit()));
            }
        };
    }

    /** Both sides read with the reference pattern; an answer without two numbers is simply wrong. */
    private static boolean gestationalAge(String answer, String truth) throws PyError {
        Matcher t = AnswerNormalizer.WEEKS_DAYS.matcher(truth);
        if (!t.find()) {
            throw new PyError("AttributeError", "'NoneType' object has no attribute 'group'");
        }
        String truthPair = "(" + t.group(1) + ", " + t.group(3) + ")";
        Matcher a = AnswerNormalizer.WEEKS_DAYS.matcher(answer);
        if (!a.find()) {
            return false;
        }
        String answerPair = "(" + a.group(1) + ", " + a.group(3) + ")";
        return PyOperators.compare("==", eval(answerPair), eval(truthPair));
    }

    private static PyValue eval(String source) throws PyError {
        return PyExpressions.eval(source, PyEnvironment.STANDARD);
    }
}
