package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/** The clinician's page as HTML: summary first, inputs kept as typed, errors beside their fields. */
@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class ClinicianPageTest {

    @Autowired
    MockMvc mvc;

    String page(String query, int status) throws Exception {
        var r = mvc.perform(get("/?" + query)).andReturn().getResponse();
        assertThat(r.getStatus()).as(query).isEqualTo(status);
        return r.getContentAsString();
    }

    @Test
    void theSummaryOfFindingsComesBeforeTheDetailAndTheForm() throws Exception {
        String html = page("ulcerAreaCm2=12&diabetesDurationYears=6&ulcerDurationDays=250", 200);
        int summary = html.indexOf("<table class=\"sof\"");
        assertThat(summary).isPositive();
        assertThat(summary).isLessThan(html.indexOf("Where the patient stands")).isLessThan(html.indexOf("<form id=\"profile\""));
        assertThat(html).contains("<a class=\"skip\" href=\"#answer\">Skip to the summary of findings</a>",
                "<section id=\"answer\" tabindex=\"-1\"", "OR 4.64 (3.11 to 6.90)", "<b class=\"rx\">768</b>", "352 more",
                "273 more to 415 more", "Not rated", "Suggested protocol");
        // each note once, rows point to it
        assertThat(html.split("The source does not report the follow-up time", -1)).hasSize(2);
        assertThat(html).contains("href=\"#fn-dfu-cell-therapy-a\"");
    }

    @Test
    void aDecimalCommaIsADecimalPoint() throws Exception {
        String html = page("ulcerAreaCm2=12,5&diabetesDurationYears=6", 200);
        assertThat(html).contains("Ulcer area 12.5 cm²", "value=\"12,5\"");
    }

    @Test
    void aTypedOptionalFieldIsNeverHiddenAndAnErrorSitsBesideItsField() throws Exception {
        String html = page("diabetesType=type-2&hba1cPercent=8.1", 200);
        assertThat(html).contains("<details class=\"more\" open=\"open\">", "value=\"8.1\"");
        String refused = page("ulcerAreaCm2=abc&hba1cPercent=99", 400);
        assertThat(refused).contains("<details class=\"more\" open=\"open\">", "value=\"abc\"", "value=\"99\"",
                "id=\"f-ulcer-area-cm2-error\"", "id=\"f-hba1c-percent-error\"", "aria-invalid=\"true\"");
        assertThat(refused).doesNotContain("ulcerAreaCm2:", "hba1cPercent:", "id=\"answer\"");
    }

    @Test
    void thePatientsOwnRiskRecomputesTheAbsoluteEffectAndABadOneIsRefusedBesideIt() throws Exception {
        String html = page("ulcerAreaCm2=12&risk-dfu-cell-therapy-ulcer-healing=40", 200);
        // 40%: OR 4.64 → 756 per 1,000, 356 more (275 more to 421 more); see AbsoluteEffectTest
        assertThat(html).contains("<b class=\"ctl\">400</b>", "<b class=\"rx\">756</b>", "356 more", "275 more to 421 more",
                "Risk without cell therapy as entered for this patient.");
        String refused = page("ulcerAreaCm2=12&risk-dfu-cell-therapy-ulcer-healing=140", 400);
        assertThat(refused).contains("Risk without cell therapy: enter a percentage from 0 to 100", "value=\"140\"",
                "aria-invalid=\"true\" aria-describedby=\"risk-dfu-cell-therapy-ulcer-healing-error\"",
                "id=\"risk-dfu-cell-therapy-ulcer-healing-error\"");
    }

    @Test
    void eachFindingLinksToItsFhirEvidenceAndTheLinkResolves() throws Exception {
        String html = page("ulcerAreaCm2=12&diabetesDurationYears=6&ulcerDurationDays=250", 200);
        assertThat(html).contains("<a href=\"/fhir/Evidence/dfu-cell-therapy.healing-overall\" type=\"application/fhir+json\">FHIR Evidence (JSON)</a>");
        java.util.List<String> links = java.util.regex.Pattern.compile("<a href=\"(/fhir/Evidence/[^\"]+)\" type=\"application/fhir\\+json\">FHIR Evidence \\(JSON\\)</a>")
                .matcher(html).results().map(m -> m.group(1)).toList();
        // every such label is a link of this form
        assertThat(links).hasSize(html.split("FHIR Evidence \\(JSON\\)", -1).length - 1).contains("/fhir/Evidence/dfu-cell-therapy.healing-overall");
        for (String link : new java.util.LinkedHashSet<>(links)) {
            assertResolves(link);
        }
        // the provenance page of a finding links to it too; that of a subgroup level (no finding) does not
        String provenance = mvc.perform(get("/provenance").param("rule", "dfu-cell-therapy/ulcer-healing/overall")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(provenance).contains("This finding in FHIR R5 (EBM on FHIR): <a href=\"/fhir/Evidence/dfu-cell-therapy.healing-overall\" "
                + "type=\"application/fhir+json\">FHIR Evidence (JSON)</a>");
        String level = mvc.perform(get("/provenance").param("rule", "dfu-cell-therapy/level/ulcer-area/ge-10-cm2")).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(level).contains("Provenance of").doesNotContain("FHIR Evidence");
    }

    private void assertResolves(String link) throws Exception {
        var r = mvc.perform(get(link).accept("application/fhir+json")).andReturn().getResponse();
        assertThat(r.getStatus()).as(link).isEqualTo(200);
        assertThat(r.getContentType()).as(link).isEqualTo("application/fhir+json;charset=UTF-8");
        var evidence = org.evidencecds.ebm.FhirR5.parse(org.hl7.fhir.r5.model.Evidence.class, r.getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(evidence.getIdPart()).isEqualTo(link.substring("/fhir/Evidence/".length()));
    }

    @Test
    void provenanceKeepsTheInputsForTheWayBackAndDoesNotScrollSideways() throws Exception {
        var r = mvc.perform(get("/provenance").param("rule", "dfu-cell-therapy/ulcer-healing/overall")
                .param("ulcerAreaCm2", "12").param("hba1cPercent", "8,1")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(200);
        assertThat(r.getContentAsString()).contains("<a href=\"/?ulcerAreaCm2=12&amp;hba1cPercent=8%2C1#answer\">Back to the answer</a>");
        var unknown = mvc.perform(get("/provenance").param("rule", "nope")).andReturn().getResponse();
        assertThat(unknown.getStatus()).isEqualTo(404);
        assertThat(unknown.getContentAsString()).contains("Unknown rule");
    }
}
