package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.evidencecds.audit.AuditLog;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** Every evaluation is recorded before the answer returns; reading the log needs an administrator. */
// the CDS Hooks calls here are about auditing and packs, not client trust (see CdsClientAuthApiTest)
@SpringBootTest(classes = WebApplication.class, properties = "cds-hooks.allow-unauthenticated=true")
@AutoConfigureMockMvc
class AuditApiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    AuditLog log;

    @Autowired
    org.evidencecds.facade.EvidenceFacade facade;

    @Autowired
    org.evidencecds.audit.KnowledgeArchive archive;

    @Test
    void anEvaluationIsRecordedWithAPseudonymNeverTheRawIdentifier() throws Exception {
        byte[] sent = mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON)
                        .header("X-Request-Id", "req-audit-1").header("X-Patient-Ref", "MRN-0042")
                        .content("{\"ulcerAreaCm2\": 12}"))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header().string("X-Request-Id", "req-audit-1"))
                .andReturn().getResponse().getContentAsByteArray();
        // written before the response returned: it is there now
        List<AuditLog.Row> rows = log.read(0, 1000).stream().filter(r -> r.requestId().equals("req-audit-1")).toList();
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo("rest");
            assertThat(r.patientRef()).startsWith("hmac:").doesNotContain("MRN-0042");
            assertThat(r.inputsJson()).isEqualTo("{\"ulcerAreaCm2\":12}");
            assertThat(r.knowledgeVersion()).startsWith("dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.");
            assertThat(r.firedRules()).contains("dfu-cell-therapy/level/ulcer-area/ge-10-cm2", "assembly/headline/overall");
            assertThat(r.outputDigest()).startsWith("sha256:");
        });
        assertThat(log.read(0, 1000)).noneMatch(r -> r.toString().contains("MRN-0042"));
        // replayable: the answering knowledge is archived, and the same answer serialised anew has the logged digest
        AuditLog.Row row = rows.get(0);
        assertThat(archive.versions()).contains(row.knowledgeVersion());
        var replayed = new org.evidencecds.facade.EvidenceFacade(archive.load(row.knowledgeVersion()).orElseThrow())
                .evaluate(org.evidencecds.profile.PatientProfile.of(java.util.Map.of("ulcerAreaCm2", 12)));
        // the row keeps the digest of the bytes that were sent (the compact answer, by default)...
        assertThat(row.outputDigest()).isEqualTo(AuditLog.digest(sent));
        assertThat(new String(sent, java.nio.charset.StandardCharsets.UTF_8)).contains("≥").doesNotContain("\"metadata\"");
        // ...and the same answer serialised anew by another mapper gives those bytes again
        var writer = new org.evidencecds.audit.AnswerWriter(new com.fasterxml.jackson.databind.ObjectMapper());
        assertThat(writer.write(replayed, org.evidencecds.findings.AnswerView.COMPACT).body()).isEqualTo(sent);
        assertThat(writer.viewWithDigest(replayed, row.outputDigest())).contains(org.evidencecds.findings.AnswerView.COMPACT);
        // the full view is the whole record: the same bytes as serialising the report without a view
        assertThat(writer.write(replayed, org.evidencecds.findings.AnswerView.FULL).digest())
                .isEqualTo(AuditLog.digest(new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(replayed)))
                .isEqualTo(AuditLog.digestOfJson(new com.fasterxml.jackson.databind.ObjectMapper(), replayed));
        assertThat(log.verify().ok()).isTrue();
    }

    @Test
    void cdsHooksAndTheEmbedPanelAreRecordedToo() throws Exception {
        long before = log.count();
        mvc.perform(post("/cds-services/dfu-cell-therapy-evidence").contentType(MediaType.APPLICATION_JSON)
                .content(java.nio.file.Files.readString(java.nio.file.Path.of("src/test/resources/cds-hooks/patient-view-request.json"))))
                .andExpect(status().isOk());
        mvc.perform(get("/embed").param("ulcerAreaCm2", "5")).andExpect(status().isOk());
        List<AuditLog.Row> recent = log.read(0, 10_000);
        assertThat(log.count() - before).isEqualTo(2);
        assertThat(recent.get(recent.size() - 2).channel()).isEqualTo("cds-hooks");
        assertThat(recent.get(recent.size() - 2).requestId()).isEqualTo("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea");
        assertThat(recent.get(recent.size() - 2).patientRef()).startsWith("hmac:");
        assertThat(recent.get(recent.size() - 1).channel()).isEqualTo("embed");
        // no request id given: a time-ordered UUID (version 7) is generated
        assertThat(java.util.UUID.fromString(recent.get(recent.size() - 1).requestId()).version()).isEqualTo(7);
    }

    @Test
    @org.springframework.security.test.context.support.WithMockUser(roles = "ADMINISTRATOR")
    void theAuditWriterShowsInTheMetrics() throws Exception {
        mvc.perform(get("/embed").param("ulcerAreaCm2", "6")).andExpect(status().isOk());
        assertThat(log.writerStats().rows()).isPositive();
        assertThat(log.writerStats().transactions()).isPositive();
        mvc.perform(get("/actuator/metrics/audit.writer.rows")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", org.hamcrest.Matchers.greaterThanOrEqualTo(1.0)));
        mvc.perform(get("/actuator/metrics/audit.writer.transactions")).andExpect(status().isOk())
                .andExpect(jsonPath("$.measurements[0].value", org.hamcrest.Matchers.greaterThanOrEqualTo(1.0)));
        for (String name : new String[] {"audit.writer.failed.rows", "audit.writer.failed.transactions", "audit.writer.queued"}) {
            mvc.perform(get("/actuator/metrics/" + name)).andExpect(status().isOk());
        }
    }

    @Test
    void readingTheLogAndVerifyingItNeedAnAdministrator() throws Exception {
        mvc.perform(get("/api/v1/audit")).andExpect(status().isUnauthorized());
        mvc.perform(get("/admin/audit/verify")).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/audit").with(httpBasic("auditor", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(get("/api/v1/audit").with(httpBasic("auditor", "test-password"))).andExpect(status().isOk());
        mvc.perform(get("/admin/audit/verify").with(httpBasic("auditor", "test-password")))
                .andExpect(status().isOk()).andExpect(jsonPath("$.ok").value(true));
        mvc.perform(get("/api/v1/audit").param("limit", "0").with(httpBasic("auditor", "test-password")))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("limit"));
    }
}
