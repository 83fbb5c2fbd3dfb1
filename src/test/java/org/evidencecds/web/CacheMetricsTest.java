package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.evidencecds.cache.CacheLimits;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.unit.DataSize;

/** The caches' hit rate and size in /actuator/metrics, for administrators only. */
@SpringBootTest(classes = WebApplication.class, properties = "cache.answers.max-bytes=32MB")
@AutoConfigureMockMvc
class CacheMetricsTest {

    @Autowired
    MockMvc mvc;

    @Test
    @WithMockUser(roles = "ADMINISTRATOR")
    void answersAndScreeningDecisionsShowInTheMetrics() throws Exception {
        String profile = "{\"ulcerAreaCm2\": 12, \"diabetesDurationYears\": 6, \"ulcerDurationDays\": 250}";
        for (int i = 0; i < 2; i++) {
            mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content(profile)).andExpect(status().isOk());
        }
        mvc.perform(get("/actuator/metrics/evidence.answers.size")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", greaterThanOrEqualTo(1.0)));
        mvc.perform(get("/actuator/metrics/evidence.answers.hits")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", greaterThanOrEqualTo(1.0)));
        mvc.perform(get("/actuator/metrics/evidence.answers.weight")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", greaterThanOrEqualTo(10_000.0)));
        mvc.perform(get("/actuator/metrics/evidence.answers.max.weight")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value").value(32.0 * 1024 * 1024));
        for (String name : new String[] {"evidence.answers.misses", "evidence.answers.evictions", "evidence.answers.hit.ratio",
                "screening.decisions.size", "screening.decisions.weight", "screening.decisions.hits", "screening.decisions.misses",
                "screening.decisions.evictions", "screening.decisions.hit.ratio", "screening.decisions.max.weight"}) {
            mvc.perform(get("/actuator/metrics/" + name)).andExpect(status().isOk());
        }
    }

    @Test
    void theMetricsAreClosedToAnonymousCallers() throws Exception {
        mvc.perform(get("/actuator/metrics/evidence.answers.size")).andExpect(status().isUnauthorized());
    }

    @Test
    @WithMockUser(roles = "CLINICIAN")
    void andToClinicians() throws Exception {
        mvc.perform(get("/actuator/metrics/evidence.answers.size")).andExpect(status().isForbidden());
    }

    @Test
    void thePropertyDefaultsAreTheCoreDefaults() {
        assertThat(new CacheLimits(Long.parseLong(KnowledgeConfiguration.DEFAULT_ANSWER_ENTRIES),
                DataSize.parse(KnowledgeConfiguration.DEFAULT_ANSWER_BYTES).toBytes())).isEqualTo(CacheLimits.ANSWERS);
        assertThat(new CacheLimits(Long.parseLong(KnowledgeConfiguration.DEFAULT_SCREENING_ENTRIES),
                DataSize.parse(KnowledgeConfiguration.DEFAULT_SCREENING_BYTES).toBytes())).isEqualTo(CacheLimits.SCREENING);
    }
}
