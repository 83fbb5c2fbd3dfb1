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
        mvc.perform(get("/embed").param("trial", "NCT06003530").param("ulcerAreaCm2", "4").param("ageYears", "60"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"screening\":{\"trial\":\"NCT06003530\"")))
                .andExpect(content().string(containsString("\"verdict\":\"needs-information\"")))
                .andExpect(content().string(containsString("var defaultTrial = \"NCT06003530\"")));
        mvc.perform(get("/embed").param("trial", "NCT0")).andExpect(status().isNotFound());
    }
}
