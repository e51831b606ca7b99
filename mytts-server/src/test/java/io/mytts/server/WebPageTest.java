package io.mytts.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web page in a real headless Chromium (Debian's chromium and chromium-driver, which CI
 * installs): type text, press Speak, and the page's audio must have received non-silent sound.
 */
class WebPageTest {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));

    private static MyTTSServer server;
    private static WebDriver browser;
    private static Path profile;

    @BeforeAll
    static void start() throws IOException {
        Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(chromium != null && Files.isExecutable(CHROMEDRIVER),
                "skipped: Chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        server = TestServers.builder().build().start();
        profile = Files.createTempDirectory("chromium-profile");
        ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile()).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--autoplay-policy=no-user-gesture-required", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }

    @Test
    void typedTextIsSpokenIntoThePage() {
        browser.get("http://127.0.0.1:" + server.port() + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        WebElement body = browser.findElement(By.tagName("body"));
        wait.until(d -> "1".equals(body.getDomAttribute("data-voices")));
        WebElement text = browser.findElement(By.id("text"));
        text.clear();
        text.sendKeys("Hello from the browser. It speaks while it streams.");
        browser.findElement(By.id("speak")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> List.of("done", "error")
                .contains(body.getDomAttribute("data-state")));

        assertThat(body.getDomAttribute("data-state")).as(browser.findElement(By.id("status")).getText()).isEqualTo("done");
        assertThat(Double.parseDouble(body.getDomAttribute("data-rms"))).isGreaterThan(0.01);
        assertThat(Long.parseLong(body.getDomAttribute("data-samples"))).isGreaterThan(22050); // over a second
        assertThat(browser.findElement(By.id("download")).getDomAttribute("href")).startsWith("blob:");
        assertThat(browser.findElement(By.id("sentence")).getText()).startsWith("Sentence 2:");
        assertThat(Integer.parseInt(browser.findElement(By.id("alignment")).getDomProperty("width")))
                .isEqualTo("It speaks while it streams.".length() + 1);
    }
}
