package org.cairnmq.it.admin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.cairnmq.it.support.CairnServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium (Debian's chromium and chromium-driver, paths from {@code cairn.it.chromium} and
 * {@code cairn.it.chromedriver}) for one test class, on 127.0.0.1 only. A failing test leaves a
 * screenshot in {@code target/screenshots/<test>-failure.png}.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, TestWatcher {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private ChromeDriver driver;

    @Override
    public void beforeAll(ExtensionContext context) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("cairn.it.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1150", "--lang=en-US", "--no-first-run", "--disable-extensions",
                "--disable-background-networking", "--disable-sync", "--proxy-server=direct://",
                "--proxy-bypass-list=*");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("cairn.it.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (driver != null) {
            driver.quit();
        }
    }

    // A watcher, not an exception handler: Arquillian passes its own results through exception handlers.
    @Override
    public void testFailed(ExtensionContext context, Throwable failure) {
        if (driver != null) {
            try {
                screenshot(context.getRequiredTestMethod().getName() + "-failure");
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Logs in with HTTP Basic (the credentials in the address, as a browser's login prompt would send them). */
    public void login(String user, String password) {
        driver.get("http://" + user + ":" + password + "@127.0.0.1:" + CairnServer.httpPort() + "/cairn-admin/");
        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=user]"), user));
    }

    /** Shows a page of the console, e.g. {@code open("/dlq")}, without reloading it. */
    public void open(String route) {
        driver.executeScript("location.hash = arguments[0]", route);
    }

    public <T> T waitFor(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).until(condition);
    }

    public WebElement find(String css) {
        return waitFor(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Saves a screenshot as target/screenshots/{name}.png. */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("cairn.it.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
