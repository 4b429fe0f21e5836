package xcot.methods;

/**
 * Where in the answer a generation starts: inside the thinking block, or after it. A model with a grammar (the demo's
 * random-weight models) is constrained by the grammar of the stage.
 */
public enum Stage {
    THINKING,
    ANSWER
}
