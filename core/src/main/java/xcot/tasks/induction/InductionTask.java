package xcot.tasks.induction;

import java.util.List;

/**
 * One of the paper's 20 Instruction Induction tasks and the ids of its 5 induction prompts.
 *
 * @param origin {@code honovich-2022} for the 8 original tasks, {@code genex-extra} for the 12 the authors added
 */
public record InductionTask(String name, String origin, List<String> itemIds) {
    public InductionTask {
        itemIds = List.copyOf(itemIds);
    }
}
