package no.formidling.testsupport;

import com.deque.html.axecore.args.AxeRuleOptions;
import com.deque.html.axecore.args.AxeRunOnlyOptions;
import com.deque.html.axecore.args.AxeRunOptions;
import com.deque.html.axecore.results.Results;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven by its chromedriver: nothing downloaded at test time. Missing browser skips
 * the test on a developer machine and fails it under CI=true ({@code .ci/run} installs it).
 */
public final class Chromium {
    private static final Path BROWSER = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Chromium() {
    }

    /** A fresh browser profile under {@code workDir}; downloads go to {@code downloads}; English unless told otherwise. */
    public static ChromeDriver start(Path workDir, Path downloads, String acceptLanguage) {
        if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
            String why = "Chromium is not installed (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        try {
            Path profile = Files.createDirectories(workDir.resolve("chromium-profile"));
            Files.createDirectories(downloads);
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BROWSER.toFile());
            // As root and without internet: no sandbox, and nothing that phones home (it would stall).
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile.toAbsolutePath(), "--window-size=1280,1000", "--lang=" + acceptLanguage.split(",")[0],
                    "--accept-lang=" + acceptLanguage);
            Map<String, Object> prefs = new HashMap<>();
            prefs.put("download.default_directory", downloads.toAbsolutePath().toString());
            prefs.put("download.prompt_for_download", false);
            prefs.put("intl.accept_languages", acceptLanguage);
            options.setExperimentalOption("prefs", prefs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png} for a reviewer. */
    /** Clicks a button that submits a form and waits for the page it leads to: a click can return before the browser navigates. */
    public static void submit(ChromeDriver driver, By button) {
        WebElement page = driver.findElement(By.tagName("html"));
        driver.findElement(button).click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> isGone(page));
    }

    /** Like Selenium's stalenessOf, also for the answer Chromium gives while the old document is being replaced. */
    private static boolean isGone(WebElement element) {
        try {
            element.isEnabled();
            return false;
        } catch (org.openqa.selenium.StaleElementReferenceException e) {
            return true;
        } catch (org.openqa.selenium.WebDriverException e) {
            if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                return true;
            }
            throw e;
        }
    }

    public static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = driver.getScreenshotAs(OutputType.FILE);
            Path to = SCREENSHOTS.resolve(name + ".png");
            Files.copy(shot.toPath(), to, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * axe-core rules tagged "experimental", which the WCAG tags alone do not run. label-content-name-mismatch (WCAG 2.5.3
     * Label in Name): a control's accessible name contains its visible text, so speech users can say what they see.
     */
    public static final String LABEL_IN_NAME = "label-content-name-mismatch";

    /** Saves a screenshot named {@code page}, then fails on any serious or critical WCAG 2.2 A/AA violation there. */
    public static void assertAccessible(ChromeDriver driver, String page) {
        assertAccessible(driver, page, List.of());
    }

    /** Like {@link #assertAccessible(ChromeDriver, String)}, with axe-core rules the WCAG tags leave off (such as {@link #LABEL_IN_NAME}) run too. */
    public static void assertAccessible(ChromeDriver driver, String page, List<String> extraRules) {
        screenshot(driver, page);
        List<String> violations = seriousAccessibilityViolations(driver, extraRules);
        if (!violations.isEmpty()) {
            throw new AssertionError("serious or critical WCAG 2.2 AA violations on " + page + ": " + violations);
        }
    }

    /** The serious and critical WCAG 2.2 A/AA violations axe-core finds on the current page, as readable lines. */
    public static List<String> seriousAccessibilityViolations(ChromeDriver driver) {
        return seriousAccessibilityViolations(driver, List.of());
    }

    /** The same, with {@code extraRules} switched on besides the WCAG-tagged ones. */
    public static List<String> seriousAccessibilityViolations(ChromeDriver driver, List<String> extraRules) {
        AxeRunOptions options = new AxeRunOptions();
        AxeRunOnlyOptions wcag = new AxeRunOnlyOptions();
        wcag.setType("tag");
        wcag.setValues(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"));
        options.setRunOnly(wcag);
        if (!extraRules.isEmpty()) {
            Map<String, AxeRuleOptions> rules = new HashMap<>();
            for (String rule : extraRules) {
                AxeRuleOptions on = new AxeRuleOptions();
                on.setEnabled(true);
                rules.put(rule, on);
            }
            options.setRules(rules);
        }
        Results results = new AxeBuilder().withOptions(options).analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException("axe-core could not analyse " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        return results.getViolations().stream()
                .filter(v -> "serious".equals(v.getImpact()) || "critical".equals(v.getImpact()))
                .map(Chromium::describe).toList();
    }

    private static String describe(Rule v) {
        return v.getImpact() + " " + v.getId() + ": " + v.getHelp() + " at "
                + v.getNodes().stream().map(n -> String.valueOf(n.getTarget())).collect(Collectors.joining(", "));
    }
}
