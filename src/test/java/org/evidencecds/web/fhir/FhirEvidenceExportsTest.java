package org.evidencecds.web.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.findings.Finding;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.web.LiveKnowledge;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Each pack's export is built once per knowledge version and base URL; a knowledge swap never answers with the previous one's. */
class FhirEvidenceExportsTest {

    static final String BASE = "http://localhost:8080/fhir";

    static Knowledge both;
    static Knowledge dfuOnly;

    @BeforeAll
    static void load() {
        both = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
        // another version: the same rules, the DFU pack alone (no rules are built again)
        Map<String, Finding> findings = new LinkedHashMap<>();
        both.findings().forEach((id, f) -> {
            if (f.packId().equals("dfu-cell-therapy")) {
                findings.put(id, f);
            }
        });
        dfuOnly = new Knowledge(both.version() + "-dfu-only", List.of(both.pack("dfu-cell-therapy").orElseThrow()),
                both.compiled().stream().filter(c -> c.packId().equals("dfu-cell-therapy")).toList(), both.handWritten(), both.base(),
                both.rulesBuilt(), findings, both.sessions());
    }

    static String text(byte[] json) {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Test
    void builtOncePerVersionAndBaseAndNeverStaleAfterASwap() {
        EvidenceFacade facade = new EvidenceFacade(both);
        FhirEvidenceExports exports = new FhirEvidenceExports(new LiveKnowledge(facade, null, null, Path.of("evidence"), Path.of("rules")));

        byte[] bundle = exports.current().bundle("dfu-cell-therapy", BASE);
        // the same bytes again: nothing is built or serialised twice
        assertThat(exports.current().bundle("dfu-cell-therapy", BASE)).isSameAs(bundle);
        assertThat(exports.current().resource("Evidence", "dfu-cell-therapy.healing-overall", BASE))
                .isSameAs(exports.current().resource("Evidence", "dfu-cell-therapy.healing-overall", BASE));
        byte[] search = exports.current().evidenceSearch(null, BASE);
        assertThat(exports.current().evidenceSearch(null, BASE)).isSameAs(search);
        assertThat(FhirR5.parse(Bundle.class, text(search)).getTotal()).isEqualTo(both.findings().size());

        // another base: its own fullUrls
        byte[] elsewhere = exports.current().bundle("dfu-cell-therapy", "https://cds.example.org/fhir");
        assertThat(text(elsewhere)).contains("\"fullUrl\": \"https://cds.example.org/fhir/Evidence/dfu-cell-therapy.healing-overall\"")
                .doesNotContain(BASE);

        facade.swap(dfuOnly);
        FhirEvidenceExports.Snapshot after = exports.current();
        assertThat(after.knowledgeVersion()).isEqualTo(dfuOnly.version());
        byte[] rebuilt = after.bundle("dfu-cell-therapy", BASE);
        assertThat(rebuilt).isNotSameAs(bundle);
        Evidence overall = FhirR5.parse(Evidence.class, text(after.resource("Evidence", "dfu-cell-therapy.healing-overall", BASE)));
        assertThat(overall.getIdentifier()).anySatisfy(i -> assertThat(i.getValue()).isEqualTo(dfuOnly.version()));
        assertThat(FhirR5.parse(Bundle.class, text(after.evidenceSearch(null, BASE))).getTotal()).isEqualTo(dfuOnly.findings().size())
                .isLessThan(both.findings().size());
        assertThatThrownBy(() -> after.bundle("t2dm-msc", BASE)).isInstanceOfSatisfying(FhirProblem.class, p -> {
            assertThat(p.status()).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(p.code()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
            assertThat(p.getMessage()).isEqualTo("no evidence pack 't2dm-msc' (the pack id) in knowledge " + dfuOnly.version()
                    + "; known packs: dfu-cell-therapy");
        });

        // and back: a new generation again, not the first one's bytes
        facade.swap(both);
        assertThat(exports.current().bundle("dfu-cell-therapy", BASE)).isNotSameAs(bundle).isEqualTo(bundle);
    }

    @Test
    void evidenceFilesChangedSinceTheKnowledgeWasLoadedAnswer503Transient(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        // the folder holds other files than those the pack was loaded from
        Path pack = java.nio.file.Files.createDirectories(dir.resolve("dfu-cell-therapy"));
        try (var files = java.nio.file.Files.list(Path.of("evidence/dfu-cell-therapy"))) {
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, pack.resolve(f.getFileName()));
            }
        }
        java.nio.file.Files.writeString(pack.resolve("pack.yaml"), "\n# edited after loading\n", java.nio.file.StandardOpenOption.APPEND);
        FhirEvidenceExports exports = new FhirEvidenceExports(new LiveKnowledge(new EvidenceFacade(both), null, null, dir, Path.of("rules")));
        assertThatThrownBy(() -> exports.current().resource("Evidence", "dfu-cell-therapy.healing-overall", BASE))
                .isInstanceOfSatisfying(FhirProblem.class, p -> {
                    assertThat(p.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(p.code()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
                    assertThat(p.getMessage()).isEqualTo("the evidence files of pack dfu-cell-therapy on the server are not those knowledge "
                            + both.version() + " was loaded from (they changed since); the export answers again once an administrator "
                            + "reloads the knowledge");
                });
    }
}
