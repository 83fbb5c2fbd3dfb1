package org.evidencecds.web.cdshooks;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Out of the box no client is trusted: every CDS call is refused, and the refusal says how to configure one. */
@SpringBootTest(classes = WebApplication.class, properties = "evaluations.require-auth=true")
@AutoConfigureMockMvc
class CdsClientAuthUnconfiguredTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aCallIsRefusedWithHowToConfigureAClient() throws Exception {
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").header(HttpHeaders.AUTHORIZATION, "Bearer x.y.z")
                        .contentType(MediaType.APPLICATION_JSON).content(CdsClientAuthApiTest.request()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("CDS client not authenticated"))
                .andExpect(jsonPath("$.detail").value("no CDS client is trusted yet: set cds-hooks.clients[0].issuer and "
                        + "cds-hooks.clients[0].jwks-url, and cds-hooks.base-url; or cds-hooks.allow-unauthenticated=true for a local demo"));
    }

    @Test
    void discoveryStaysOpenEvenWhenTheClinicianEndpointsAreClosed() throws Exception {
        mvc.perform(get("/cds-services")).andExpect(status().isOk());
        // the Basic-auth switch still closes the clinicians' API
        mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content("{}")).andExpect(status().isUnauthorized());
    }
}
