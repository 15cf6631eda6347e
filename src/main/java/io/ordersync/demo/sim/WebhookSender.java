package io.ordersync.demo.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Sends status messages as a source system's webhook would: {@code POST <ordersync>/api/v1/status-events/{source}}
 * with that source's API key (a caller with the role {@code status-source:<source>}), over real HTTP. Anything but
 * {@code 202} is a {@link StatusMessageRefusedException}.
 */
public final class WebhookSender implements StatusMessageSender {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final java.util.function.Function<String, String> apiKeyOfSource;

    /**
     * @param baseUrl ordersync's API base, e.g. {@code http://127.0.0.1:8080} (no trailing slash needed)
     * @param apiKey  a key of {@code ordersync.api.keys}, sent as {@code X-API-Key} for every source
     */
    public WebhookSender(String baseUrl, String apiKey) {
        this(baseUrl, source -> apiKey);
    }

    /**
     * @param apiKeys each source's key, as {@code source:key} pairs, comma-separated (e.g.
     *                {@code wms:k1,tms:k2,ar:k3}); a source without a key cannot send
     */
    public static WebhookSender perSource(String baseUrl, String apiKeys) {
        java.util.Map<String, String> keys = new java.util.HashMap<>();
        for (String pair : apiKeys.split(",")) {
            int colon = pair.indexOf(':');
            if (colon < 1 || colon == pair.trim().length() - 1) {
                throw new IllegalArgumentException("ordersync.simulators.status-events.api-keys: entries must be"
                        + " source:key");
            }
            keys.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
        }
        return new WebhookSender(baseUrl, source -> {
            String key = keys.get(source);
            if (key == null) {
                throw new IllegalStateException("ordersync.simulators.status-events.api-keys has no key for source "
                        + source);
            }
            return key;
        });
    }

    private WebhookSender(String baseUrl, java.util.function.Function<String, String> apiKeyOfSource) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKeyOfSource = apiKeyOfSource;
    }

    @Override
    public void send(String source, String key, String message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/status-events/" + source))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKeyOfSource.apply(source))
                .POST(HttpRequest.BodyPublishers.ofString(message, StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> answer;
        try {
            answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException("status message to " + request.uri() + " not delivered: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending a status message to " + request.uri(), e);
        }
        if (answer.statusCode() != 202) {
            throw new StatusMessageRefusedException(source, answer.statusCode(), answer.body());
        }
    }

    @Override
    public String describe() {
        return "webhook " + baseUrl + "/api/v1/status-events/{source}";
    }
}
