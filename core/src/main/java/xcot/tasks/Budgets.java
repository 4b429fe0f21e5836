package xcot.tasks;

/**
 * New-token budgets of one benchmark's generations.
 *
 * @param cotTokens      own CoT, pass 1 (MedCalc 4096; Instruction Induction 2048 − 30 = 2018)
 * @param answerTokens   pass 2 after the thinking block is closed (MedCalc 100; Instruction Induction 30 forced)
 * @param insertedTokens the one pass after an inserted CoT (MedCalc 4196 = 4096 + 100: the target continues freely;
 *                       Instruction Induction 30)
 */
public record Budgets(int cotTokens, int answerTokens, int insertedTokens) {
    public Budgets {
        if (cotTokens < 1 || answerTokens < 1 || insertedTokens < 1) {
            throw new IllegalArgumentException("budgets must be positive: cot " + cotTokens + ", answer "
                    + answerTokens + ", inserted " + insertedTokens);
        }
    }
}
