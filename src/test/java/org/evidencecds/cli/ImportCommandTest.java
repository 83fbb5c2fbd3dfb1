package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evidencecds.ebm.EvidenceExport;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.rules.KnowledgeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code import --format fhir-r5}: a pack that validate accepts, or a one-line error naming the option, exit 2. */
class ImportCommandTest {

    @TempDir
    static Path dir;

    private static Path bundle;

    @BeforeAll
    static void export() throws Exception {
        var knowledge = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
        bundle = dir.resolve("dfu.json");
        Files.writeString(bundle, FhirR5.json(EvidenceExport.bundle(knowledge, "dfu-cell-therapy", Path.of("evidence"), "http://localhost:8080/fhir")),
                StandardCharsets.UTF_8);
    }

    @Test
    void importsAPackThatValidateAccepts() {
        Path evidence = dir.resolve("evidence-ok");
        CliRunner r = CliRunner.run("import", "--format", "fhir-r5", "--input", bundle.toString(), "--pack", "dfu-copy", "--evidence", evidence.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote dfu-copy 1.2.0").contains("16 reported estimates");
        CliRunner v = CliRunner.run("validate", "--evidence", evidence.toString(), "dfu-copy");
        assertThat(v.exitCode()).as(v.err()).isZero();
        assertThat(v.out()).startsWith("ok dfu-copy 1.2.0");
    }

    @Test
    void refusesWithTheOptionNamed() throws Exception {
        Path evidence = dir.resolve("evidence-bad");
        CliRunner format = CliRunner.run("import", "--format", "csv", "--input", bundle.toString(), "--pack", "x", "--evidence", evidence.toString());
        assertThat(format.exitCode()).isEqualTo(2);
        assertThat(format.err()).contains("--format").doesNotContain("Exception");

        Path notFhir = dir.resolve("not-fhir.json");
        Files.writeString(notFhir, "{\"resourceType\": \"Bundle\", \"entry\": [");
        CliRunner broken = CliRunner.run("import", "--format", "fhir-r5", "--input", notFhir.toString(), "--pack", "x", "--evidence", evidence.toString());
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("--input").contains("not a FHIR R5 Bundle").doesNotContain("\tat ");

        CliRunner badId = CliRunner.run("import", "--format", "fhir-r5", "--input", bundle.toString(), "--pack", "Not An Id", "--evidence", evidence.toString());
        assertThat(badId.exitCode()).isEqualTo(2);
        assertThat(badId.err()).contains("--pack");

        CliRunner missing = CliRunner.run("import", "--format", "fhir-r5", "--input", dir.resolve("nowhere.json").toString(), "--pack", "x");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--input").contains("nowhere.json");
        assertThat(evidence).doesNotExist();
    }
}
