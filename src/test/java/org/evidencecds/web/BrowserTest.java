package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * As a user would: headless Debian Chromium fills the clinician's form and the demo screening form.
 * Skipped, with a message, when /usr/bin/chromium or /usr/bin/chromedriver is not installed
 * (.ci/run installs both).
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BrowserTest {

    private static WebDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void start() {
        driver = HeadlessChromium.start("BrowserTest", "--window-size=1200,2000");
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    static void assertNoCamelCase(String where, String visible) {
        VisibleText.assertNoFieldNames(where, visible);
    }

    void openTheDemoForm() {
        driver.get("http://localhost:" + port + "/demo/screening-form");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            d.switchTo().frame("panel");
            boolean ready = d.findElement(By.id("panel")).getText().contains("Waiting for the patient's details");
            d.switchTo().defaultContent();
            return ready;
        });
    }

    /** The panel's own height, measured inside its frame. */
    long panelHeight() {
        driver.switchTo().frame("panel");
        Object h = ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("var s = getComputedStyle(document.body);"
                + "return Math.ceil(document.body.getBoundingClientRect().height + parseFloat(s.marginTop) + parseFloat(s.marginBottom));");
        driver.switchTo().defaultContent();
        return ((Number) h).longValue();
    }

    long frameHeight() {
        return ((Number) ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return document.getElementById('panel').clientHeight;")).longValue();
    }

    /** The frame is as tall as the panel: no scroll bar inside, no blank space below. */
    void assertTheFrameFollowsThePanel() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> Math.abs(frameHeight() - panelHeight()) <= 1);
    }

    String storedAfterSubmitting() {
        WebElement stored = driver.findElement(By.id("evidenceSummary"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !stored.getAttribute("value").isEmpty());
        return stored.getAttribute("value");
    }

    @Test
    void theScreeningFormGetsAndStoresTheEvidenceFromTheEmbeddedPanel() {
        openTheDemoForm();
        assertTheFrameFollowsThePanel();
        long waiting = frameHeight();
        assertThat(waiting).as("no fixed 32rem frame while waiting").isLessThan(200);
        driver.findElement(By.name("ulcerAreaCm2")).sendKeys("12");
        // Enter submits the form, as in any form
        driver.findElement(By.name("diabetesDurationYears")).sendKeys("6" + org.openqa.selenium.Keys.ENTER);
        String stored = storedAfterSubmitting();
        // a readable summary, not the panel's JSON
        assertThat(stored).startsWith("Cell therapy for diabetic foot ulcers. Complete ulcer healing: OR 4.64 (95% CI 3.11 to 6.90); ")
                .contains("For this patient: Diabetes duration: < 10 years; Ulcer area: ≥ 10 cm²", "Decision support, not an order",
                        "Evidence version dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.")
                .doesNotContain("{", "\"", "ulcerAreaCm2").hasSizeLessThan(2_000);
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Evidence summary stored with the record.");
        assertTheFrameFollowsThePanel();
        assertThat(frameHeight()).as("the frame grew with the answer").isGreaterThan(waiting + 300);
        assertNoCamelCase("the demo form", driver.findElement(By.tagName("body")).getText());
        driver.switchTo().frame("panel");
        // filled by postMessage, the panel shows the numbers exactly as the server renders them (11.58, not 11.6; 6.90, not 6.9)
        String panel = driver.findElement(By.id("panel")).getText();
        assertThat(panel).contains("Complete ulcer healing", "OR 4.64 (95% CI 3.11 to 6.90)", "MD 11.58 mmHg (95% CI 5.36 to 17.80)",
                "Ulcer area: ≥ 10 cm²", "Diabetes duration: < 10 years", "Ulcer duration (non-healing): not recorded", "Protocol:");
        assertNoCamelCase("the panel", driver.findElement(By.tagName("body")).getText());
        // the full report: the clinician's page with the same inputs
        assertThat(driver.findElement(By.linkText("Full report for this patient")).getAttribute("href"))
                .isEqualTo("http://localhost:" + port + "/?diabetesDurationYears=6&footUlcer=yes&ulcerAreaCm2=12");
        driver.switchTo().defaultContent();
    }

    @Test
    void theScreeningFormChecksEachDetailAndScreensACandidateForATrialThroughTheEmbeddedPanel() {
        openTheDemoForm();
        WebElement area = driver.findElement(By.name("ulcerAreaCm2"));
        area.sendKeys("abc" + org.openqa.selenium.Keys.ENTER);
        // refused beside its field, and nothing sent
        assertThat(area.getAttribute("aria-invalid")).isEqualTo("true");
        WebElement error = driver.findElement(By.id(area.getAttribute("aria-describedby")));
        assertThat(error.isDisplayed()).isTrue();
        assertThat(error.getText()).isEqualTo("Ulcer area: enter a number, for example 12.5 (entered: “abc”).");
        assertThat(driver.switchTo().activeElement()).isEqualTo(area);
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("One detail needs correcting (marked above): nothing was sent.");
        assertThat(driver.findElement(By.id("evidenceSummary")).getAttribute("value")).isEmpty();
        WebElement grade = driver.findElement(By.name("wagnerGrade"));
        grade.sendKeys("1.5");
        driver.findElement(By.id("check")).click();
        assertThat(grade.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id(grade.getAttribute("aria-describedby"))).getText())
                .isEqualTo("Wagner ulcer grade: must be a whole number between 0 and 5 (entered: 1.5).");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("2 details need correcting (marked above): nothing was sent.");
        driver.switchTo().frame("panel");
        assertThat(driver.findElement(By.id("panel")).getText()).contains("Waiting for the patient's details");
        driver.switchTo().defaultContent();

        // a decimal comma is a decimal point
        grade.clear();
        driver.findElement(By.name("ageYears")).sendKeys("60");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("trial"))).selectByValue("NCT06003530");
        area.clear();
        area.sendKeys("12,5" + org.openqa.selenium.Keys.ENTER);
        String stored = storedAfterSubmitting();
        assertThat(area.getAttribute("aria-invalid")).isNull();
        assertThat(area.getAttribute("aria-describedby")).isNull();
        assertThat(area.getAttribute("value")).isEqualTo("12.5");
        assertThat(stored).startsWith("Trial NCT06003530: May be eligible: 5 criteria could not be checked (diabetes type, ")
                .doesNotContain("{", "\"");
        driver.switchTo().frame("panel");
        assertThat(driver.findElement(By.id("panel")).getText()).contains("Ulcer area: 12.5 cm² — met (the trial requires 0.5–13 cm²).");
        driver.switchTo().defaultContent();

        // ruled out: the verdict says by what, with the trial's limits
        area.clear();
        area.sendKeys("20" + org.openqa.selenium.Keys.ENTER);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
                d.findElement(By.id("evidenceSummary")).getAttribute("value").startsWith("Trial NCT06003530: Not eligible"));
        assertThat(driver.findElement(By.id("evidenceSummary")).getAttribute("value"))
                .startsWith("Trial NCT06003530: Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm². 12 further criteria")
                .contains("Complete ulcer healing: OR 4.64 (95% CI 3.11 to 6.90)").doesNotContain("{");
        assertThat(driver.findElement(By.id("status")).getText()).isEqualTo("Trial NCT06003530: Not eligible. Evidence summary stored with the record.");
        assertTheFrameFollowsThePanel();
        assertNoCamelCase("the demo form", driver.findElement(By.tagName("body")).getText());
        driver.switchTo().frame("panel");
        String panel = driver.findElement(By.id("panel")).getText();
        assertThat(panel).contains("Trial NCT06003530", "Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm².",
                "Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²).", "Age: 60 years — met (the trial requires 18–80 years).",
                "HbA1c: not recorded (the trial excludes HbA1c above 12%).", "OR 4.64");
        assertNoCamelCase("the panel", driver.findElement(By.tagName("body")).getText());
        driver.switchTo().defaultContent();
    }

    @Test
    void anUnknownTrialIsShownInWordsInThePanel() {
        driver.get("http://localhost:" + port + "/embed?trial=NCT0000");
        assertThat(driver.findElement(By.id("panel")).getText())
                .isEqualTo("No registered trial protocol NCT0000: choose one of NCT04569409, NCT06003530.");
        assertNoCamelCase("the panel", driver.findElement(By.tagName("body")).getText());
    }
}
