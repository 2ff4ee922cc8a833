package org.cairnmq.it.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.cairnmq.it.admin.app.OrderListener;
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
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The console in a real browser (headless Chromium): log in, watch a queue fill up, open a message, send a
 * dead letter back to its application and see it consumed, and see a malicious body shown as text.
 * Screenshots of the pages go to target/screenshots/ (docs/admin.md uses them).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ConsoleBrowserIT {
    @RegisterExtension
    static final Browser BROWSER = new Browser();
    @RegisterExtension
    static final Browser MONITOR_BROWSER = new Browser();
    private final AdminClient api = AdminClient.admin();

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

    private void send(String queue, String text) {
        String json = jakarta.json.Json.createObjectBuilder().add("text", text).build().toString();
        AdminClient.Reply sent = api.post("/api/destinations/queue/" + queue + "/messages", json);
        assertEquals(201, sent.status(), sent.toString());
    }

    private String createQueue(String prefix) {
        String name = unique(prefix);
        assertEquals(201, api.post("/api/destinations", "{\"name\": \"" + name + "\", \"type\": \"queue\"}").status());
        return name;
    }

    @Test
    void dashboardShowsAQueueFillUpAsMessagesAreSent() {
        String queue = createQueue("console.fill");
        BROWSER.login(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
        BROWSER.open("/");
        By depth = By.cssSelector("[data-testid='row-queue-" + queue + "'] [data-testid=depth]");
        BROWSER.waitFor(ExpectedConditions.textToBe(depth, "0"));

        for (int i = 1; i <= 3; i++) {
            send(queue, "{\"order\": " + i + ", \"item\": \"coffee\", \"quantity\": " + i + "}");
        }
        BROWSER.waitFor(ExpectedConditions.textToBe(depth, "3"));
        // Let the sampler see each step, so that the charts show the queue filling up.
        awaitSampledDepth(queue, 3);
        for (int i = 4; i <= 7; i++) {
            send(queue, "{\"order\": " + i + ", \"item\": \"tea\", \"quantity\": " + i + "}");
        }
        BROWSER.waitFor(ExpectedConditions.textToBe(depth, "7"));
        awaitSampledDepth(queue, 7);
        // Persistent messages page: the dashboard's memory column says they hold nothing in memory.
        BROWSER.waitFor(ExpectedConditions.textToBe(
                By.cssSelector("[data-testid='row-queue-" + queue + "'] [data-testid=memory]"), "0 B"));
        BROWSER.waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-testid=total-memory]")));

        // Charts draw once the sampler has two readings.
        awaitCharts();
        BROWSER.screenshot("console-dashboard");

        BROWSER.open("/d/queue/" + queue);
        BROWSER.waitFor(d -> d.findElements(By.cssSelector("[data-testid=message-row]")).size() == 7
                && !d.findElements(By.cssSelector("[data-testid=chart] polyline")).isEmpty()
                && d.findElements(By.cssSelector("[data-testid=chart-collecting]")).isEmpty());
        BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=depth]"), "7"));
        // Persistent messages on a durable queue page to the store: they hold nothing against flow control.
        BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=memory]"), "0 B"));
        BROWSER.screenshot("console-destination");

        String topic = unique("console.prices");
        assertEquals(201, api.post("/api/destinations", "{\"name\": \"" + topic + "\", \"type\": \"topic\"}").status());
        assertEquals(200, app("/it/subscribe?topic=" + topic + "&name=price-watcher").statusCode());
        api.post("/api/destinations/topic/" + topic + "/messages", "{\"text\": \"EUR 1.08\"}");
        BROWSER.open("/subscriptions");
        BROWSER.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=subscriptions]"), topic));
        BROWSER.find("[data-testid=consumers] tr");
        BROWSER.screenshot("console-subscriptions");
    }

    @Test
    void dashboardListsThisNodeWithALiveLease() {
        BROWSER.login(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
        BROWSER.open("/");
        // One node on the embedded store: this one, its lease live, renewed by the database's clock.
        By self = By.cssSelector("[data-testid=nodes] tr.self");
        BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=nodes] tr.self [data-testid=node-lease]"),
                "live"));
        assertTrue(BROWSER.driver().findElement(self).getText().contains("this node"));
        assertEquals(1, BROWSER.driver().findElements(By.cssSelector("[data-testid=nodes] tr")).size());
        BROWSER.driver().executeScript("arguments[0].scrollIntoView()", BROWSER.driver().findElement(self));
        BROWSER.screenshot("console-nodes");
    }

    @Test
    void opensAMessageWithHeadersPropertiesAndFormattedBody() {
        String queue = createQueue("console.view");
        send(queue, "{\"order\": 42, \"customer\": {\"name\": \"Ada\", \"city\": \"London\"}, \"lines\": [1, 2]}");
        BROWSER.login(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
        BROWSER.open("/d/queue/" + queue);
        BROWSER.find("[data-testid=message-link]").click();

        WebElement body = BROWSER.find("[data-testid=body]");
        assertTrue(body.getText().contains("\"customer\": {"), body.getText());
        assertTrue(BROWSER.find("[data-testid=headers]").getText().contains("PERSISTENT"));
        BROWSER.screenshot("console-message");
    }

    @Test
    void deadLetterIsRetriedFromTheConsoleAndConsumed() {
        String queue = OrderListener.QUEUE;
        String text = "poison order " + UUID.randomUUID();
        api.post("/api/destinations", "{\"name\": \"" + queue + "\", \"type\": \"queue\"}");
        assertEquals(200, api.put("/api/destinations/queue/" + queue + "/policy",
                "{\"maxDeliveryAttempts\": 2, \"redeliveryDelayMillis\": 10}").status());
        assertEquals(200, app("/it/outage?active=true").statusCode());
        long dequeuedBefore = destination(queue).getJsonNumber("dequeued").longValue();

        send(queue, text);
        BROWSER.login(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
        BROWSER.open("/dlq");
        By row = By.xpath("//tr[@data-testid='message-row'][td[@data-testid='preview'][text()='" + text + "']]");
        BROWSER.waitFor(d -> {
            // The dead letter arrives once the listener has failed twice; look again until it is there.
            if (d.findElements(row).isEmpty()) {
                d.findElement(By.cssSelector("[data-testid=refresh-messages]")).click();
                return false;
            }
            return true;
        });
        WebElement dead = BROWSER.driver().findElement(row);
        assertEquals("queue:" + queue, dead.findElement(By.cssSelector("[data-testid=origin]")).getText());
        BROWSER.screenshot("console-dead-letters");

        assertEquals(200, app("/it/outage?active=false").statusCode());
        dead.findElement(By.cssSelector("[data-testid=select]")).click();
        BROWSER.find("[data-testid=retry-selected]").click();
        BROWSER.find("[data-testid=confirm-ok]").click();
        BROWSER.waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[data-testid=toast]"), "Retry: 1 of 1"));
        BROWSER.waitFor(ExpectedConditions.invisibilityOfElementLocated(row));

        BROWSER.open("/d/queue/" + queue);
        BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=dequeued]"), String.valueOf(dequeuedBefore + 1)));
        BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=depth]"), "0"));
        Eventually.await("the order to be consumed", Duration.ofSeconds(10), () -> app("/it/consumed").body().contains(text));
        awaitCharts();
        BROWSER.screenshot("console-retried");
    }

    @Test
    void maliciousBodyIsShownAsTextNeverRun() {
        String queue = createQueue("console.xss");
        String evil = "<script>window.cairnXss = 1</script><img src=x onerror=\"window.cairnXss = 2\"><b>bold?</b>";
        send(queue, evil);
        BROWSER.login(AdminClient.ADMIN, AdminClient.ADMIN_PASSWORD);
        BROWSER.open("/d/queue/" + queue);
        WebElement preview = BROWSER.find("[data-testid=preview]");
        assertEquals(evil, preview.getText());
        BROWSER.find("[data-testid=message-link]").click();

        assertEquals(evil, BROWSER.find("[data-testid=body]").getText());
        assertEquals(Boolean.TRUE, BROWSER.driver().executeScript("return window.cairnXss === undefined"));
        assertEquals(0L, BROWSER.driver().executeScript(
                "return document.querySelectorAll('#main script, #main img, #main b').length"));
        BROWSER.screenshot("console-malicious-body");
    }

    @Test
    void monitorSeesEverythingButNoWayToChangeIt() {
        String queue = createQueue("console.watched");
        send(queue, "watched");
        MONITOR_BROWSER.login(AdminClient.MONITOR, AdminClient.MONITOR_PASSWORD);
        MONITOR_BROWSER.open("/d/queue/" + queue);
        MONITOR_BROWSER.find("[data-testid=message-row]");
        MONITOR_BROWSER.waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=depth]"), "1"));
        for (String control : new String[] {"purge", "delete-destination", "retry-selected", "delete-all", "send", "save-policy"}) {
            assertTrue(MONITOR_BROWSER.driver().findElements(By.cssSelector("[data-testid=" + control + "]")).isEmpty(), control);
        }
        assertTrue(!MONITOR_BROWSER.find("[data-testid=policy-attempts]").isEnabled(), "the policy is read-only");
        MONITOR_BROWSER.open("/");
        MONITOR_BROWSER.find("[data-testid=destinations] tr");
        assertTrue(MONITOR_BROWSER.driver().findElements(By.cssSelector("[data-testid=create]")).isEmpty());
        MONITOR_BROWSER.screenshot("console-monitor");
    }

    private static void awaitCharts() {
        BROWSER.waitFor(d -> !d.findElements(By.cssSelector("[data-testid=chart] polyline")).isEmpty()
                && d.findElements(By.cssSelector("[data-testid=chart-collecting]")).isEmpty());
    }

    private void awaitSampledDepth(String queue, long depth) {
        Eventually.await("a reading of depth " + depth, Duration.ofSeconds(30), () -> api
                .get("/api/destinations/queue/" + queue + "/history").object().getJsonArray("points")
                .getValuesAs(JsonObject.class).stream().anyMatch(p -> p.getJsonNumber("depth").longValue() == depth));
    }

    private JsonObject destination(String queue) {
        return api.get("/api/destinations/queue/" + queue).object();
    }

    private static HttpResponse<String> app(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(CairnServer.uri(AdminTestApp.CONTEXT + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
