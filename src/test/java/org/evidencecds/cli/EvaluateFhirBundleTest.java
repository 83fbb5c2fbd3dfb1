package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate --fhir-bundle}: a Synthea-shaped record read by the CDS Hooks reading rules, from the command line. */
class EvaluateFhirBundleTest {

    private static final String ULCER = "src/test/resources/fhir/synthea/synthea-t2dm-foot-ulcer.json";

    @Test
    void aSyntheaBundleIsReadAndEvaluatedSayingWhatWasRead() {
        CliRunner run = CliRunner.run("evaluate", "--fhir-bundle", ULCER, "--today", "2026-11-29");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("Read from " + ULCER + ":\n")
                .contains("  Ulcer area: 8 cm², from Area of wound (89260-4) 800 mm2 of 2026-10-01 (unit converted by UCUM) (1 older result not used)")
                .contains("  Diabetes duration: 12.5 years, since the onset of Diabetes (44054006) on 2014-05-03")
                .contains("== Cell therapy for diabetic foot ulcers", "== MSC therapy for glycaemic control in type 2 diabetes");
    }

    @Test
    void jsonCarriesTheReadingBesideTheReportAndOptionsOverrideWhatWasRead() throws Exception {
        CliRunner run = CliRunner.run("evaluate", "--fhir-bundle", ULCER, "--today", "2026-11-29", "--ulcer-area-cm2", "12", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode out = new ObjectMapper().readTree(run.out());
        assertThat(out.get("report").get("profile").get("ulcerAreaCm2").asDouble()).isEqualTo(12.0);
        assertThat(out.get("report").get("profile").get("diabetesDurationYears").asDouble()).isEqualTo(12.57);
        assertThat(out.get("fhir").get("read").toString()).contains("Ulcer area: 8 cm²");
    }

    @Test
    void aBundleWithoutTheOnePatientOrNotJsonIsAUsageError(@TempDir Path dir) throws Exception {
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"resourceType\": \"Bundle\",\n  \"entry\": [ }");
        CliRunner bad = CliRunner.run("evaluate", "--fhir-bundle", broken.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--fhir-bundle: " + broken + ":2:14: not JSON");
        Path none = dir.resolve("none.json");
        Files.writeString(none, "{\"resourceType\": \"Bundle\", \"type\": \"collection\", \"entry\": []}");
        assertThat(CliRunner.run("evaluate", "--fhir-bundle", none.toString()).err()).contains("has no Patient: give --patient-id");
        assertThat(CliRunner.run("evaluate", "--patient-id", "x").err()).contains("--patient-id: only with --fhir-bundle");
    }
}
