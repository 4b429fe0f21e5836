package xcot.runs.config;

import java.util.Map;
import java.util.Optional;
import xcot.methods.Stage;

/**
 * Built-in GBNF grammars a model can be constrained with, by name. They exist for random-weight models, whose free
 * text would never parse: {@code demo-medcalc-json} forces the shape {@code <think>…</think> {"answer": "N"}} (one
 * digit) so that MedCalc answers are extracted and judged like real ones; {@code demo-toy} forces the toy task's
 * {@code <think> a+b=s s+c=t </think> t} shape on a raw-completion prompt.
 */
public final class Grammars {
    /** One grammar per stage: while the model is still thinking, and once thinking is closed. */
    public record Spec(String thinking, String answer) {
        public String forStage(Stage stage) {
            return stage == Stage.THINKING ? thinking : answer;
        }
    }

    private static final String MEDCALC_ANSWER = "answer ::= \" {\\\"answer\\\": \\\"\" [0-9] \"\\\"}\"\n";
    private static final String TOY_NUMBER = "number ::= [0-9] [0-9]?\n";
    private static final Map<String, Spec> BUILT_IN = Map.of(
            "demo-medcalc-json", new Spec(
                    "root ::= thought \"</think>\" answer\nthought ::= [a-z ,.]{8,40}\n" + MEDCALC_ANSWER,
                    "root ::= answer\n" + MEDCALC_ANSWER),
            "demo-toy", new Spec(
                    "root ::= \"<think> \" [0-9] \"+\" [0-9] \"=\" number \" \" number \"+\" [0-9] \"=\" number"
                            + " \" </think> \" number\n" + TOY_NUMBER,
                    "root ::= \" \" number\n" + TOY_NUMBER));

    private Grammars() {}

    public static Optional<Spec> byName(String name) {
        return Optional.ofNullable(BUILT_IN.get(name));
    }

    public static String known() {
        return String.join(", ", BUILT_IN.keySet());
    }
}
