package org.cairnmq.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.cairnmq.it.admin.AdminClient.Reply;
import org.cairnmq.it.support.CairnDeployments;
import org.cairnmq.it.support.CairnServer;
import org.cairnmq.it.support.Eventually;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The admin REST API against the deployed EAR: each endpoint, each role, bad requests, the CSRF rule,
 * Prometheus metrics and the JMX MBeans.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminApiIT {
    private final AdminClient admin = AdminClient.admin();
    private final AdminClient monitor = AdminClient.monitor();
    private final AdminClient anonymous = AdminClient.anonymous();

    @Deployment(name = "cairn", order = 1, testable = false)
    static EnterpriseArchive cairn() {
        return CairnDeployments.cairnEar();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return AdminTestApp.war();
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String createQueue(String prefix) {
        String name = unique(prefix);
        Reply created = admin.post("/api/destinations", "{\"name\": \"" + name + "\", \"type\": \"queue\"}");
        assertEquals(201, created.status(), created.toString());
        return name;
    }

    private String sendText(String queue, String json) {
        Reply sent = admin.post("/api/destinations/queue/" + queue + "/messages", json);
        assertEquals(201, sent.status(), sent.toString());
        return sent.object().getString("messageId");
    }

    private JsonArray browse(String queue, String query) {
        Reply page = admin.get("/api/queues/" + queue + "/messages" + query);
        assertEquals(200, page.status(), page.toString());
        return page.object().getJsonArray("messages");
    }

    private JsonObject destination(String type, String name) {
        Reply reply = admin.get("/api/destinations/" + type + "/" + name);
        assertEquals(200, reply.status(), reply.toString());
        return reply.object();
    }

    private static void assertError(int status, String error, Reply reply) {
        assertEquals(status, reply.status(), reply.toString());
        JsonObject body = reply.object();
        assertEquals(status, body.getInt("status"), reply.toString());
        assertEquals(error, body.getString("error"), reply.toString());
        assertFalse(body.getString("message").isBlank(), reply.toString());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // --- security -----------------------------------------------------------------------------------------

    @Test
    void anonymousGets401WithAChallengeEverywhere() {
        for (String path : List.of("/", "/index.html", "/api/destinations", "/api/session", "/metrics")) {
            Reply reply = anonymous.get(path);
            assertEquals(401, reply.status(), path + ": " + reply);
            assertTrue(reply.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), path);
        }
        assertError(401, "UNAUTHORIZED", anonymous.post("/api/destinations", "{\"name\":\"x\",\"type\":\"queue\"}"));
        assertEquals(401, AdminClient.anonymous().send("GET", "/api/destinations", null, null,
                "Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("cairn-it-admin:wrong".getBytes(StandardCharsets.UTF_8))).status());
    }

    @Test
    void monitorReadsEverythingAndChangesNothing() {
        String queue = createQueue("monitored");
        String id = sendText(queue, "{\"text\": \"look, don't touch\"}");
        assertEquals(200, monitor.get("/api/destinations").status());
        assertEquals(200, monitor.get("/api/destinations/queue/" + queue).status());
        assertEquals(200, monitor.get("/api/destinations/queue/" + queue + "/policy").status());
        assertEquals(200, monitor.get("/api/subscriptions").status());
        assertEquals(200, monitor.get("/api/history").status());
        assertEquals(200, monitor.get("/metrics").status());
        assertEquals(200, monitor.get("/").status());
        JsonArray messages = monitor.get("/api/queues/" + queue + "/messages").object().getJsonArray("messages");
        assertEquals(id, messages.getJsonObject(0).getString("messageId"));
        JsonObject session = monitor.get("/api/session").object();
        assertEquals(AdminClient.MONITOR, session.getString("user"));
        assertFalse(session.getBoolean("canChange"));

        assertError(403, "FORBIDDEN", monitor.post("/api/destinations", "{\"name\": \"nope\", \"type\": \"queue\"}"));
        assertError(403, "FORBIDDEN", monitor.delete("/api/destinations/queue/" + queue));
        assertError(403, "FORBIDDEN", monitor.put("/api/destinations/queue/" + queue + "/policy", "{\"maxDeliveryAttempts\": 3}"));
        assertError(403, "FORBIDDEN", monitor.delete("/api/queues/" + queue + "/messages"));
        assertError(403, "FORBIDDEN", monitor.post("/api/queues/" + queue + "/messages/delete", "{\"filter\": {}}"));
        assertError(403, "FORBIDDEN", monitor.post("/api/destinations/queue/" + queue + "/messages", "{\"text\": \"x\"}"));
        assertEquals(1, destination("queue", queue).getJsonNumber("depth").longValue(), "nothing was changed");
    }

    @Test
    void adminSessionShowsRoles() {
        JsonObject session = admin.get("/api/session").object();
        assertEquals(AdminClient.ADMIN, session.getString("user"));
        assertTrue(session.getBoolean("canChange"));
        assertTrue(session.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(role -> role.getString().equals("cairn-admin")));
        assertFalse(session.getString("csrfToken").isBlank());
    }

    @Test
    void browserSessionChangesNeedTheCsrfTokenBasicJsonClientsDoNot() {
        AdminClient browser = AdminClient.adminWithCookies();
        String token = browser.get("/api/session").object().getString("csrfToken");
        String body = "{\"name\": \"" + unique("csrf") + "\", \"type\": \"queue\"}";

        assertError(403, "CSRF", browser.post("/api/destinations", body));
        assertError(403, "CSRF", browser.send("POST", "/api/destinations", body, "application/json",
                "X-CSRF-Token", "forged"));
        assertEquals(201, browser.send("POST", "/api/destinations", body, "application/json",
                "X-CSRF-Token", token).status());

        // Without a session: JSON is fine without a token, a form-like body is not.
        assertError(403, "CSRF", admin.send("POST", "/api/destinations", "name=x&type=queue",
                "application/x-www-form-urlencoded"));
        assertError(403, "CSRF", admin.send("POST", "/api/destinations", body, "text/plain"));
        assertEquals(201, admin.post("/api/destinations", "{\"name\": \"" + unique("csrf") + "\", \"type\": \"topic\"}").status());
    }

    @Test
    void consoleIsServedWithAStrictContentSecurityPolicy() {
        Reply page = admin.get("/");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("<title>Cairn console</title>"), page.body());
        String policy = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(policy.contains("script-src 'self'"), policy);
        assertEquals(200, admin.get("/assets/js/app.js").status());
        assertEquals(200, admin.get("/assets/console.css").status());
    }

    // --- destinations -------------------------------------------------------------------------------------

    @Test
    void createListGetAndDeleteDestinations() {
        String queue = unique("orders");
        Reply created = admin.post("/api/destinations", "{\"name\": \"" + queue + "\", \"type\": \"queue\"}");
        assertEquals(201, created.status(), created.toString());
        assertTrue(created.headers().firstValue("Location").orElse("").endsWith("/api/destinations/queue/" + queue));
        assertEquals("queue", created.object().getString("type"));

        String topic = unique("prices");
        assertEquals(201, admin.post("/api/destinations", "{\"name\": \"" + topic + "\", \"type\": \"TOPIC\"}").status());

        JsonArray all = admin.get("/api/destinations").array();
        JsonObject listed = all.getValuesAs(JsonObject.class).stream()
                .filter(d -> d.getString("name").equals(queue)).findFirst().orElseThrow();
        for (String field : List.of("depth", "inFlight", "scheduled", "consumers", "enqueued", "dequeued", "expired",
                "deadLettered", "oldestMessageAgeMillis", "memoryBytes")) {
            assertTrue(listed.containsKey(field), field + " in " + listed);
        }
        JsonObject rates = listed.getJsonObject("rates");
        for (String field : List.of("enqueuedPerSecond", "dequeuedPerSecond", "expiredPerSecond", "deadLetteredPerSecond")) {
            assertTrue(rates.containsKey(field), field + " in " + rates);
        }
        assertTrue(all.getValuesAs(JsonObject.class).stream().anyMatch(d -> d.getString("name").equals(topic)
                && d.getString("type").equals("topic")));

        sendText(queue, "{\"text\": \"one\"}");
        sendText(queue, "{\"text\": \"two\"}");
        JsonObject view = destination("queue", queue);
        assertEquals(2, view.getJsonNumber("depth").longValue());
        assertEquals(2, view.getJsonNumber("enqueued").longValue());

        Reply deleted = admin.delete("/api/destinations/queue/" + queue);
        assertEquals(200, deleted.status(), deleted.toString());
        assertEquals(2, deleted.object().getJsonNumber("deletedMessages").longValue());
        assertError(404, "NOT_FOUND", admin.get("/api/destinations/queue/" + queue));
        assertError(404, "NOT_FOUND", admin.delete("/api/destinations/queue/" + queue));
        assertEquals(200, admin.delete("/api/destinations/topic/" + topic).status());
    }

    @Test
    void badDestinationRequestsSayWhatIsWrong() {
        String queue = createQueue("dup");
        assertError(409, "CONFLICT", admin.post("/api/destinations", "{\"name\": \"" + queue + "\", \"type\": \"queue\"}"));
        assertError(400, "INVALID", admin.post("/api/destinations", "{\"name\": \"x\", \"type\": \"mailbox\"}"));
        assertError(400, "INVALID", admin.post("/api/destinations", "{\"type\": \"queue\"}"));
        assertError(400, "INVALID", admin.post("/api/destinations", "{\"name\": \"x\""));
        assertError(400, "INVALID", admin.post("/api/destinations", ""));
        assertError(400, "INVALID", admin.get("/api/destinations/mailbox/" + queue));
        assertError(404, "NOT_FOUND", admin.get("/api/destinations/queue/no-such-" + queue));
        assertError(404, "NOT_FOUND", admin.get("/api/no-such-endpoint"));
        assertError(405, "METHOD_NOT_ALLOWED", admin.put("/api/destinations", "{}"));
        assertError(415, "UNSUPPORTED_MEDIA_TYPE", admin.send("POST", "/api/destinations/queue/" + queue + "/messages",
                null, null));
    }

    @Test
    void policyIsReadSetPartlyAndReset() {
        String queue = createQueue("policy");
        String path = "/api/destinations/queue/" + queue + "/policy";
        JsonObject initial = admin.get(path).object();
        assertEquals(10, initial.getInt("maxDeliveryAttempts"));
        assertEquals("DLQ", initial.getString("deadLetterQueue"));
        assertEquals("ExpiryQueue", initial.getString("expiryQueue"));

        Reply set = admin.put(path, "{\"maxDeliveryAttempts\": 3, \"redeliveryDelayMillis\": 50, "
                + "\"deadLetterQueue\": \"" + queue + ".DLQ\", \"expiryQueue\": \"\"}");
        assertEquals(200, set.status(), set.toString());
        JsonObject after = admin.get(path).object();
        assertEquals(3, after.getInt("maxDeliveryAttempts"));
        assertEquals(50, after.getJsonNumber("redeliveryDelayMillis").longValue());
        assertEquals(queue + ".DLQ", after.getString("deadLetterQueue"));
        assertEquals("", after.getString("expiryQueue"), "expired messages are dropped");
        assertEquals(initial.getJsonNumber("maxRedeliveryDelayMillis"), after.getJsonNumber("maxRedeliveryDelayMillis"),
                "fields left out keep their value");

        assertError(400, "INVALID", admin.put(path, "{\"maxDeliveryAttempts\": 0}"));
        assertError(400, "INVALID", admin.put(path, "{\"backOffMultiplier\": 0.5}"));
        assertError(400, "INVALID", admin.put(path, "{\"maxDeliveryAttempts\": \"many\"}"));
        assertError(404, "NOT_FOUND", admin.get("/api/destinations/queue/no-such-" + queue + "/policy"));

        Reply reset = admin.delete(path);
        assertEquals(200, reset.status());
        assertEquals(10, reset.object().getInt("maxDeliveryAttempts"));
    }

    @Test
    void memoryLimitIsSetEnforcedValidatedAndCleared() {
        String queue = createQueue("memory");
        String path = "/api/destinations/queue/" + queue + "/memory-limit";
        JsonObject initial = admin.get(path).object();
        assertFalse(initial.getBoolean("own"), initial.toString());
        assertEquals(0, initial.getJsonNumber("memoryBytes").longValue());
        assertTrue(initial.getJsonNumber("limitBytes").longValue() > 0, initial.toString());

        Reply set = admin.put(path, "{\"limitBytes\": 4096, \"policy\": \"FAIL\"}");
        assertEquals(200, set.status(), set.toString());
        assertTrue(set.object().getBoolean("own"));
        assertEquals(4096, destination("queue", queue).getJsonNumber("memoryLimitBytes").longValue());

        // Non-persistent messages cannot page: they fill the limit, and then a send is refused.
        String big = "{\"text\": \"" + "x".repeat(1500) + "\", \"persistent\": false}";
        Reply refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            Reply sent = admin.post("/api/destinations/queue/" + queue + "/messages", big);
            if (sent.status() != 201) {
                refused = sent;
            }
        }
        assertNotNull(refused, "a send beyond 4096 bytes is refused");
        assertError(400, "INVALID", refused);
        assertTrue(refused.object().getString("message").contains("4096"), refused.toString());
        long held = admin.get(path).object().getJsonNumber("memoryBytes").longValue();
        assertTrue(held > 0 && held <= 4096, "held " + held);

        for (String bad : List.of("{\"limitBytes\": 0, \"policy\": \"FAIL\"}",
                "{\"limitBytes\": 4096, \"policy\": \"DROP\"}", "{\"limitBytes\": \"4096\", \"policy\": \"FAIL\"}",
                "{\"limitBytes\": 4096}", "{\"limitBytes\": 4096, \"policy\": \"FAIL\", \"extra\": 1}")) {
            assertError(400, "INVALID", admin.put(path, bad));
        }
        assertEquals(4096, admin.get(path).object().getJsonNumber("limitBytes").longValue(), "bad requests change nothing");
        assertEquals(403, monitor.delete(path).status());
        assertError(404, "NOT_FOUND", admin.put("/api/destinations/queue/no-such-" + queue + "/memory-limit",
                "{\"limitBytes\": 4096, \"policy\": \"FAIL\"}"));

        Reply cleared = admin.delete(path);
        assertEquals(200, cleared.status(), cleared.toString());
        assertFalse(cleared.object().getBoolean("own"));
        assertEquals(initial.getJsonNumber("limitBytes"), cleared.object().getJsonNumber("limitBytes"));
        assertEquals(201, admin.post("/api/destinations/queue/" + queue + "/messages", big).status(),
                "room again under the configured limit");
    }

    // --- messages -----------------------------------------------------------------------------------------

    @Test
    void searchByHeaderPropertyBodyAgeAndDeliveryCountWithPaging() {
        String queue = createQueue("search");
        String eu = sendText(queue, "{\"text\": \"order 1 for Paris\", \"properties\": {\"region\": \"eu\", \"amount\": 10}}");
        sendText(queue, "{\"text\": \"order 2 for Boston\", \"properties\": {\"region\": \"us\", \"amount\": 250}}");
        sendText(queue, "{\"text\": \"order 3 for Lyon\", \"properties\": {\"region\": \"eu\", \"amount\": 99.5}}");

        assertEquals(3, browse(queue, "").size());
        assertEquals(2, browse(queue, "?selector=" + encode("region = 'eu'")).size());
        assertEquals(1, browse(queue, "?selector=" + encode("amount > 100")).size());
        assertEquals(eu, browse(queue, "?selector=" + encode("JMSMessageID = '" + eu + "'")).getJsonObject(0).getString("messageId"));
        assertEquals(3, browse(queue, "?selector=" + encode("JMSPriority = 4")).size());
        assertEquals(1, browse(queue, "?body=boston").size(), "body text, case-insensitive");
        assertEquals(0, browse(queue, "?olderThanSeconds=3600").size());
        assertEquals(3, browse(queue, "?olderThanSeconds=0").size());
        assertEquals(0, browse(queue, "?minDeliveryCount=1").size(), "none failed yet");

        JsonObject first = admin.get("/api/queues/" + queue + "/messages?limit=2").object();
        assertEquals(2, first.getJsonArray("messages").size());
        String next = first.getString("next");
        JsonObject second = admin.get("/api/queues/" + queue + "/messages?limit=2&after=" + encode(next)).object();
        assertEquals(1, second.getJsonArray("messages").size());
        assertTrue(second.isNull("next"));
        JsonObject summary = first.getJsonArray("messages").getJsonObject(0);
        assertEquals("order 1 for Paris", summary.getString("preview"));
        assertEquals("eu", summary.getJsonObject("properties").getString("region"));

        assertError(400, "INVALID", admin.get("/api/queues/" + queue + "/messages?selector=" + encode("region = ")));
        assertError(400, "INVALID", admin.get("/api/queues/" + queue + "/messages?limit=0"));
        assertError(400, "INVALID", admin.get("/api/queues/" + queue + "/messages?limit=many"));
        assertError(404, "NOT_FOUND", admin.get("/api/queues/no-such-" + queue + "/messages"));
    }

    @Test
    void oneMessageWithHeadersPropertiesAndBody() {
        String queue = createQueue("view");
        String id = sendText(queue, "{\"text\": \"{\\\"order\\\": 7, \\\"items\\\": [1, 2]}\", "
                + "\"properties\": {\"region\": \"eu\", \"urgent\": true, \"count\": 3}, \"persistent\": false}");
        JsonObject summary = browse(queue, "").getJsonObject(0);
        String handle = summary.getString("handle");

        JsonObject message = admin.get("/api/queues/" + queue + "/messages/" + handle).object();
        assertEquals(id, message.getString("messageId"));
        assertFalse(message.getBoolean("persistent"));
        assertEquals(4, message.getInt("priority"));
        assertEquals(true, message.getJsonObject("properties").getBoolean("urgent"));
        assertEquals(3, message.getJsonObject("properties").getInt("count"));
        JsonObject body = message.getJsonObject("body");
        assertEquals("TEXT", body.getString("type"));
        assertEquals("{\"order\": 7, \"items\": [1, 2]}", body.getString("text"));
        assertTrue(body.getString("pretty").contains("\n") && body.getString("pretty").contains("\"order\": 7"),
                body.getString("pretty"));

        String bytesQueue = createQueue("bytes");
        java.net.http.HttpResponse<String> sent = appGet("/it/bytes?queue=" + bytesQueue);
        assertEquals(200, sent.statusCode());
        String bytesHandle = browse(bytesQueue, "").getJsonObject(0).getString("handle");
        JsonObject bytes = admin.get("/api/queues/" + bytesQueue + "/messages/" + bytesHandle).object().getJsonObject("body");
        assertEquals("BYTES", bytes.getString("type"));
        assertEquals(4, bytes.getInt("size"));
        assertEquals("cafe0041", bytes.getString("hex"));
        assertTrue(bytes.isNull("text"));

        assertError(404, "NOT_FOUND", admin.get("/api/queues/" + queue + "/messages/p999999999"));
        assertError(400, "INVALID", admin.get("/api/queues/" + queue + "/messages/nonsense"));
        assertError(400, "INVALID", admin.post("/api/destinations/queue/" + queue + "/messages",
                "{\"text\": \"x\", \"properties\": {\"JMSType\": \"no\"}}"));
        assertError(400, "INVALID", admin.post("/api/destinations/queue/" + queue + "/messages",
                "{\"text\": \"x\", \"properties\": {\"nested\": {\"a\": 1}}}"));
        assertError(400, "INVALID", admin.post("/api/destinations/queue/" + queue + "/messages",
                "{\"text\": 42, \"persistent\": \"yes\"}"));
        assertError(400, "INVALID", admin.post("/api/destinations/queue/" + queue + "/messages", "[1, 2]"));
    }

    @Test
    void copyMoveDeleteByHandleAndByFilterReportCountsAndAreSafeToRepeat() {
        String queue = createQueue("repairs");
        String other = createQueue("repairs-target");
        for (int i = 0; i < 4; i++) {
            sendText(queue, "{\"text\": \"m" + i + "\", \"properties\": {\"n\": " + i + "}}");
        }
        JsonArray messages = browse(queue, "");
        String h0 = messages.getJsonObject(0).getString("handle");
        String h1 = messages.getJsonObject(1).getString("handle");

        assertOperation(1, 1, 0, admin.post("/api/queues/" + queue + "/messages/copy",
                "{\"handles\": [\"" + h0 + "\"], \"to\": \"" + other + "\"}"));
        assertOperation(1, 1, 0, admin.post("/api/queues/" + queue + "/messages/move",
                "{\"handles\": [\"" + h1 + "\"], \"to\": \"" + other + "\"}"));
        assertEquals(3, destination("queue", queue).getJsonNumber("depth").longValue());
        assertEquals(2, destination("queue", other).getJsonNumber("depth").longValue());
        Reply again = admin.post("/api/queues/" + queue + "/messages/move",
                "{\"handles\": [\"" + h1 + "\"], \"to\": \"" + other + "\"}");
        assertEquals(0, again.object().getJsonNumber("changed").longValue(), "a repeated move changes nothing: " + again);
        assertEquals(2, destination("queue", other).getJsonNumber("depth").longValue());

        assertOperation(1, 1, 0, admin.post("/api/queues/" + queue + "/messages/delete",
                "{\"filter\": {\"selector\": \"n = 3\"}}"));
        assertOperation(0, 0, 0, admin.post("/api/queues/" + queue + "/messages/delete",
                "{\"filter\": {\"selector\": \"n = 3\"}}"));
        assertOperation(1, 1, 0, admin.post("/api/queues/" + queue + "/messages/move",
                "{\"filter\": {\"body\": \"m2\"}, \"to\": \"" + other + "\"}"));
        assertEquals(200, admin.delete("/api/queues/" + queue + "/messages/" + h0).status());
        assertError(404, "NOT_FOUND", admin.delete("/api/queues/" + queue + "/messages/" + h0));
        assertEquals(0, destination("queue", queue).getJsonNumber("depth").longValue());

        assertOperation(3, 3, 0, admin.delete("/api/queues/" + other + "/messages"));
        assertOperation(0, 0, 0, admin.delete("/api/queues/" + other + "/messages"));

        assertError(400, "INVALID", admin.post("/api/queues/" + queue + "/messages/move", "{\"filter\": {}}"));
        assertError(400, "INVALID", admin.post("/api/queues/" + queue + "/messages/delete", "{}"));
        assertError(400, "INVALID", admin.post("/api/queues/" + queue + "/messages/delete",
                "{\"handles\": [\"" + h0 + "\"], \"filter\": {}}"));
        assertError(400, "INVALID", admin.post("/api/queues/" + queue + "/messages/delete", "{\"handles\": []}"));
        assertError(404, "NOT_FOUND", admin.post("/api/queues/" + queue + "/messages/copy",
                "{\"filter\": {}, \"to\": \"no-such-" + queue + "\"}"));
    }

    private static void assertOperation(long matched, long changed, long skipped, Reply reply) {
        assertEquals(200, reply.status(), reply.toString());
        JsonObject result = reply.object();
        assertEquals(matched, result.getJsonNumber("matched").longValue(), reply.toString());
        assertEquals(changed, result.getJsonNumber("changed").longValue(), reply.toString());
        assertEquals(skipped, result.getJsonNumber("skipped").longValue(), reply.toString());
    }

    @Test
    void retrySendsDeadLettersBackToTheirOriginalDestination() {
        String queue = createQueue("retry");
        String origin = "queue:" + queue;
        String dlqPath = "/api/queues/DLQ/messages";
        // A dead letter as the broker writes it: origin and reason as properties.
        Reply sent = admin.post("/api/destinations/queue/DLQ/messages", "{\"text\": \"failed order\", \"properties\": "
                + "{\"CairnOriginalDestination\": \"" + origin + "\", \"CairnDeadLetterReason\": \"test\", "
                + "\"CairnDeliveryAttempts\": 10}}");
        assertEquals(201, sent.status(), sent.toString());
        String filter = "{\"filter\": {\"selector\": \"CairnOriginalDestination = '" + origin + "'\"}}";

        assertOperation(1, 1, 0, admin.post(dlqPath + "/retry", filter));
        assertOperation(0, 0, 0, admin.post(dlqPath + "/retry", filter));
        JsonObject back = browse(queue, "").getJsonObject(0);
        assertEquals("failed order", back.getString("preview"));
        assertFalse(back.getJsonObject("properties").containsKey("CairnOriginalDestination"));

        // A message with no origin is skipped, not lost.
        String lost = sendText(queue, "{\"text\": \"no origin\"}");
        String handle = browse(queue, "?body=no%20origin").getJsonObject(0).getString("handle");
        assertOperation(1, 0, 1, admin.post("/api/queues/" + queue + "/messages/retry",
                "{\"handles\": [\"" + handle + "\"]}"));
        assertEquals(lost, browse(queue, "?body=no%20origin").getJsonObject(0).getString("messageId"));
    }

    // --- subscriptions ------------------------------------------------------------------------------------

    @Test
    void durableSubscriptionsAreListedAndDeleted() {
        String topic = unique("news");
        String name = unique("reader");
        assertEquals(201, admin.post("/api/destinations", "{\"name\": \"" + topic + "\", \"type\": \"topic\"}").status());
        assertEquals(200, appGet("/it/subscribe?topic=" + topic + "&name=" + name).statusCode());
        admin.post("/api/destinations/topic/" + topic + "/messages", "{\"text\": \"headline\"}");

        JsonObject subscription = monitor.get("/api/subscriptions").array().getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("topic").equals(topic)).findFirst().orElseThrow();
        assertEquals(name, subscription.getString("name"));
        assertTrue(subscription.isNull("clientId"));
        assertTrue(subscription.getBoolean("durable"));
        assertTrue(subscription.getBoolean("shared"));
        assertEquals(1, subscription.getJsonNumber("depth").longValue());
        assertEquals(0, subscription.getInt("consumers"));
        assertEquals(1, destination("topic", topic).getInt("subscriptions"));

        assertError(403, "FORBIDDEN", monitor.delete("/api/subscriptions/" + name));
        assertEquals(204, admin.delete("/api/subscriptions/" + name).status());
        assertError(404, "NOT_FOUND", admin.delete("/api/subscriptions/" + name));
        assertTrue(admin.get("/api/subscriptions").array().getValuesAs(JsonObject.class).stream()
                .noneMatch(s -> s.getString("topic").equals(topic)));
    }

    @Test
    void consumersAreListedWithWhatTheyRead() {
        // The test application's message-driven bean listens on its queue with one session.
        JsonObject listener = monitor.get("/api/consumers").array().getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getString("destination").equals(org.cairnmq.it.admin.app.OrderListener.QUEUE))
                .findFirst().orElseThrow();
        assertEquals("QUEUE", listener.getString("type"));
        assertTrue(listener.getBoolean("listener"));
        assertTrue(listener.getJsonNumber("idleMillis").longValue() >= 0);
        assertError(401, "UNAUTHORIZED", AdminClient.anonymous().get("/api/consumers"));
    }

    // --- statistics: history, Prometheus, JMX -------------------------------------------------------------

    @Test
    void historyHasPointsForTheCharts() {
        String queue = createQueue("history");
        sendText(queue, "{\"text\": \"x\"}");
        Eventually.await("a sample of " + queue, Duration.ofSeconds(30), () -> admin
                .get("/api/destinations/queue/" + queue + "/history").object().getJsonArray("points").size() > 0);
        JsonObject history = admin.get("/api/destinations/queue/" + queue + "/history").object();
        assertTrue(history.getJsonNumber("intervalMillis").longValue() > 0);
        JsonObject point = history.getJsonArray("points").getJsonObject(0);
        for (String field : List.of("time", "depth", "inFlight", "enqueuedPerSecond", "dequeuedPerSecond")) {
            assertTrue(point.containsKey(field), field);
        }
        assertTrue(admin.get("/api/history").object().getJsonArray("points").size() > 0);
        assertError(404, "NOT_FOUND", admin.get("/api/destinations/queue/no-such-" + queue + "/history"));
    }

    @Test
    void prometheusTextHasEveryDestination() {
        String queue = createQueue("scraped");
        sendText(queue, "{\"text\": \"x\"}");
        sendText(queue, "{\"text\": \"y\"}");
        Reply metrics = monitor.get("/metrics");
        assertEquals(200, metrics.status());
        assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        assertTrue(metrics.body().contains("# TYPE cairn_destination_depth gauge"), metrics.body());
        assertTrue(metrics.body().contains("# TYPE cairn_destination_enqueued_total counter"), metrics.body());
        assertTrue(metrics.body().contains("# TYPE cairn_destination_memory_bytes gauge"), metrics.body());
        // Every sample carries the broker's node name, so that brokers sharing a database are told apart.
        java.util.regex.Matcher named = java.util.regex.Pattern.compile("\\{node=\"([^\"]+)\",").matcher(metrics.body());
        assertTrue(named.find(), metrics.body());
        String node = "node=\"" + named.group(1) + "\",";
        assertTrue(metrics.body().contains("cairn_destination_depth{" + node + "type=\"queue\",name=\"" + queue + "\"} 2\n"), metrics.body());
        assertTrue(metrics.body().contains("cairn_destination_enqueued_total{" + node + "type=\"queue\",name=\"" + queue + "\"} 2\n"));
        assertTrue(metrics.body().contains("cairn_destination_depth{" + node + "type=\"queue\",name=\"DLQ\"}"));
    }

    @Test
    void destinationStatisticsAreMBeansInThePlatformServer() {
        String queue = createQueue("jmx");
        sendText(queue, "{\"text\": \"x\"}");
        String name = encode("org.cairnmq:type=Destination,kind=queue,name=" + queue);
        Eventually.await("the MBean of " + queue, Duration.ofSeconds(30),
                () -> appGet("/it/mbean?name=" + name + "&attribute=Depth").statusCode() == 200);
        assertEquals("1", appGet("/it/mbean?name=" + name + "&attribute=Depth").body());
        assertEquals("1", appGet("/it/mbean?name=" + name + "&attribute=Enqueued").body());
        assertEquals("queue", appGet("/it/mbean?name=" + name + "&attribute=Kind").body());

        assertEquals(200, admin.delete("/api/destinations/queue/" + queue).status());
        Eventually.await("the MBean of " + queue + " to go", Duration.ofSeconds(30),
                () -> appGet("/it/mbean?name=" + name + "&attribute=Depth").statusCode() == 404);
    }

    private static HttpResponse<String> appGet(String path) {
        try {
            return HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(CairnServer.uri(AdminTestApp.CONTEXT + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void adminModuleAnswersEvenForUnknownBrokerObjectsWithJson() {
        assertNotNull(admin.get("/api/subscriptions").array());
        assertError(404, "NOT_FOUND", admin.delete("/api/subscriptions/none-" + UUID.randomUUID()));
    }
}
