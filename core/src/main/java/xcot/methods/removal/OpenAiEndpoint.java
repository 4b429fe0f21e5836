package xcot.methods.removal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import xcot.io.Secrets;

/**
 * Where the HTTP answer remover sends its requests and as whom, from the environment:
 * <ul>
 *   <li>{@value #ENV_BASE_URL}: base URL, default {@value #DEFAULT_BASE_URL}</li>
 *   <li>{@value #ENV_API_KEY}: bearer key (required)</li>
 *   <li>{@value #ENV_MODEL}: model, default {@value #DEFAULT_MODEL}</li>
 *   <li>{@value #ENV_REASONING_EFFORT}: {@code reasoning_effort}, default {@value #DEFAULT_EFFORT}; {@code none}
 *       leaves it out (for endpoints that reject it)</li>
 * </ul>
 * The key is only ever sent, never printed: {@link #toString()} leaves it out and {@link #redact} masks it in whatever
 * a server answers. A base URL with credentials ({@code user:password@}) or a query is refused, and the refusal does
 * not repeat it: the key belongs in {@value #ENV_API_KEY}, and a URL is printed in every message about the endpoint.
 *
 * @param base            the base URL, without a trailing slash, userinfo, query or fragment
 * @param apiKey          the bearer key
 * @param model           the model the requests name
 * @param reasoningEffort the {@code reasoning_effort} sent, or {@code none}
 */
public record OpenAiEndpoint(URI base, String apiKey, String model, String reasoningEffort) {
    public static final String ENV_BASE_URL = "XCOT_FILTER_BASE_URL";
    public static final String ENV_API_KEY = "XCOT_FILTER_API_KEY";
    public static final String ENV_MODEL = "XCOT_FILTER_MODEL";
    public static final String ENV_REASONING_EFFORT = "XCOT_FILTER_REASONING_EFFORT";
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "o4-mini";
    public static final String DEFAULT_EFFORT = "medium";

    public OpenAiEndpoint {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(reasoningEffort, "reasoningEffort");
        if (base.getRawUserInfo() != null) {
            throw new IllegalArgumentException(ENV_BASE_URL + " holds credentials (user:password@); leave them out "
                    + "and put the key in " + ENV_API_KEY);
        }
        String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
            throw new IllegalArgumentException(ENV_BASE_URL + " is not an http(s)://host/... URL");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new IllegalArgumentException(ENV_BASE_URL + " has a query or fragment; it must be a base URL such "
                    + "as " + DEFAULT_BASE_URL + " (the key belongs in " + ENV_API_KEY + ")");
        }
        if (base.getRawPath() != null && base.getRawPath().endsWith("/")) {
            base = URI.create(base.toString().replaceAll("/+$", ""));
        }
    }

    /**
     * From the environment variables above.
     *
     * @throws IllegalArgumentException if {@value #ENV_API_KEY} is not set or {@value #ENV_BASE_URL} is not a plain
     *                                  http(s) base URL (the message never repeats the URL)
     */
    public static OpenAiEndpoint fromEnvironment(Map<String, String> env) {
        String key = env.get(ENV_API_KEY);
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("answer-removal method 'http' needs " + ENV_API_KEY
                    + " (and optionally " + ENV_BASE_URL + ", " + ENV_MODEL + ", " + ENV_REASONING_EFFORT + ")");
        }
        return new OpenAiEndpoint(parse(env.getOrDefault(ENV_BASE_URL, DEFAULT_BASE_URL)), key.strip(),
                modelOf(env), reasoningEffortOf(env));
    }

    /** The model {@link #fromEnvironment} would name; needs no key. */
    public static String modelOf(Map<String, String> env) {
        return env.getOrDefault(ENV_MODEL, DEFAULT_MODEL);
    }

    /** The {@code reasoning_effort} {@link #fromEnvironment} would send; needs no key. */
    public static String reasoningEffortOf(Map<String, String> env) {
        return env.getOrDefault(ENV_REASONING_EFFORT, DEFAULT_EFFORT);
    }

    private static URI parse(String url) {
        if (Secrets.withoutUserinfo(url).length() != url.length()) {
            throw new IllegalArgumentException(ENV_BASE_URL + " holds credentials (user:password@); leave them out "
                    + "and put the key in " + ENV_API_KEY);
        }
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(ENV_BASE_URL + " is not a URL: " + e.getReason());
        }
    }

    /** {@code path} under the base URL ({@code chat/completions}, {@code models}). */
    public URI resolve(String path) {
        return URI.create(base + "/" + path);
    }

    /** {@code text} (a server's answer, an exception's message) with the key and any credentials masked. */
    public String redact(String text) {
        return Secrets.redact(text, apiKey);
    }

    /** The base URL and the model; never the key. */
    @Override
    public String toString() {
        return base + " (model " + model + ")";
    }
}
