package org.evidencecds.web.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.evidencecds.ebm.EvidenceExport;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.web.WebApplication;
import org.hl7.fhir.r5.model.ArtifactAssessment;
import org.hl7.fhir.r5.model.Bundle;
import org.hl7.fhir.r5.model.Citation;
import org.hl7.fhir.r5.model.CodeSystem;
import org.hl7.fhir.r5.model.Evidence;
import org.hl7.fhir.r5.model.EvidenceVariable;
import org.hl7.fhir.r5.model.OperationOutcome;
import org.hl7.fhir.r5.model.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/** The packs in FHIR R5 under /fhir: Bundles, the Evidence searchset, single resources and OperationOutcomes. */
@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class FhirEvidenceApiTest {

    static final String FHIR_JSON_UTF8 = "application/fhir+json;charset=UTF-8";
    static final String BASE = "http://localhost/fhir";

    @Autowired
    MockMvc mvc;

    @Autowired
    EvidenceFacade facade;

    MockHttpServletResponse fetch(String path, String accept) throws Exception {
        return mvc.perform(get(path).accept(accept)).andReturn().getResponse();
    }

    <T extends Resource> T read(Class<T> type, String path) throws Exception {
        MockHttpServletResponse r = fetch(path, "application/fhir+json");
        assertThat(r.getStatus()).as(path + ": " + r.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.getContentType()).as(path).isEqualTo(FHIR_JSON_UTF8);
        return FhirR5.parse(type, r.getContentAsString(StandardCharsets.UTF_8));
    }

    @Test
    void aPackIsItsCollectionBundleWithTheEstimateAsPrinted() throws Exception {
        MockHttpServletResponse r = fetch("/fhir/Bundle/dfu-cell-therapy", "application/fhir+json");
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentType()).isEqualTo(FHIR_JSON_UTF8);
        String json = r.getContentAsString(StandardCharsets.UTF_8);
        Bundle bundle = FhirR5.parse(Bundle.class, json);
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(bundle.getIdPart()).isEqualTo("dfu-cell-therapy");
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl())
                .isEqualTo(BASE + "/" + e.getResource().fhirType() + "/" + e.getResource().getIdPart()));
        assertThat(bundle.getEntry().stream().map(e -> e.getResource().fhirType()).distinct().toList())
                .contains("Basic", "CodeSystem", "Citation", "EvidenceVariable", "Evidence", "ArtifactAssessment", "Binary");

        Evidence overall = (Evidence) bundle.getEntry().stream().filter(e -> e.getFullUrl().equals(BASE + "/Evidence/dfu-cell-therapy.healing-overall"))
                .findFirst().orElseThrow().getResource();
        Evidence.EvidenceStatisticComponent statistic = overall.getStatisticFirstRep();
        assertThat(statistic.getQuantity().getValue()).isEqualByComparingTo("4.64");
        Evidence.EvidenceStatisticAttributeEstimateComponent ci = statistic.getAttributeEstimate().stream()
                .filter(a -> a.hasRange()).findFirst().orElseThrow();
        assertThat(ci.getRange().getLow().getValue()).isEqualByComparingTo("3.11");
        // as printed: 6.90, not 6.9
        assertThat(ci.getRange().getHigh().getValue().toPlainString()).isEqualTo("6.90");
        assertThat(json).contains("\"value\": 4.64", "\"value\": 3.11", "\"value\": 6.90");

        // the same Bundle by _pack, and to a client that asks for plain JSON
        MockHttpServletResponse byPack = fetch("/fhir/Bundle?_pack=dfu-cell-therapy", "application/json");
        assertThat(byPack.getStatus()).isEqualTo(200);
        assertThat(byPack.getContentType()).isEqualTo(FHIR_JSON_UTF8);
        assertThat(byPack.getContentAsString(StandardCharsets.UTF_8)).isEqualTo(json);
        // and to a browser following the page's link
        MockHttpServletResponse browser = fetch("/fhir/Evidence/dfu-cell-therapy.healing-overall",
                "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(browser.getStatus()).isEqualTo(200);
        assertThat(browser.getContentType()).isEqualTo(FHIR_JSON_UTF8);
    }

    @Test
    void theEvidenceSearchHasAMatchPerFindingOfEveryPackOrOfOne() throws Exception {
        Knowledge k = facade.knowledge();
        Bundle all = read(Bundle.class, "/fhir/Evidence");
        assertThat(all.getType()).isEqualTo(Bundle.BundleType.SEARCHSET);
        assertThat(all.getTotal()).isEqualTo(k.findings().size()).isEqualTo(all.getEntry().size());
        assertThat(all.getLink("self").getUrl()).isEqualTo(BASE + "/Evidence");
        assertThat(all.getEntry()).allSatisfy(e -> {
            assertThat(e.getSearch().getMode()).isEqualTo(Bundle.SearchEntryMode.MATCH);
            assertThat(e.getResource()).isInstanceOf(Evidence.class);
            assertThat(e.getFullUrl()).isEqualTo(BASE + "/Evidence/" + e.getResource().getIdPart());
        });
        assertThat(all.getEntry().stream().map(e -> e.getResource().getIdPart()).toList())
                .containsExactlyElementsOf(k.findings().values().stream().map(EvidenceExport::evidenceId).toList());
        for (EvidencePack p : k.packs()) {
            long findings = k.findings().values().stream().filter(f -> f.packId().equals(p.id())).count();
            Bundle one = read(Bundle.class, "/fhir/Evidence?_pack=" + p.id());
            assertThat(one.getTotal()).as(p.id()).isEqualTo(findings).isEqualTo(one.getEntry().size()).isPositive();
            assertThat(one.getEntry()).allSatisfy(e -> assertThat(e.getResource().getIdPart()).startsWith(p.id() + "."));
        }
        assertThat(read(Bundle.class, "/fhir/Evidence?_pack=dfu-cell-therapy").getTotal()).isEqualTo(16);
    }

    @Test
    void eachResourceByItsId() throws Exception {
        Evidence e = read(Evidence.class, "/fhir/Evidence/dfu-cell-therapy.healing-overall");
        assertThat(e.getIdPart()).isEqualTo("dfu-cell-therapy.healing-overall");
        assertThat(e.getStatisticFirstRep().getQuantity().getValue()).isEqualByComparingTo("4.64");
        assertThat(read(Citation.class, "/fhir/Citation/dfu-cell-therapy.zhang2026").getIdPart()).isEqualTo("dfu-cell-therapy.zhang2026");
        assertThat(read(EvidenceVariable.class, "/fhir/EvidenceVariable/dfu-cell-therapy.ulcer-area.ge-10-cm2").getIdPart())
                .isEqualTo("dfu-cell-therapy.ulcer-area.ge-10-cm2");
        CodeSystem cs = read(CodeSystem.class, "/fhir/CodeSystem/iceman-credibility");
        assertThat(cs.getUrl()).isEqualTo("https://evidence-cds.org/fhir/CodeSystem/iceman-credibility");

        // every ArtifactAssessment, Basic and Binary of the Bundle resolves at its fullUrl, to the same resource
        Bundle bundle = read(Bundle.class, "/fhir/Bundle/dfu-cell-therapy");
        List<Bundle.BundleEntryComponent> others = bundle.getEntry().stream()
                .filter(x -> List.of("ArtifactAssessment", "Basic", "Binary").contains(x.getResource().fhirType())).toList();
        assertThat(others).extracting(x -> x.getResource().fhirType()).contains("ArtifactAssessment", "Basic", "Binary");
        for (Bundle.BundleEntryComponent x : others) {
            Resource r = read(x.getResource().getClass(), x.getFullUrl().substring("http://localhost".length()));
            assertThat(r.getIdPart()).isEqualTo(x.getResource().getIdPart());
            assertThat(FhirR5.json(r)).isEqualTo(FhirR5.json(x.getResource()));
        }
        ArtifactAssessment a = (ArtifactAssessment) others.stream().filter(x -> x.getResource() instanceof ArtifactAssessment).findFirst().orElseThrow()
                .getResource();
        assertThat(a.getIdPart()).startsWith("dfu-cell-therapy.").endsWith(".credibility");
    }

    OperationOutcome.OperationOutcomeIssueComponent outcome(String path, int status) throws Exception {
        MockHttpServletResponse r = fetch(path, "application/fhir+json");
        assertThat(r.getStatus()).as(path).isEqualTo(status);
        assertThat(r.getContentType()).as(path).isEqualTo(FHIR_JSON_UTF8);
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(body).doesNotContain("Exception", "\tat ");
        OperationOutcome oo = FhirR5.parse(OperationOutcome.class, body);
        assertThat(oo.getIssue()).hasSize(1);
        assertThat(oo.getIssueFirstRep().getSeverity()).isEqualTo(OperationOutcome.IssueSeverity.ERROR);
        return oo.getIssueFirstRep();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/fhir/Bundle/nope|no evidence pack 'nope' (the pack id) in knowledge dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.",
            "/fhir/Evidence?_pack=nope|no evidence pack 'nope' (_pack) in knowledge ",
            "/fhir/Bundle?_pack=nope|no evidence pack 'nope' (the pack id) in knowledge ",
            "/fhir/Evidence/dfu-cell-therapy.nope|no Evidence with id 'dfu-cell-therapy.nope' in evidence pack dfu-cell-therapy 1.2.0 (knowledge ",
            "/fhir/Evidence/nope.healing-overall|no evidence pack 'nope' (the part of the Evidence id 'nope.healing-overall' before the first '.')",
            "/fhir/Evidence/healing-overall|no Evidence with id 'healing-overall': the id of a Evidence is its pack's id, a '.' and a part",
            "/fhir/Citation/t2dm-msc.zhang2026|no Citation with id 't2dm-msc.zhang2026' in evidence pack t2dm-msc 1.1.0",
            "/fhir/EvidenceVariable/dfu-cell-therapy.ulcer-area.lt-0|no EvidenceVariable with id 'dfu-cell-therapy.ulcer-area.lt-0'",
            "/fhir/ArtifactAssessment/dfu-cell-therapy.healing-overall|no ArtifactAssessment with id 'dfu-cell-therapy.healing-overall'",
            "/fhir/CodeSystem/nope|no CodeSystem with id 'nope'; this server defines iceman-credibility, iceman-response, resource-kind"})
    void anUnknownPackOrIdIsA404OperationOutcomeNamingIt(String path, String diagnostics) throws Exception {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome(path, 404);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTFOUND);
        assertThat(issue.getDiagnostics()).startsWith(diagnostics);
        if (diagnostics.startsWith("no evidence pack")) {
            assertThat(issue.getDiagnostics()).endsWith("; known packs: dfu-cell-therapy, t2dm-msc");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/fhir/Patient/1", "/fhir/Patient"})
    void anotherResourceTypeIsA404NotSupported(String path) throws Exception {
        OperationOutcome.OperationOutcomeIssueComponent issue = outcome(path, 404);
        assertThat(issue.getCode()).isEqualTo(OperationOutcome.IssueType.NOTSUPPORTED);
        assertThat(issue.getDiagnostics()).contains("Patient", "Evidence");
    }

    @Test
    void aMissingOrEmptyPackParameterIsA400() throws Exception {
        OperationOutcome.OperationOutcomeIssueComponent bundle = outcome("/fhir/Bundle", 400);
        assertThat(bundle.getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
        assertThat(bundle.getDiagnostics()).startsWith("_pack: give the pack whose Bundle is wanted");
        assertThat(outcome("/fhir/Bundle?_pack=", 400).getCode()).isEqualTo(OperationOutcome.IssueType.REQUIRED);
        MockHttpServletResponse blank = mvc.perform(get("/fhir/Evidence").param("_pack", " ").accept("application/fhir+json")).andReturn().getResponse();
        assertThat(blank.getStatus()).isEqualTo(400);
        assertThat(FhirR5.parse(OperationOutcome.class, blank.getContentAsString(StandardCharsets.UTF_8)).getIssueFirstRep().getDiagnostics())
                .isEqualTo("_pack: give a pack id, or leave _pack out for every pack's Evidence");
    }

    @Test
    void theApiDocumentationListsTheFhirEndpoints() throws Exception {
        String docs = fetch("/v3/api-docs", "application/json").getContentAsString(StandardCharsets.UTF_8);
        com.fasterxml.jackson.databind.JsonNode paths = new com.fasterxml.jackson.databind.ObjectMapper().readTree(docs).get("paths");
        for (String path : List.of("/fhir/Bundle/{packId}", "/fhir/Bundle", "/fhir/Evidence", "/fhir/Evidence/{id}", "/fhir/Citation/{id}",
                "/fhir/EvidenceVariable/{id}", "/fhir/ArtifactAssessment/{id}", "/fhir/CodeSystem/{id}")) {
            com.fasterxml.jackson.databind.JsonNode responses = paths.path(path).path("get").path("responses");
            assertThat(responses.path("200").path("content").has("application/fhir+json")).as(path).isTrue();
            assertThat(responses.path("404").path("description").asText()).as(path).startsWith("OperationOutcome");
        }
        assertThat(paths.path("/fhir/Evidence").path("get").path("parameters").get(0).path("name").asText()).isEqualTo("_pack");
    }

    /**
     * What the endpoints send, not only the export's Bundle, validates against the R5 base profiles: the searchset
     * (its own Bundle type and rules), a single resource as served, and an OperationOutcome.
     */
    @Test
    void theSearchsetASingleResourceAndAnErrorValidateAsSent() throws Exception {
        for (String path : new String[] {"/fhir/Evidence", "/fhir/Evidence/dfu-cell-therapy.healing-overall",
                "/fhir/ArtifactAssessment/dfu-cell-therapy.ulcer-area-large.credibility", "/fhir/Evidence/nope.x"}) {
            MockHttpServletResponse r = fetch(path, "application/fhir+json");
            var sent = FhirR5.context().newJsonParser().parseResource(r.getContentAsString(StandardCharsets.UTF_8));
            assertThat(org.evidencecds.ebm.R5Validator.messages(sent).stream().filter(org.evidencecds.ebm.R5Validator::isError)
                    .map(org.evidencecds.ebm.R5Validator::line).toList()).as(path).isEmpty();
        }
    }
}
