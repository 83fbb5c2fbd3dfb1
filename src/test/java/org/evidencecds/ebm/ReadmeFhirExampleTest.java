package org.evidencecds.ebm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evidencecds.rules.KnowledgeLoader;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;

/** The README's example is the export as it is: the Evidence of the DFU pack's ulcer-healing finding, byte for byte. */
class ReadmeFhirExampleTest {

    @Test
    void theReadmeShowsTheEvidenceTheExportWrites() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        int at = readme.indexOf("<code>GET /fhir/Evidence/dfu-cell-therapy.healing-overall</code>");
        assertThat(at).as("the README's example").isPositive();
        int start = readme.indexOf("```json\n", at) + "```json\n".length();
        String shown = readme.substring(start, readme.indexOf("\n```", start));

        Bundle bundle = EvidenceExport.bundle(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")), "dfu-cell-therapy",
                Path.of("evidence"), "http://localhost:8080/fhir");
        Resource healing = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdPart().equals("dfu-cell-therapy.healing-overall")).findFirst().orElseThrow();
        assertThat(shown).isEqualTo(FhirR5.json(healing));
        assertThat(shown).contains("\"value\": 6.90");
    }
}
