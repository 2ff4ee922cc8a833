package org.cairnmq.it.admin;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.cairnmq.it.support.CairnServer;

/**
 * An HTTP client of the admin module as one of the test users (added by src-it/pom.xml), with HTTP Basic
 * and no cookies unless asked: what an API client such as curl or a script is.
 */
public final class AdminClient {
    public static final String ADMIN = "cairn-it-admin";
    public static final String ADMIN_PASSWORD = "it-admin-Pass1";
    public static final String MONITOR = "cairn-it-monitor";
    public static final String MONITOR_PASSWORD = "it-monitor-Pass1";

    private final String authorization;
    private final HttpClient http;

    private AdminClient(String user, String password, boolean cookies) {
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder();
        if (cookies) {
            builder.cookieHandler(new CookieManager());
        }
        this.http = builder.build();
    }

    public static AdminClient admin() {
        return new AdminClient(ADMIN, ADMIN_PASSWORD, false);
    }

    /** The admin, keeping cookies like a browser does (so it gets a session). */
    public static AdminClient adminWithCookies() {
        return new AdminClient(ADMIN, ADMIN_PASSWORD, true);
    }

    public static AdminClient monitor() {
        return new AdminClient(MONITOR, MONITOR_PASSWORD, false);
    }

    public static AdminClient anonymous() {
        return new AdminClient(null, null, false);
    }

    public Reply get(String path) {
        return send("GET", path, null, null);
    }

    public Reply delete(String path) {
        return send("DELETE", path, null, null);
    }

    public Reply post(String path, String json) {
        return send("POST", path, json, "application/json");
    }

    public Reply put(String path, String json) {
        return send("PUT", path, json, "application/json");
    }

    /** Any request below /cairn-admin; extra headers as name, value pairs. */
    public Reply send(String method, String path, String body, String contentType, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(CairnServer.uri("/cairn-admin" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, body, headers, and the body as JSON. */
    public record Reply(int status, String body, HttpHeaders headers) {
        public JsonObject object() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public JsonArray array() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readArray();
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
