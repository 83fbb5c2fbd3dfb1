package org.evidencecds.ebm;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.SingleValidationMessage;
import java.nio.file.Path;
import java.util.List;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.hl7.fhir.r5.model.Bundle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both packs' exports validate against the R5 base profiles with the HAPI validator: 0 errors, 0 warnings. */
class EvidenceExportValidationTest {

    private static Knowledge knowledge;

    @BeforeAll
    static void load() {
        knowledge = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dfu-cell-therapy", "t2dm-msc"})
    void theExportValidatesWithoutErrors(String packId) throws Exception {
        Bundle bundle = EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), "http://localhost:8080/fhir");
        // the whole Bundle (references between entries resolve), as a client would receive it
        List<SingleValidationMessage> messages = R5Validator.messages(FhirR5.parse(Bundle.class, FhirR5.json(bundle)));
        // kept for the record (the closing note lists the warnings): target/fhir-validation-<pack>.txt
        java.nio.file.Files.write(Path.of("target", "fhir-validation-" + packId + ".txt"),
                messages.stream().map(R5Validator::line).toList());
        assertThat(messages.stream().filter(R5Validator::isError).map(R5Validator::line).toList()).isEmpty();
        // and no warnings either (only "unknown extension" information for this project's extensions)
        assertThat(messages.stream().filter(m -> m.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.WARNING.ordinal())
                .map(R5Validator::line).toList()).isEmpty();
    }
}
