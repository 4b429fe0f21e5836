package xcot.tasks.induction;

/**
 * One induction prompt: five input/output demonstrations, ending {@code "\n\nThe instruction was"}. The prompt is
 * the only (user) message, verbatim.
 *
 * @param examplesSeen the five demonstrations as they appear in the prompt (the file's metadata)
 */
public record InductionItem(String task, String id, String prompt, String examplesSeen) {
    /** The item id xcot records use: {@code task/id}. */
    public String itemId() {
        return task + "/" + id;
    }
}
