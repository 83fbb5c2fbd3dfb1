package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.evidencecds.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Trials and screenings over HTTP: answers, problems naming the field, audit rows, the embeddable panel. */
@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class ScreeningApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog log;

    @Test
    void theTrialsAreListedWithTheirProvenance() throws Exception {
        mvc.perform(get("/api/v1/trials"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[1].id").value("NCT06003530"))
                .andExpect(jsonPath("$[1].status").value("transcribed"))
                .andExpect(jsonPath("$[1].screenedCriteria").value(7))
                .andExpect(jsonPath("$[1].rulesVersion", startsWith("NCT06003530@1.0.0+rules.")));
        mvc.perform(get("/api/v1/trials/NCT06003530"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.criteria[3].text").value("Size of foot ulcer 0.5-13 cm2"))
                .andExpect(jsonPath("$.sources[1].url", startsWith("https://decentrialz.com/")));
        mvc.perform(get("/api/v1/trials/NCT0")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
    }

    @Test
    void aScreeningAnswersEachCriterionWithTheEvidenceAndIsAudited() throws Exception {
        mvc.perform(post("/api/v1/screenings").contentType(MediaType.APPLICATION_JSON)
                        .header("X-Request-Id", "screen-1").header("X-Patient-Ref", "MRN-7")
                        .content("{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 20, \"hba1cPercent\": 12.5}}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.screening.verdict").value("not-eligible"))
                .andExpect(jsonPath("$.screening.summary", startsWith("Not eligible: ulcer-area not met (ulcerAreaCm2 = 20); hba1c applies (hba1cPercent = 12.5).")))
                .andExpect(jsonPath("$.screening.criteria[3].status").value("not-met"))
                .andExpect(jsonPath("$.screening.criteria[3].inputs.ulcerAreaCm2").value(20.0))
                .andExpect(jsonPath("$.screening.criteria[6].effect").value("excludes"))
                .andExpect(jsonPath("$.screening.notice", startsWith("Pre-screening support, not an enrolment decision")))
                .andExpect(jsonPath("$.screening.verdictLabel").value("Not eligible"))
                .andExpect(jsonPath("$.screening.verdictText").value("Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm²; "
                        + "HbA1c 12.5%, the trial excludes HbA1c above 12%."))
                .andExpect(jsonPath("$.screening.criteria[3].label").value("Ulcer area"))
                .andExpect(jsonPath("$.screening.criteria[3].requirement").value("the trial requires 0.5–13 cm²"))
                .andExpect(jsonPath("$.screening.criteria[3].statusText").value("not met"))
                .andExpect(jsonPath("$.screening.criteria[3].sentence").value("Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²)."))
                .andExpect(jsonPath("$.screening.criteria[6].sentence").value("HbA1c: 12.5% — excluded (the trial excludes HbA1c above 12%)."))
                .andExpect(jsonPath("$.screening.investigatorText", startsWith("12 further criteria of the protocol")))
                .andExpect(jsonPath("$.screening.collectLabels[0]").value("Age"))
                .andExpect(jsonPath("$.evidence.packs[0].outcomes[0].findings[0].estimate").value(4.64));
        List<AuditLog.Row> rows = log.read(0, 10_000).stream().filter(r -> r.requestId().equals("screen-1")).toList();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("screening");
            assertThat(r.patientRef()).startsWith("hmac:").doesNotContain("MRN-7");
            assertThat(r.inputsJson()).startsWith("{\"trial\":\"NCT06003530\",\"trialRules\":\"NCT06003530@1.0.0+rules.")
                    .endsWith("\"profile\":{\"ulcerAreaCm2\":20,\"hba1cPercent\":12.5}}");
            assertThat(r.firedRules()).contains("NCT06003530/inclusion/ulcer-area/not-met", "screening/verdict/not-eligible",
                    "dfu-cell-therapy/ulcer-healing/overall");
        });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no trial          | {\"profile\": {}} | 400 | trial | required: the id of a trial protocol",
            "trial not a text  | {\"trial\": 5} | 400 | trial | must be a string",
            "bad profile field | {\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": -1}} | 400 | profile.ulcerAreaCm2 | must be between 0 and 1000 cm², got -1",
            "profile not object| {\"trial\": \"NCT06003530\", \"profile\": [1]} | 400 | profile | must be a JSON object of profile fields",
            "unknown key       | {\"trial\": \"NCT06003530\", \"patient\": {}} | 400 | patient | unknown field (known: trial, profile)",
    })
    void badRequestsAreProblemsNamingTheField(String name, String body, int status, String field, String reason) throws Exception {
        mvc.perform(post("/api/v1/screenings").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].reason", startsWith(reason)));
    }

    @Test
    void malformedJsonIsLocatedWithoutParserInternals() throws Exception {
        mvc.perform(post("/api/v1/screenings").contentType(MediaType.APPLICATION_JSON).content("{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 4}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("(body)"))
                .andExpect(jsonPath("$.errors[0].reason").value("malformed JSON at line 1, column 56: the body ends before the JSON is complete (an object, array or text is not closed)"));
    }

    @Test
    void anUnknownTrialIs404() throws Exception {
        mvc.perform(post("/api/v1/screenings").contentType(MediaType.APPLICATION_JSON).content("{\"trial\": \"NCT0\", \"profile\": {}}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("no trial protocol with id 'NCT0' (known: NCT04569409, NCT06003530)")));
    }

    @Test
    void theEmbeddablePanelScreensWhenGivenATrial() throws Exception {
        String html = mvc.perform(get("/embed").param("trial", "NCT06003530").param("ulcerAreaCm2", "4").param("ageYears", "60"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"screening\":{\"trial\":\"NCT06003530\"")))
                .andExpect(content().string(containsString("\"verdict\":\"needs-information\"")))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        // what people read: the verdict with its reason, each criterion with its limits
        assertThat(html).contains("May be eligible: 5 criteria could not be checked (diabetes type,",
                "Age: 60 years — met (the trial requires 18–80 years).", "Ulcer area: 4 cm² — met (the trial requires 0.5–13 cm²).",
                "HbA1c: not recorded (the trial excludes HbA1c above 12%).");
        assertThat(json(html, "panel-config").path("trial").asText()).isEqualTo("NCT06003530");
        com.fasterxml.jackson.databind.JsonNode result = json(html, "panel-result");
        assertThat(result.at("/screening/verdictText").asText()).startsWith("May be eligible: 5 criteria could not be checked");
        assertThat(result.at("/screening/criteria/3/sentence").asText()).isEqualTo("Ulcer area: 4 cm² — met (the trial requires 0.5–13 cm²).");
        assertThat(result.path("summaryText").asText()).startsWith("Trial NCT06003530: May be eligible: 5 criteria could not be checked")
                .contains("Complete ulcer healing: OR 4.64 (95% CI 3.11 to 6.90)").doesNotContain("{", "ulcerAreaCm2");
        assertThat(result.path("reportUrl").asText()).isEqualTo("/?ageYears=60&footUlcer=yes&ulcerAreaCm2=4");
    }

    @Test
    void anUnknownTrialIsThePanelSayingSoIn404() throws Exception {
        String html = mvc.perform(get("/embed").param("trial", "NCT0000").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("No registered trial protocol NCT0000: choose one of NCT04569409, NCT06003530.", "id=\"panel\"",
                "/js/embed.js").doesNotContain("\"status\":404", "about:blank");
        assertThat(json(html, "panel-result").path("problem").asText()).startsWith("No registered trial protocol NCT0000");
        // a host asking by message gets the same, as the panel's HTML
        mvc.perform(post("/embed/panel").contentType(MediaType.APPLICATION_JSON).content("{\"trial\": \"NCT0000\", \"profile\": {\"ulcerAreaCm2\": 4}}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(containsString("No registered trial protocol NCT0000: choose one of NCT04569409, NCT06003530.")));
    }

    @Test
    void refusedInputsAreShownWithTheFieldsLabels() throws Exception {
        String html = mvc.perform(get("/embed").param("ulcerAreaCm2", "-1").param("wagnerGrade", "1.5").param("abi", "abc"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("Ulcer area: must be between 0 and 1000 cm² (entered: −1)", "Wagner ulcer grade: must be a whole number (entered: 1.5)",
                "Ankle-brachial index: enter a number (entered: &quot;abc&quot;)");
        String visible = html.substring(html.indexOf("<div class=\"error\""));
        assertThat(visible.substring(0, visible.indexOf("</div>"))).doesNotContain("ulcerAreaCm2", "wagnerGrade", "cm2");
        com.fasterxml.jackson.databind.JsonNode result = json(html, "panel-result");
        assertThat(result.at("/errors/0/field").asText()).isEqualTo("ulcerAreaCm2");
        assertThat(result.at("/errors/0/message").asText()).isEqualTo("Ulcer area: must be between 0 and 1000 cm² (entered: −1)");
        assertThat(result.path("summaryText").asText()).startsWith("The evidence panel could not use the patient's details: Ulcer area: must be");
    }

    @Test
    void aHostsMessageIsAnsweredWithThePanelsHtmlAndAudited() throws Exception {
        long before = log.read(0, 100_000).size();
        String html = mvc.perform(post("/embed/panel").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 20, \"ageYears\": 60}}"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).startsWith("<div class=\"panel-body\">").doesNotContain("<html", "<main")
                .contains("Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm².", "Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²).");
        com.fasterxml.jackson.databind.JsonNode result = json(html, "panel-result");
        assertThat(result.at("/screening/verdict").asText()).isEqualTo("not-eligible");
        assertThat(result.at("/screening/verdictLabel").asText()).isEqualTo("Not eligible");
        List<AuditLog.Row> rows = log.read(0, 100_000);
        assertThat(rows).hasSize((int) before + 1);
        assertThat(rows.get(rows.size() - 1).channel()).isEqualTo("embed-screening");
        // evidence only: the channel of the panel's evaluations
        mvc.perform(post("/embed/panel").contentType(MediaType.APPLICATION_JSON).content("{\"profile\": {\"ulcerAreaCm2\": 12}}"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Ulcer area: ≥ 10 cm²")));
        List<AuditLog.Row> after = log.read(0, 100_000);
        assertThat(after.get(after.size() - 1).channel()).isEqualTo("embed");
        mvc.perform(post("/embed/panel").contentType(MediaType.APPLICATION_JSON).content("{\"trial\": 5, \"profile\": []}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("The evidence panel was sent details it cannot read")));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"/embed", "/embed?ulcerAreaCm2=12", "/embed?trial=NCT06003530&ulcerAreaCm2=20",
            "/embed?ulcerAreaCm2=-5", "/embed?trial=NCT0000", "/demo/screening-form"})
    void thePagesHaveNoInlineScriptNorStyle(String path) throws Exception {
        String html = mvc.perform(get(path).accept(MediaType.TEXT_HTML)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        java.util.regex.Matcher scripts = java.util.regex.Pattern.compile("<script\\b([^>]*)>", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(html);
        int count = 0;
        while (scripts.find()) {
            count++;
            assertThat(scripts.group(1)).as("every script is a static file or data").containsAnyOf(" src=\"/js/", " type=\"application/json\"");
        }
        assertThat(count).isPositive();
        assertThat(html).doesNotContainPattern("(?i)\\sstyle\\s*=").doesNotContainPattern("(?i)<style\\b")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=").doesNotContain("javascript:");
    }

    @Test
    void theDemoFormIsMadeFromTheFieldDefinitionsAndTheBundledTrials() throws Exception {
        String html = mvc.perform(get("/demo/screening-form")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains(">Ulcer area (cm²)</label>", ">HbA1c (%)</label>", ">Ankle-brachial index</label>", ">Wagner ulcer grade</label>",
                "data-limits=\"between 0 and 1000 cm²\"", "data-limits=\"a whole number between 0 and 5\"",
                "<option value=\"type-2\">Type 2</option>",
                "<option value=\"NCT06003530\">NCT06003530: Study for Treatment of Chronic Diabetic Foot Ulcers",
                "<option value=\"NCT04569409\">NCT04569409: Clinical Study to Evaluate Efficacy and Safety of ALLO-ASC-DFU",
                "<button type=\"submit\" id=\"check\">", "<iframe id=\"panel\" src=\"/embed\"").doesNotContain("(cm2)");
    }

    /** The JSON of a page's script block, read as the browser's JSON.parse(element.textContent) would. */
    static com.fasterxml.jackson.databind.JsonNode json(String html, String idOrClass) throws Exception {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<script type=\"application/json\" (?:id|class)=\"" + idOrClass + "\">(.*?)</script>",
                java.util.regex.Pattern.DOTALL).matcher(html);
        assertThat(m.find()).as("script block " + idOrClass).isTrue();
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.group(1));
    }
}
