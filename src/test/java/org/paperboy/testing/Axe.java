package org.paperboy.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core (Deque's accessibility engine, from the test classpath) run in the page a browser shows,
 * on the WCAG 2.0 and 2.1 A and AA rules. {@link #check} fails with every violation's rule id, the
 * elements it found (CSS selectors) and, for contrast, the colours and the ratio; {@link #scheme} and
 * {@link #width} set what the page is looked at with, on the page already loaded (a page answering a
 * form post is checked without posting again).
 */
public final class Axe {

    /** The rule sets checked: WCAG 2.0 and 2.1, levels A and AA. */
    public static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    private static final String SCRIPT = load();
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})
              .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + '\\n' + v.nodes.map(n => '    '
                  + n.target.join(' ') + (n.any.length && n.any[0].data && n.any[0].data.contrastRatio
                      ? ' [' + n.any[0].data.fgColor + ' on ' + n.any[0].data.bgColor + ': ' + n.any[0].data.contrastRatio
                        + ', needs ' + n.any[0].data.expectedContrastRatio + ']' : '')).join('\\n'))))
              .catch(e => done(['axe failed: ' + e]));
            """;

    private Axe() {
    }

    /** The violations on the page as it is shown now, one string each: rule id, impact, what it asks, and each element. */
    public static List<String> violations(ChromeDriver browser) {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(120));
        Object loaded = browser.executeScript("return typeof axe !== 'undefined'");
        if (!Boolean.TRUE.equals(loaded)) {
            browser.executeScript(SCRIPT);
        }
        Object found = browser.executeAsyncScript(RUN, TAGS);
        List<String> violations = new ArrayList<>();
        for (Object v : (List<?>) found) {
            violations.add(String.valueOf(v));
        }
        return violations;
    }

    /** Fails when axe finds any violation on the page as it is shown now; {@code what} names the page and how it is shown. */
    public static void check(ChromeDriver browser, String what) {
        List<String> violations = violations(browser);
        if (!violations.isEmpty()) {
            throw new AssertionError("axe-core found " + violations.size() + " WCAG A/AA violation(s) on " + what + " ("
                    + browser.getCurrentUrl() + "):\n  " + String.join("\n  ", violations));
        }
    }

    /** Shows the page as a system set to dark (or light) would: the CSS prefers-color-scheme media feature. */
    public static void scheme(ChromeDriver browser, boolean dark) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    /** Gives the page a viewport this many CSS pixels wide (a desktop window's, not a phone's zoom), the page kept. */
    public static void width(ChromeDriver browser, int width) {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", 800,
                "deviceScaleFactor", 1, "mobile", false));
    }

    /** How many CSS pixels the page is wider than its viewport (0 when nothing sticks out sideways). */
    public static long overflow(ChromeDriver browser) {
        Object wider = browser.executeScript("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth)");
        return ((Number) wider).longValue();
    }

    /**
     * Checks the loaded page at each width, light and dark: no axe violation and nothing wider than
     * the viewport. Leaves the page light, at the last width.
     */
    public static void checkEverywhere(ChromeDriver browser, String what, int... widths) {
        List<String> failures = new ArrayList<>();
        for (int width : widths) {
            width(browser, width);
            for (boolean dark : new boolean[] {false, true}) {
                scheme(browser, dark);
                String how = what + " at " + width + " px, " + (dark ? "dark" : "light");
                long overflow = overflow(browser);
                if (overflow > 0) {
                    failures.add(how + ": the page is " + overflow + " px wider than the window");
                }
                try {
                    check(browser, how);
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
        }
        scheme(browser, false);
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n", failures));
        }
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is not on the test classpath (the com.deque.html.axe-core:selenium jar)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read axe.min.js: " + e.getMessage(), e);
        }
    }
}
