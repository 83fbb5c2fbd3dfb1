package org.evidencecds.web;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class WebApplicationTest {

    @Autowired
    MockMvc mvc;

    @Test
    void homePageShowsTheForm() throws Exception {
        mvc.perform(get("/")).andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"ulcerAreaCm2\"")))
                .andExpect(content().string(containsString("dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.")));
    }

    @Test
    void packsAndReconciliationAsJson() throws Exception {
        mvc.perform(get("/api/v1/packs")).andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value("dfu-cell-therapy"))
                .andExpect(jsonPath("$[0].studies").value(24));
        mvc.perform(get("/api/v1/packs/dfu-cell-therapy/reconciliation")).andExpect(status().isOk())
                .andExpect(jsonPath("$.rows[0].estimateId").value("healing-overall"))
                .andExpect(jsonPath("$.rows[0].verdict").value("DIFFERS"));
    }

    @Test
    void unknownPackIsAProblemDetailNotAStackTrace() throws Exception {
        mvc.perform(get("/api/v1/packs/nope")).andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                
                .andExpect(jsonPath("$.detail").value(containsString("known: dfu-cell-therapy")))
                .andExpect(jsonPath("$.title").value("Unknown pack"));
    }

    @Test
    void healthIsUp() throws Exception {
        mvc.perform(get("/actuator/health")).andExpect(status().isOk()).andExpect(jsonPath("$.status").value("UP"));
    }

    @Test
    void thePageShowsOnePackOrEveryPackThatApplies() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/").param("pack", "t2dm-msc").param("diabetesType", "type-2"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(org.hamcrest.Matchers.allOf(
                        org.hamcrest.Matchers.containsString("<h3 id=\"pack-t2dm-msc\">MSC therapy for glycaemic control in type 2 diabetes</h3>"),
                        org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<h3 id=\"pack-dfu-cell-therapy\">")),
                        org.hamcrest.Matchers.containsString("No single estimate: several reviews report an overall estimate for this outcome"),
                        org.hamcrest.Matchers.containsString("<option value=\"t2dm-msc\" selected=\"selected\">"))));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/").param("ulcerAreaCm2", "12"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.content().string(
                        org.hamcrest.Matchers.containsString("Not shown: the patient is outside the population of MSC therapy for glycaemic control")));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/").param("pack", "nope"))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isNotFound());
    }
}
