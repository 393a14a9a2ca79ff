package org.paperboy.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium through its chromedriver, for the real-browser tests. Outside CI,
 * where the packages may be missing, the test is skipped with a message saying so; CI installs them.
 */
public final class Browser {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start(int width, int height) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
        if (System.getenv("PAPERBOY_CI") != null && !installed) {
            throw new IllegalStateException("CI must install chromium and chromium-driver (see .ci/run)");
        }
        assumeTrue(installed, "Debian's chromium and chromium-driver are not installed; skipping the browser test");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--hide-scrollbars", "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /**
     * Waits until the page's h1 reads {@code heading}. After a click that submits a form, the old page
     * may still be there (or be going away) for a moment; reading its h1 then is the race this avoids.
     */
    public static void waitForHeading(WebDriver browser, String heading) {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the page's h1 to read \"" + heading + "\"")
                .until(d -> heading.equals(d.findElement(By.tagName("h1")).getText()));
    }
}
