package org.paperboy.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.paperboy.testing.Browser;

/** Opens the preview of the largest digest in headless Chromium at phone and desktop widths. */
class DigestPreviewIT {

    @TempDir
    Path out;

    @ParameterizedTest
    @ValueSource(ints = {375, 1024})
    void nothingScrollsSidewaysAndEveryTitleIsVisible(int width) {
        DigestRenderer renderer = new DigestRenderer(EmailConfig.DEFAULTS);
        List<Path> written = new PreviewWriter(renderer, EmailConfig.DEFAULTS).write(out, DigestFixtures.DAY,
                List.of(new PreviewWriter.Variant("", "General", renderer.render(DigestFixtures.worstCase()))));
        ChromeDriver browser = Browser.start(width, 900);
        try {
            browser.get(written.get(0).toUri().toString());
            JavascriptExecutor js = browser;
            long viewport = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
            long scroll = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            assertThat(scroll).as("page width at %d px", width).isLessThanOrEqualTo(viewport);
            List<WebElement> titles = browser.findElements(By.cssSelector("a.pt"));
            assertThat(titles).hasSize(25);
            for (WebElement title : titles) {
                assertThat(title.isDisplayed()).isTrue();
                assertThat(title.getRect().getX()).isGreaterThanOrEqualTo(0);
                assertThat(title.getRect().getX() + title.getRect().getWidth()).isLessThanOrEqualTo((int) viewport);
                assertThat(title.getText()).contains("A Very Long Title");
            }
        } finally {
            browser.quit();
        }
    }
}
