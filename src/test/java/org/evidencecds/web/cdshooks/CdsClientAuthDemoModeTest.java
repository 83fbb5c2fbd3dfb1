package org.evidencecds.web.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** {@code cds-hooks.allow-unauthenticated=true} (a local demo) lets calls through without token. Same context as AuditApiTest. */
@SpringBootTest(classes = WebApplication.class, properties = "cds-hooks.allow-unauthenticated=true")
@AutoConfigureMockMvc
class CdsClientAuthDemoModeTest {

    @Autowired
    MockMvc mvc;

    @Test
    void aCallWithoutTokenIsAnswered() throws Exception {
        MvcResult result = mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").contentType(MediaType.APPLICATION_JSON)
                        .content(CdsClientAuthApiTest.request()))
                .andExpect(status().isOk())
                .andReturn();
        assertThat(result.getRequest().getAttribute(CdsClientAuthFilter.CLIENT_ATTRIBUTE)).isNull();
        assertThat(result.getResponse().getContentAsString()).contains("\"cards\"");
    }
}
