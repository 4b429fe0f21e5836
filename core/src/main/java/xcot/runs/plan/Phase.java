package xcot.runs.plan;

/**
 * The phases of a run, in the order they run: each model writes its own CoTs, the ensembles write theirs, the CoTs
 * of the without-answer conditions lose their answer sentences, then each target answers after every inserted CoT.
 * A phase reads only what earlier phases produced.
 */
public enum Phase {
    OWN_COT("own CoT"),
    ENSEMBLE("ensemble"),
    ANSWER_REMOVAL("answer removal"),
    INSERTED_COT("inserted CoTs");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    /** The phase's name in progress lines and the dry run. */
    public String label() {
        return label;
    }
}
