package xcot.runs;

import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import xcot.methods.removal.OpenAiClient;
import xcot.methods.removal.OpenAiEndpoint;
import xcot.runs.config.AnswerRemovalConfig;
import xcot.runs.config.ConfigException;
import xcot.runs.plan.Phase;
import xcot.runs.plan.RunPlan;

/**
 * The preflight of the HTTP answer remover: when the plan removes answers over HTTP, the key must be set, the base URL
 * plain, and the endpoint must answer one cheap request and take the key ({@link OpenAiClient#checkReachable}) — before
 * any model is loaded, rather than when the answer-removal phase starts after hours of own CoTs.
 */
final class EndpointCheck {
    private EndpointCheck() {}

    /**
     * @param waiting told each wait before a retry of the check's request
     * @throws ConfigException        when the key is missing or the base URL is refused (one line, no URL)
     * @throws xcot.methods.removal.AnswerRemovalException when the endpoint does not answer or refuses the key
     */
    static void check(RunPlan plan, Map<String, String> env, Consumer<String> waiting) {
        AnswerRemovalConfig removal = plan.config().answerRemoval();
        if (removal.method() != AnswerRemovalConfig.Method.HTTP
                || plan.steps().stream().noneMatch(s -> s.phase() == Phase.ANSWER_REMOVAL)) {
            return;
        }
        OpenAiEndpoint endpoint;
        try {
            endpoint = OpenAiEndpoint.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(plan.config().source(), 0, e.getMessage());
        }
        try (OpenAiClient client = OpenAiClient.standard(endpoint, Duration.ofSeconds(removal.timeoutSeconds()),
                waiting)) {
            client.checkReachable();
        }
    }
}
