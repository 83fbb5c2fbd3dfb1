package org.evidencecds.ebm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.ReportedEstimate;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.rules.RuleFiles;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Evidence;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Export, import as a new pack, export again: the same findings (ids, values with their printed decimals, CIs,
 * certainty and its inputs, sources), and the imported pack is one the pack loader accepts.
 */
class EvidenceRoundTripTest {

    private static final String BASE = "http://localhost:8080/fhir";
    private static Knowledge knowledge;

    @TempDir
    Path evidence;

    @BeforeAll
    static void load() {
        knowledge = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
    }

    private static Knowledge knowledgeOf(EvidencePack pack) {
        return Knowledge.build(List.of(pack), RuleFiles.handWritten(Path.of("rules")));
    }

    /** The Bundle's JSON with the pack id and the knowledge version (which names the pack) neutralised. */
    private static String normalised(Bundle bundle, String packId, Knowledge k) {
        return FhirR5.json(bundle).replace(k.version(), "KNOWLEDGE-VERSION").replace(packId, "PACK");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dfu-cell-therapy", "t2dm-msc"})
    void exportImportExportGivesTheSameBundle(String packId) {
        Bundle first = FhirR5.parse(Bundle.class, FhirR5.json(EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), BASE)));
        EvidencePack imported = EvidenceImport.write(first, "imported", evidence);
        Knowledge again = knowledgeOf(imported);
        Bundle second = EvidenceExport.bundle(again, "imported", evidence, BASE);

        EvidencePack original = knowledge.pack(packId).orElseThrow();
        assertThat(imported.reportedEstimates()).hasSameSizeAs(original.reportedEstimates());
        assertThat(imported.sources()).hasSameSizeAs(original.sources());
        assertThat(imported.dimensions()).hasSameSizeAs(original.dimensions());
        // every reported value as printed, CI, p, k, n, source, locator, snippet, status
        Map<String, ReportedEstimate> byId = imported.reportedEstimates().stream().collect(Collectors.toMap(ReportedEstimate::id, r -> r));
        for (ReportedEstimate r : original.reportedEstimates()) {
            ReportedEstimate i = byId.get(r.id());
            assertThat(i).as(r.id()).isNotNull();
            assertThat(List.of(String.valueOf(i.estimateText()), String.valueOf(i.ciLowText()), String.valueOf(i.ciHighText()),
                    String.valueOf(i.pValue()), String.valueOf(i.k()), String.valueOf(i.n()), String.valueOf(i.i2()), String.valueOf(i.measure())))
                    .as(r.id()).containsExactly(String.valueOf(r.estimateText()), String.valueOf(r.ciLowText()), String.valueOf(r.ciHighText()),
                            String.valueOf(r.pValue()), String.valueOf(r.k()), String.valueOf(r.n()), String.valueOf(r.i2()), String.valueOf(r.measure()));
            assertThat(i.sources()).as(r.id()).isEqualTo(r.sources());
            assertThat(List.of(i.locator(), i.snippet(), i.status().name())).as(r.id()).containsExactly(r.locator(), r.snippet(), r.status().name());
            assertThat(i.dimension() + "/" + i.level() + "/" + i.outcome()).as(r.id()).isEqualTo(r.dimension() + "/" + r.level() + "/" + r.outcome());
        }
        // the whole second export equals the first: findings, certainty per domain with reasons, credibility, citations
        String expected = normalised(first, packId, knowledge);
        String actual = normalised(second, "imported", again);
        if (!actual.equals(expected)) {
            try {
                Files.writeString(Path.of("target", "round-trip-" + packId + "-first.json"), expected);
                Files.writeString(Path.of("target", "round-trip-" + packId + "-second.json"), actual);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertThat(actual).as("second export (target/round-trip-%s-second.json)", packId).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dfu-cell-therapy"})
    void theImportReadsValuesFromTheFhirElementsNotFromTheExtensions(String packId) {
        Bundle bundle = EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), BASE);
        Evidence healing = bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(r -> r instanceof Evidence)
                .map(r -> (Evidence) r).filter(e -> e.getIdPart().equals(packId + ".healing-overall")).findFirst().orElseThrow();
        // another system's value in the FHIR element; the pack entry carried alongside still says 4.64
        healing.getStatisticFirstRep().getQuantity().setValue(new java.math.BigDecimal("4.70"));
        EvidencePack imported = EvidenceImport.write(bundle, "edited", evidence);
        ReportedEstimate row = imported.reportedEstimates().stream().filter(r -> r.id().equals("healing-overall")).findFirst().orElseThrow();
        assertThat(row.estimateText()).isEqualTo("4.70");
        assertThat(row.ciHighText()).isEqualTo("6.90");
    }

    @ParameterizedTest
    @ValueSource(strings = {"t2dm-msc"})
    void aBundleWithoutThePackOnlyFieldsIsRefusedNamingThemNotCompletedByGuesses(String packId) throws Exception {
        Bundle bundle = EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), BASE);
        // as another system would send it: FHIR elements only, no Basic, no Binaries, no extensions
        bundle.getEntry().removeIf(e -> e.getResource() instanceof org.hl7.fhir.r5.model.Basic || e.getResource() instanceof org.hl7.fhir.r5.model.Binary);
        for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
            if (e.getResource() instanceof org.hl7.fhir.r5.model.DomainResource d) {
                d.getExtension().clear();
            }
            if (e.getResource() instanceof Evidence ev) {
                ev.getNote().forEach(n -> n.getExtension().clear());
            }
        }
        // a level's basis, an outcome's direction of benefit, a row's verification status have no FHIR element
        assertThatThrownBy(() -> EvidenceImport.write(bundle, "foreign", evidence)).isInstanceOf(PackValidationException.class)
                .satisfies(e -> assertThat(((PackValidationException) e).problems().stream().map(Object::toString).toList())
                        .anyMatch(p -> p.contains("dimensions.yaml:") && p.contains("basis"))
                        .anyMatch(p -> p.contains("pack.yaml:") && p.contains("benefit"))
                        .anyMatch(p -> p.contains("reported_estimates.csv:") && p.contains("status")));
        try (var files = Files.list(evidence)) {
            assertThat(files.toList()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dfu-cell-therapy"})
    void anExistingPackIsNeverOverwrittenAndARefusedImportLeavesNothing(String packId) throws Exception {
        Bundle bundle = EvidenceExport.bundle(knowledge, packId, Path.of("evidence"), BASE);
        EvidenceImport.write(bundle, "once", evidence);
        assertThatThrownBy(() -> EvidenceImport.write(bundle, "once", evidence)).hasMessageContaining("exists already");
        assertThatThrownBy(() -> EvidenceImport.write(bundle, "Bad Id", evidence)).hasMessageContaining("pack id");
        // a CI printed above its estimate: the loader refuses the pack, and nothing is left behind
        Evidence healing = (Evidence) bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(r -> r.getIdPart().equals(packId + ".healing-overall")).findFirst().orElseThrow();
        healing.getStatisticFirstRep().getAttributeEstimateFirstRep().getRange().getLow().setValue(new java.math.BigDecimal("5.00"));
        assertThatThrownBy(() -> EvidenceImport.write(bundle, "refused", evidence)).isInstanceOf(PackValidationException.class)
                .hasMessageContaining("reported_estimates.csv");
        try (var files = Files.list(evidence)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("once");
        }
    }
}
