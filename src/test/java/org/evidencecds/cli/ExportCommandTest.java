package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.evidencecds.ebm.FhirR5;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Evidence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export}: a pack as a FHIR R5 Bundle in a file that parses; an unknown pack, format or base is refused with 2. */
class ExportCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesThePackAsAFhirR5BundleThatParses() throws Exception {
        Path file = dir.resolve("dfu.json");
        CliRunner run = CliRunner.run("export", "--pack", "dfu-cell-therapy", "--format", "fhir-r5", "--output", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).isEmpty();

        String json = Files.readString(file, StandardCharsets.UTF_8);
        Bundle bundle = FhirR5.parse(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getIdPart()).isEqualTo("dfu-cell-therapy");
        Map<String, Long> byType = bundle.getEntry().stream()
                .collect(Collectors.groupingBy(e -> e.getResource().fhirType(), java.util.LinkedHashMap::new, Collectors.counting()));
        assertThat(byType).containsEntry("Basic", 1L).containsEntry("CodeSystem", 3L).containsEntry("Evidence", 16L);

        // the default base; the estimate as the source printed it (6.90, not 6.9)
        Bundle.BundleEntryComponent overall = bundle.getEntry().stream()
                .filter(e -> e.getFullUrl().equals("http://localhost:8080/fhir/Evidence/dfu-cell-therapy.healing-overall")).findFirst().orElseThrow();
        Evidence e = (Evidence) overall.getResource();
        assertThat(e.getStatisticFirstRep().getQuantity().getValue()).isEqualByComparingTo("4.64");
        assertThat(json).contains("\"value\": 6.90");

        // one line naming the file and the resources by type
        String expectedCounts = byType.entrySet().stream().map(x -> x.getValue() + " " + x.getKey()).collect(Collectors.joining(", "));
        assertThat(run.out().strip()).startsWith("wrote " + file + ": FHIR R5 Bundle of dfu-cell-therapy 1.2.0, "
                + bundle.getEntry().size() + " resources: " + expectedCounts + " (knowledge dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.");
        assertThat(run.out().lines().count()).isEqualTo(1);
    }

    @Test
    void theFormatIsFhirR5ByDefaultAndTheBaseIsAnOption() throws Exception {
        Path file = dir.resolve("t2dm.json");
        CliRunner run = CliRunner.run("export", "--pack", "t2dm-msc", "--output", file.toString(), "--base", "https://cds.example.org/fhir/");
        assertThat(run.exitCode()).as(run.err()).isZero();
        Bundle bundle = FhirR5.parse(Bundle.class, Files.readString(file, StandardCharsets.UTF_8));
        assertThat(bundle.getEntry()).isNotEmpty().allSatisfy(e -> assertThat(e.getFullUrl())
                .isEqualTo("https://cds.example.org/fhir/" + e.getResource().fhirType() + "/" + e.getResource().getIdPart()));
    }

    @Test
    void anUnknownPackFormatOrBaseIsRefusedWith2NamingTheOption() {
        Path file = dir.resolve("x.json");
        CliRunner pack = CliRunner.run("export", "--pack", "nope", "--format", "fhir-r5", "--output", file.toString());
        assertThat(pack.exitCode()).isEqualTo(2);
        assertThat(pack.err().strip()).isEqualTo("error: --pack: no evidence pack 'nope' in evidence (known: dfu-cell-therapy, t2dm-msc)");

        CliRunner format = CliRunner.run("export", "--pack", "dfu-cell-therapy", "--format", "fhir-r4", "--output", file.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err().strip()).isEqualTo("error: --format: unknown format 'fhir-r4' (known: fhir-r5)");

        CliRunner base = CliRunner.run("export", "--pack", "dfu-cell-therapy", "--output", file.toString(), "--base", "localhost/fhir");
        assertThat(base.exitCode()).isEqualTo(2);
        assertThat(base.err().strip()).isEqualTo("error: --base: 'localhost/fhir' is not an http(s) URL");

        CliRunner missing = CliRunner.run("export", "--pack", "dfu-cell-therapy");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--output=FILE.json'");
        assertThat(file).doesNotExist();
    }

    @Test
    void anUnwritableOutputIsRefusedWith2() {
        Path file = dir.resolve("no-such-folder").resolve("x.json");
        CliRunner run = CliRunner.run("export", "--pack", "dfu-cell-therapy", "--output", file.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --output: cannot write " + file + " (NoSuchFileException");
    }
}
