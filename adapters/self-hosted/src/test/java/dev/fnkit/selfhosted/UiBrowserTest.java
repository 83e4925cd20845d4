package dev.fnkit.selfhosted;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web UI in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, driven by Selenium
 * with the driver's path given, so Selenium Manager downloads nothing): it shows nothing without the admin token,
 * lists functions, invokes one from the form, draws the charts, shows logs and dead letters and deploys a bundle.
 * Screenshots go to {@code target/ui-screenshots/}.
 */
class UiBrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TOKEN = "ui-admin-token";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots");

    @TempDir
    static Path work;

    private static Gateway gateway;
    private static WebDriver browser;
    private static URI url;
    private static Path upload;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium is not installed: apt-get install chromium chromium-driver (.ci/run does)");
        Path staging = work.resolve("bundles");
        Path hello = TestApps.bundle(TestApps.sample("hello", work.resolve("apps")), staging);
        upload = TestApps.bundle(EdgeApps.compile(work.resolve("apps")), staging);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        gateway = Gateway.builder().port(0).dataDir(work.resolve("data")).adminToken(TOKEN).prestartedWorkers(0)
                .out(quiet).log(quiet).start();
        gateway.deploy(hello);
        url = gateway.url();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000",
                "--user-data-dir=" + Files.createDirectories(work.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) {
        Children.await(what, WAIT, condition);
    }

    private static void screenshot(String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + ".png"), png);
    }

    private static void login(String token) {
        WebElement field = byId("token");
        field.clear();
        field.sendKeys(token);
        byId("connect").click();
    }

    @Test
    void theUiNeedsTheTokenThenInvokesChartsLogsDeadLettersAndDeploys() throws IOException {
        browser.get(url.resolve("/ui").toString());
        assertThat(byId("app").isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#functions tbody tr"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("#logs-function option"))).hasSize(1);
        login("wrong-token");
        await("the wrong token is refused", () -> byId("status").getText().contains("refused"));
        assertThat(byId("app").isDisplayed()).isFalse();
        screenshot("1-refused");

        login(TOKEN);
        await("the function list shows hello", () -> text("#functions tr[data-function='hello']") != null);
        screenshot("2-functions");

        byId("app").findElement(By.cssSelector("nav button[data-view='invoke']")).click();
        assertThat(byId("invoke-method").getAttribute("value")).isEqualTo("GET");
        WebElement path = byId("invoke-path");
        path.clear();
        path.sendKeys("/hello/Ada");
        byId("invoke-headers").sendKeys("X-Request-Id: ui-invocation");
        byId("invoke-send").click();
        await("the response is shown", () -> byId("invoke-status").getText().startsWith("200"));
        assertThat(byId("invoke-response-body").getText()).isEqualTo("{\"message\":\"Hello, Ada!\"}");
        assertThat(byId("invoke-response-headers").getText()).contains("x-request-id: ui-invocation");
        screenshot("3-invoke");

        byId("app").findElement(By.cssSelector("nav button[data-view='functions']")).click();
        await("the invocation is counted", () -> "1".equals(text("#functions tr[data-function='hello'] td:nth-child(4)")));
        await("both charts have several samples", () -> samples("chart-instances") >= 3
                && samples("chart-rps") >= 3);
        String points = byId("chart-instances").findElement(By.tagName("polyline")).getAttribute("points");
        assertThat(points.split(" ")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(byId("instances-now").getText()).isEqualTo("(1)");
        assertThat(text("#functions tr[data-function='hello'] td:nth-child(2)")).isEqualTo("ready");
        assertThat(text("#functions tr[data-function='hello'] td:nth-child(6)")).endsWith("ms");
        screenshot("4-charts");

        byId("app").findElement(By.cssSelector("nav button[data-view='logs']")).click();
        byId("logs-function").findElement(By.cssSelector("option[value='hello']")).click();
        byId("logs-show").click();
        await("the access log line is shown", () -> byId("logs-lines").getText().contains("(ui-invocation)"));
        assertThat(byId("logs-lines").getText()).contains("/hello/Ada");
        screenshot("5-logs");

        byId("app").findElement(By.cssSelector("nav button[data-view='dead-letters']")).click();
        await("the dead letters are loaded or their error shown", () -> byId("dead-letters").isDisplayed()
                && (byId("dead-letters-error").isDisplayed() || !deadLettersLoading()));
        if (byId("dead-letters-error").isDisplayed()) {
            assertThat(byId("dead-letters-error").getText()).startsWith("Dead letters are not available: ");
        }
        screenshot("6-dead-letters");

        byId("app").findElement(By.cssSelector("nav button[data-view='deploy']")).click();
        byId("deploy-bundle").sendKeys(upload.toAbsolutePath().toString());
        byId("deploy-send").click();
        await("the deployment is reported", () -> byId("deploy-result").getText().startsWith("Deployed"));
        assertThat(byId("deploy-result").getText()).contains("guarded");
        assertThat(gateway.functions()).contains("guarded", "vault-b");
        screenshot("7-deploy");
    }

    /** The text of the element the selector finds, read at once in the page (the table is redrawn every 2 s). */
    private static String text(String selector) {
        return (String) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;", selector);
    }

    private static int samples(String chart) {
        String value = byId(chart).getAttribute("data-samples");
        return value == null ? 0 : Integer.parseInt(value);
    }

    private static boolean deadLettersLoading() {
        return Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return document.getElementById('dead-letters').dataset.loaded !== 'true';"));
    }
}
