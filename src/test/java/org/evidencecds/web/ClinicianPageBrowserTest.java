package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The clinician's page in headless Chromium at a desktop (1280×800) and a phone (390×800) size: after a
 * submit the summary of findings is in the first screen and has the focus, nothing is wider than the
 * screen, no field name shows, forest plot text is at least 12 px, every id is unique. Screenshots are
 * written to target/screenshots. Skipped when Chromium or chromedriver is not installed (.ci/run installs both).
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClinicianPageBrowserTest {

    private static WebDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() {
        driver = HeadlessChromium.start("ClinicianPageBrowserTest", "--hide-scrollbars");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    /** Sets the viewport (not the window) to the size asked for. */
    static void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        long innerWidth = (Long) js("return window.innerWidth;");
        long innerHeight = (Long) js("return window.innerHeight;");
        driver.manage().window().setSize(new Dimension(width + (int) (width - innerWidth), height + (int) (height - innerHeight)));
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1280, 800", "390, 800"})
    void afterASubmitTheSummaryOfFindingsIsOnTheFirstScreen(int width, int height) throws Exception {
        viewport(width, height);
        driver.get("http://localhost:" + port + "/");
        long heightBefore = (Long) js("return document.documentElement.scrollHeight;");
        driver.findElement(By.name("ulcerAreaCm2")).sendKeys("12");
        driver.findElement(By.name("diabetesDurationYears")).sendKeys("6");
        driver.findElement(By.name("ulcerDurationDays")).sendKeys("250");
        driver.findElement(By.cssSelector("#profile button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.sof")));
        assertThat((Long) js("return window.innerWidth;")).isEqualTo(width);

        @SuppressWarnings("unchecked")
        Map<String, Object> table = (Map<String, Object>) js("var r = document.querySelector('table.sof').getBoundingClientRect();"
                + "var row = document.querySelector('table.sof tbody tr').getBoundingClientRect();"
                + "return {top: r.top, rowTop: row.top, rowBottom: row.bottom, scrollY: window.scrollY, focused: document.activeElement.id,"
                + " pageHeight: document.documentElement.scrollHeight};");
        double top = ((Number) table.get("top")).doubleValue();
        assertThat(top).as("summary table top at %s", width).isBetween(0.0, (double) height);
        assertThat(((Number) table.get("rowTop")).doubleValue()).as("first outcome row starts on the first screen").isLessThan(height);
        assertThat(table.get("focused")).isEqualTo("answer");
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        Files.write(shots.resolve("page-" + width + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        js("document.getElementById('plot-dfu-cell-therapy-ulcer-healing').scrollIntoView();");
        Files.write(shots.resolve("plot-" + width + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        js("window.scrollTo(0, document.getElementById('answer').offsetTop);");

        // nothing wider than the screen
        Object wide = js("var out = []; document.querySelectorAll('body *').forEach(function (e) {"
                + " var r = e.getBoundingClientRect(); if (r.width > 0 && r.right > window.innerWidth + 1) { out.push(e.tagName + '.' + e.className + ' ' + Math.round(r.right)); } });"
                + " return out.slice(0, 10);");
        assertThat((List<?>) wide).as("elements wider than the %s px screen", width).isEmpty();
        assertThat((Long) js("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(width);

        // people read labels, never field names
        String text = driver.findElement(By.tagName("body")).getText();
        VisibleText.assertNoFieldNames("the clinician's page at " + width + " px", text);
        assertThat(text).contains("OR 4.64 (3.11 to 6.90)", "With cell therapy: 768 per 1,000", "Decision support, not an order");

        // forest plots: text at least 12 px as rendered, ids unique
        Object smallest = js("var min = 1e9; document.querySelectorAll('figure svg').forEach(function (svg) {"
                + " var scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;"
                + " svg.querySelectorAll('text').forEach(function (t) { min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale); }); });"
                + " return min;");
        assertThat(((Number) smallest).doubleValue()).as("smallest plot text in px").isGreaterThanOrEqualTo(11.95);
        Object duplicates = js("var seen = {}, dup = []; document.querySelectorAll('[id]').forEach(function (e) { if (seen[e.id]) { dup.push(e.id); } seen[e.id] = 1; }); return dup;");
        assertThat((List<?>) duplicates).isEmpty();

        System.out.printf("ClinicianPageBrowserTest %d×%d: page height %d px before, %d px after; summary table %.0f px from the page top, "
                + "%.0f px from the top of the screen after the submit%n", width, height, heightBefore, (Long) table.get("pageHeight"),
                top + ((Number) table.get("scrollY")).doubleValue(), top);
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"1280, 800", "390, 800"})
    void withTwoPacksBothSummariesComeBeforeEitherDetail(int width, int height) {
        viewport(width, height);
        driver.get("http://localhost:" + port + "/?ulcerAreaCm2=12&diabetesDurationYears=6&ulcerDurationDays=250&diabetesType=type-2&hba1cPercent=8.1#answer");
        @SuppressWarnings("unchecked")
        Map<String, Object> at = (Map<String, Object>) js("function y(s) { return document.querySelector(s).getBoundingClientRect().top + window.scrollY; }"
                + "return {dfu: y('#sof-dfu-cell-therapy'), t2dm: y('#sof-t2dm-msc'), detail: y('section.pack-detail'),"
                + " height: document.documentElement.scrollHeight};");
        double t2dm = ((Number) at.get("t2dm")).doubleValue();
        assertThat(t2dm).isLessThan(((Number) at.get("detail")).doubleValue());
        System.out.printf("ClinicianPageBrowserTest %d×%d with both packs: DFU summary at %.0f px, T2DM summary at %.0f px, page %d px%n",
                width, height, ((Number) at.get("dfu")).doubleValue(), t2dm, (Long) at.get("height"));
    }

    @ParameterizedTest(name = "{0}×{1}")
    @CsvSource({"390, 800"})
    void theWayBackFromProvenanceKeepsTheInputsAndTheOwnRiskRecomputesInPlace(int width, int height) {
        viewport(width, height);
        driver.get("http://localhost:" + port + "/?ulcerAreaCm2=12,5&hba1cPercent=8.1&diabetesType=type-2#answer");
        assertThat(driver.findElement(By.name("hba1cPercent")).isDisplayed()).as("a typed HbA1c is not hidden").isTrue();
        var risk = driver.findElement(By.id("risk-dfu-cell-therapy-ulcer-healing"));
        risk.sendKeys("40");
        // the same numbers as the server's hand-checked AbsoluteEffect: OR 4.64 at 40% → 756, 356 more (275 more to 421 more)
        var row = driver.findElement(By.id("row-dfu-cell-therapy-ulcer-healing"));
        assertThat(row.getText()).contains("With control: 400 per 1,000", "With cell therapy: 756 per 1,000", "356 more per 1,000 (275 more to 421 more)");
        driver.findElement(By.linkText("rule")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.titleContains("Provenance"));
        assertThat((Long) js("return document.documentElement.scrollWidth;")).as("provenance does not scroll sideways").isLessThanOrEqualTo(width);
        driver.findElement(By.linkText("Back to the answer")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("table.sof")));
        assertThat(driver.findElement(By.name("ulcerAreaCm2")).getAttribute("value")).isEqualTo("12,5");
        assertThat(driver.findElement(By.name("hba1cPercent")).getAttribute("value")).isEqualTo("8.1");
    }
}
