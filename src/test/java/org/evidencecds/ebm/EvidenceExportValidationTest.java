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

    @ParameterizedTest
    @ValueSource(strings = {"dfu-cell-therapy", "t2dm-msc"})
    void everyCodingHasTheDisplayItsCodeSystemGives(String packId) {
        // the validator does not check displays: a wrong one would pass it
        Bundle bundle = EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), "http://localhost:8080/fhir");
        List<org.hl7.fhir.r5.model.Coding> codings = bundle.getEntry().stream().flatMap(e -> FhirR5.context().newTerser()
                .getAllPopulatedChildElementsOfType(e.getResource(), org.hl7.fhir.r5.model.Coding.class).stream()).toList();
        assertThat(codings).isNotEmpty();
        int checked = 0;
        for (org.hl7.fhir.r5.model.Coding c : codings) {
            String expected = R5Validator.display(c.getSystem(), c.getCode());
            assertThat(expected).as("%s#%s is known to the validator", c.getSystem(), c.getCode()).isNotNull();
            assertThat(c.getDisplay()).as("%s#%s", c.getSystem(), c.getCode()).isEqualTo(expected);
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }
}
