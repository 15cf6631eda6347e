package io.ordersync.sim;

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
 * with an API key, over real HTTP. Anything but {@code 202} is a {@link StatusMessageRefusedException}.
 */
public final class WebhookSender implements StatusMessageSender {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String apiKey;

    /**
     * @param baseUrl ordersync's API base, e.g. {@code http://127.0.0.1:8080} (no trailing slash needed)
     * @param apiKey  a key of {@code ordersync.api.keys}, sent as {@code X-API-Key}
     */
    public WebhookSender(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public void send(String source, String key, String message) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/status-events/" + source))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-API-Key", apiKey)
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
