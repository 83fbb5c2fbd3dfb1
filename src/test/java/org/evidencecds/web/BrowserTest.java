package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
        boolean installed = Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver"));
        if (!installed) {
            System.out.println("SKIPPED BrowserTest: /usr/bin/chromium and /usr/bin/chromedriver are not installed "
                    + "(apt-get install chromium chromium-driver; .ci/run does this)");
        }
        assumeTrue(installed, "chromium and chromium-driver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1200,2000");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
        driver = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void theScreeningFormGetsAndStoresTheEvidenceFromTheEmbeddedPanel() {
        driver.get("http://localhost:" + port + "/demo/screening-form");
        driver.findElement(By.name("ulcerAreaCm2")).sendKeys("12");
        driver.findElement(By.name("diabetesDurationYears")).sendKeys("6");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            d.switchTo().frame("panel");
            boolean ready = !d.findElements(By.id("panel")).isEmpty();
            d.switchTo().defaultContent();
            return ready;
        });
        driver.findElement(By.id("check")).click();
        WebElement stored = driver.findElement(By.id("evidenceSummary"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !stored.getAttribute("value").isEmpty());
        assertThat(stored.getAttribute("value")).contains("\"knowledgeVersion\":\"dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.", "Ulcer area: ≥ 10 cm²");
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("Evidence summary stored with the record");
        assertThat(stored.getAttribute("value")).contains("OR 4.64 (95% CI 3.11 to 6.90)");
        driver.switchTo().frame("panel");
        // filled by postMessage, the panel shows the numbers exactly as the server renders them (11.58, not 11.6; 6.90, not 6.9)
        assertThat(driver.findElement(By.id("panel")).getText()).contains("Complete ulcer healing", "OR 4.64 (95% CI 3.11 to 6.90)",
                "MD 11.58 mmHg (95% CI 5.36 to 17.80)");
        driver.switchTo().defaultContent();
    }

    @Test
    void theScreeningFormScreensACandidateForATrialThroughTheEmbeddedPanel() {
        driver.get("http://localhost:" + port + "/demo/screening-form");
        driver.findElement(By.name("ulcerAreaCm2")).sendKeys("20");
        driver.findElement(By.name("ageYears")).sendKeys("60");
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.name("trial"))).selectByVisibleText("NCT06003530");
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            d.switchTo().frame("panel");
            boolean ready = !d.findElements(By.id("panel")).isEmpty();
            d.switchTo().defaultContent();
            return ready;
        });
        driver.findElement(By.id("check")).click();
        WebElement stored = driver.findElement(By.id("evidenceSummary"));
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !stored.getAttribute("value").isEmpty());
        assertThat(stored.getAttribute("value")).contains("\"trial\":\"NCT06003530\"", "\"verdict\":\"not-eligible\"",
                "\"id\":\"ulcer-area\",\"kind\":\"inclusion\",\"status\":\"not-met\"");
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("Screening NCT06003530: not-eligible.");
        driver.switchTo().frame("panel");
        assertThat(driver.findElement(By.id("panel")).getText()).contains("Trial NCT06003530: not-eligible", "ulcer-area: not-met (excludes)", "OR 4.64");
        driver.switchTo().defaultContent();
    }
}
