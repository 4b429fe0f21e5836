package xcot.tasks.medcalc;

/**
 * The paper's zero-shot MedCalc prompt (genex {@code evaluation/run.py: zero_shot}), verbatim. The typo
 * "procress" is part of the prompt the models saw. Messages are {@code [system, user]}; gpt-oss takes the system
 * text as its model identity instead (docs/reference-pipeline.md §1).
 */
public final class MedCalcPrompts {
    private static final String JSON_FORMAT = "{\"step_by_step_thinking\": str(your_step_by_step_thinking_procress_to_"
            + "solve_the_question), \"answer\": str(short_and_direct_answer_of_the_question)}";

    public static final String SYSTEM = "You are a helpful assistant for calculating a score for a given patient note. "
            + "Please think step-by-step to solve the question and then generate the required score. Your output "
            + "should only contain a JSON dict formatted as " + JSON_FORMAT + ".";

    /** A system and a user message. */
    public record Prompt(String system, String user) {}

    private MedCalcPrompts() {}

    /** The user message: ends with {@code ":"} and no newline. */
    public static String user(String patientNote, String question) {
        return "Here is the patient note:\n" + patientNote + "\n\nHere is the task:\n" + question
                + "\n\nPlease directly output the JSON dict formatted as " + JSON_FORMAT + ":";
    }

    public static Prompt zeroShot(MedCalcRow row) {
        return new Prompt(SYSTEM, user(row.patientNote(), row.question()));
    }
}
