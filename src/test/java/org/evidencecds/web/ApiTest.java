package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class ApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void evaluationReturnsTheReportWithTheKnowledgeVersion() throws Exception {
        mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ulcerAreaCm2\": 12, \"diabetesDurationYears\": 6, \"ulcerDurationDays\": 250}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.knowledgeVersion", startsWith("dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.")))
                .andExpect(jsonPath("$.packs[0].dimensions[?(@.dimension=='ulcer-area')].level", hasItem("ge-10-cm2")))
                .andExpect(jsonPath("$.packs[0].outcomes[0].headlineFinding").value("dfu-cell-therapy/ulcer-healing/overall"))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].estimate").value(4.64))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.domains[0].judgement").value("NOT_ASSESSABLE"))
                .andExpect(jsonPath("$.notice", startsWith("Decision support, not an order")));
    }

    @Test
    void theCompactAnswerKeepsTheDecisionsAndTheFullViewAddsTheDetail() throws Exception {
        String body = "{\"ulcerAreaCm2\": 12, \"diabetesDurationYears\": 6, \"ulcerDurationDays\": 250}";
        String compact = mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Answer-View", "compact"))
                .andExpect(header().string("Link", containsString("/api/v1/evaluations?view=full")))
                // what a client acts on: the estimate as printed, certainty and credibility levels, ids, caveats
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].effect").value("OR 4.64 (95% CI 3.11 to 6.90)"))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].ciHighText").value("6.90"))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.rated").value(false))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.summary", startsWith("Not rated")))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.domains[0].judgement").value("NOT_ASSESSABLE"))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].locator").exists())
                .andExpect(jsonPath("$.packs[0].firedRules[0].rule").exists())
                .andExpect(jsonPath("$.packs[0].caveats[0].text").exists())
                // the detail is behind view=full
                .andExpect(jsonPath("$.packs[0].firedRules[0].metadata").doesNotExist())
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].citation").doesNotExist())
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].snippet").doesNotExist())
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.domains[0].reason").doesNotExist())
                .andReturn().getResponse().getContentAsString();
        String full = mvc.perform(post("/api/v1/evaluations?view=full").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().isOk())
                .andExpect(header().string("X-Answer-View", "full"))
                .andExpect(header().doesNotExist("Link"))
                .andExpect(jsonPath("$.packs[0].firedRules[0].metadata.pack").value("dfu-cell-therapy"))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].citation", startsWith("Zhang X")))
                .andExpect(jsonPath("$.packs[0].outcomes[0].findings[0].certainty.domains[0].reason").exists())
                .andReturn().getResponse().getContentAsString();
        assertThat(compact.length()).isLessThan(full.length() / 2);
    }

    @Test
    void anUnknownViewIsAProblemNamingTheParameter() throws Exception {
        mvc.perform(post("/api/v1/evaluations?view=tiny").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("view"))
                .andExpect(jsonPath("$.errors[0].reason").value("must be compact or full, got \"tiny\""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "impossible value | {\"ulcerAreaCm2\": -3} | 400 | ulcerAreaCm2 | must be between 0 and 1000 cm², got -3",
            "NaN as text      | {\"ulcerAreaCm2\": \"NaN\"} | 400 | ulcerAreaCm2 | not a number: \"NaN\"",
            "unknown field    | {\"weightKg\": 80} | 400 | weightKg | unknown field (known: ulcerAreaCm2, diabetesDurationYears, ulcerDurationDays, ageYears, abi, tcpo2MmHg, hba1cPercent, insulinDoseUnitsPerDay, footUlcer, diabetesType, wagnerGrade, fastingCPeptideNmolL)",
            "wrong type       | {\"ulcerAreaCm2\": true} | 400 | ulcerAreaCm2 | must be a number in cm²",
            "wrong type text  | {\"ulcerAreaCm2\": \"large\"} | 400 | ulcerAreaCm2 | not a number: \"large\"",
            "bad category     | {\"diabetesType\": \"type-3\"} | 400 | diabetesType | must be one of type-1, type-2, other, got \"type-3\"",
            "malformed JSON   | {\"ulcerAreaCm2\": 12 | 400 | (body) | malformed JSON at line 1",
            "not an object    | [1, 2] | 400 | (body) | the request body is not a JSON object of profile fields",
    })
    void badInputIsAProblemNamingTheField(String name, String body, int status, String field, String reason) throws Exception {
        mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content(body))
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value(field))
                .andExpect(jsonPath("$.errors[0].reason", startsWith(reason)))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("Exception"))));
    }

    @Test
    void wrongContentTypeMethodAndOversizedBodiesAre4xxProblems() throws Exception {
        mvc.perform(post("/api/v1/evaluations").contentType(MediaType.TEXT_PLAIN).content("ulcerAreaCm2=12"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(put("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isMethodNotAllowed());
        String big = "{\"ageYears\": 50, \"pad\": \"" + "x".repeat(70_000) + "\"}";
        mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content(big))
                .andExpect(status().isPayloadTooLarge())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(post("/api/v1/evaluations?pack=nope").contentType(MediaType.APPLICATION_JSON).content("{}"))
                .andExpect(status().isNotFound()).andExpect(jsonPath("$.title").value("Unknown pack"));
    }

    @Test
    void readOnlyResources() throws Exception {
        mvc.perform(get("/api/v1/knowledge")).andExpect(status().isOk()).andExpect(jsonPath("$.version", startsWith("dfu-cell-therapy@")));
        mvc.perform(get("/api/v1/packs/dfu-cell-therapy/findings")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].finding.id").value("dfu-cell-therapy/ulcer-healing/overall"))
                .andExpect(jsonPath("$[0].certainty.summary", startsWith("Not rated: ")))
                .andExpect(jsonPath("$[0].certainty.level").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$[0].certainty.rated").value(false))
                .andExpect(jsonPath("$[0].certainty.upperBound").value("HIGH"));
        mvc.perform(get("/api/v1/packs/dfu-cell-therapy/studies")).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value("Huang2005"));
        mvc.perform(get("/api/v1/rules")).andExpect(status().isOk()).andExpect(jsonPath("$[0].id").value("assembly/headline/credible-subgroup"));
        mvc.perform(get("/api/v1/provenance").param("rule", "dfu-cell-therapy/ulcer-healing/overall")).andExpect(status().isOk())
                .andExpect(jsonPath("$.steps[1].where").value("dfu-cell-therapy/reported_estimates.csv:2"))
                .andExpect(jsonPath("$.evidenceMatches").value(true));
        mvc.perform(get("/api/v1/provenance").param("rule", "nope")).andExpect(status().isNotFound());
        mvc.perform(get("/actuator/info")).andExpect(status().isOk()).andExpect(jsonPath("$.knowledgeVersion", startsWith("dfu-cell-therapy@")));
        mvc.perform(get("/api/v1/packs/dfu-cell-therapy")).andExpect(status().isOk()).andExpect(jsonPath("$.conflicts").value(21));
        mvc.perform(get("/swagger-ui/index.html")).andExpect(status().isOk());
        mvc.perform(get("/v3/api-docs")).andExpect(status().isOk()).andExpect(jsonPath("$.paths['/api/v1/evaluations']").exists())
                // sent as bytes, documented as the report
                .andExpect(jsonPath("$.paths['/api/v1/evaluations'].post.responses['200'].content['application/json'].schema['$ref']")
                        .value("#/components/schemas/EvidenceReport"));
    }

    @Test
    void theEmbedPanelIsFramableOnlyBySameOriginByDefaultAndTheApiHasNoCrossOriginAccess() throws Exception {
        mvc.perform(get("/embed").param("ulcerAreaCm2", "12"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("Content-Security-Policy", org.hamcrest.Matchers.endsWith("; frame-ancestors 'self'")))
                .andExpect(content().string(containsString("\"estimate\":\"OR 4.64 (95% CI 3.11 to 6.90)\"")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options("/api/v1/evaluations")
                        .header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST"))
                .andExpect(status().isForbidden());
        mvc.perform(get("/demo/screening-form")).andExpect(status().isOk()).andExpect(content().string(containsString("<iframe id=\"panel\" src=\"/embed\"")));
    }

    @Test
    void thePageAnswersOnTheSamePageAndShowsErrorsInline() throws Exception {
        mvc.perform(get("/").param("ulcerAreaCm2", "12").param("diabetesDurationYears", "6"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("≥ 10 cm²")))
                .andExpect(content().string(containsString("<table class=\"sof\" id=\"sof-dfu-cell-therapy\">")))
                .andExpect(content().string(containsString("<form id=\"profile\" method=\"get\" action=\"/#answer\"")))
                // provenance links carry the inputs, so "Back to the answer" returns to the same answer
                .andExpect(content().string(containsString("/provenance?rule=dfu-cell-therapy/ulcer-healing/overall&amp;ulcerAreaCm2=12&amp;diabetesDurationYears=6")));
        mvc.perform(get("/").param("ulcerAreaCm2", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("Ulcer area: must be between 0 and 1000 cm²")))
                .andExpect(content().string(containsString("aria-invalid=\"true\" aria-describedby=\"f-ulcer-area-cm2-hint f-ulcer-area-cm2-error\"")))
                .andExpect(content().string(containsString("id=\"f-ulcer-area-cm2-error\"")));
        mvc.perform(get("/provenance").param("rule", "dfu-cell-therapy/ulcer-healing/overall").param("ulcerAreaCm2", "12"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("href=\"https://doi.org/10.3389/fendo.2026.1763071\"")))
                .andExpect(content().string(containsString("<a href=\"/?ulcerAreaCm2=12#answer\">Back to the answer</a>")));
    }
}
