package org.evidencecds.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Who may call what, with {@code evaluations.require-auth=true}: every endpoint × {anonymous, clinician,
 * auditor, administrator}. ALLOWED means neither 401 nor 403 (the endpoint's own answer, e.g. 200, or 404 for
 * the knowledge-update endpoint that another change adds).
 */
@SpringBootTest(classes = WebApplication.class, properties = {"evaluations.require-auth=true", "cds-hooks.allow-unauthenticated=true",
        TestUsers.U0, TestUsers.U0_HASH, TestUsers.U0_ROLES, TestUsers.U1, TestUsers.U1_HASH, TestUsers.U1_ROLES,
        TestUsers.U2, TestUsers.U2_HASH, TestUsers.U2_ROLES, TestUsers.U3, TestUsers.U3_HASH, TestUsers.U3_ROLES})
@AutoConfigureMockMvc
class RoleAccessTest {

    static final int ALLOWED = 0;
    static final String ANONYMOUS = "(anonymous)";

    @Autowired
    MockMvc mvc;

    /** A request to the endpoint and the answer expected for anonymous, clinician, auditor, administrator. */
    record Row(HttpMethod method, String path, String body, int anonymous, int clinician, int auditor, int administrator) {
        static Row get(String path, int anonymous, int clinician, int auditor, int administrator) {
            return new Row(HttpMethod.GET, path, null, anonymous, clinician, auditor, administrator);
        }

        static Row post(String path, String body, int anonymous, int clinician, int auditor, int administrator) {
            return new Row(HttpMethod.POST, path, body, anonymous, clinician, auditor, administrator);
        }
    }

    static final String PROFILE = "{\"ulcerAreaCm2\": 12}";
    static final String SCREENING = "{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 12}}";
    static final String RULE = "/provenance?rule=dfu-cell-therapy/level/ulcer-area/ge-10-cm2";

    static List<Row> closedTable() {
        return List.of(
                // clinicians
                Row.get("/", 401, 200, 403, 403),
                Row.get(RULE, 401, 200, 403, 403),
                Row.get("/embed?ulcerAreaCm2=12", 401, 200, 403, 403),
                Row.get("/demo/screening-form", 401, 200, 403, 403),
                Row.post("/embed/panel", SCREENING, 401, 200, 403, 403),
                Row.post("/api/v1/evaluations", PROFILE, 401, 200, 403, 403),
                Row.post("/api/v1/screenings", SCREENING, 401, 200, 403, 403),
                Row.get("/api/v1/trials", 401, 200, 403, 403),
                Row.get("/api/v1/trials/NCT06003530", 401, 200, 403, 403),
                Row.get("/api/v1/knowledge", 401, 200, 403, 403),
                Row.get("/api/v1/packs", 401, 200, 403, 403),
                Row.get("/api/v1/packs/dfu-cell-therapy/findings", 401, 200, 403, 403),
                Row.get("/api/v1/rules", 401, 200, 403, 403),
                Row.get("/api/v1/provenance?rule=dfu-cell-therapy/level/ulcer-area/ge-10-cm2", 401, 200, 403, 403),
                Row.get("/fhir/Bundle/dfu-cell-therapy", 401, 200, 403, 403),
                Row.get("/fhir/Bundle?_pack=dfu-cell-therapy", 401, 200, 403, 403),
                Row.get("/fhir/Evidence", 401, 200, 403, 403),
                Row.get("/fhir/Evidence?_pack=t2dm-msc", 401, 200, 403, 403),
                Row.get("/fhir/Evidence/dfu-cell-therapy.healing-overall", 401, 200, 403, 403),
                Row.get("/fhir/Citation/dfu-cell-therapy.zhang2026", 401, 200, 403, 403),
                Row.get("/fhir/EvidenceVariable/dfu-cell-therapy.ulcer-area.ge-10-cm2", 401, 200, 403, 403),
                Row.get("/fhir/CodeSystem/iceman-credibility", 401, 200, 403, 403),
                Row.get("/fhir/Evidence/dfu-cell-therapy.nope", 401, 404, 403, 403),
                Row.get("/v3/api-docs", 401, 200, 403, 403),
                Row.get("/no/such/page", 401, 404, 403, 403),
                // auditors
                Row.get("/api/v1/audit", 401, 403, 200, 403),
                Row.get("/admin/audit/verify", 401, 403, 200, 403),
                // administrators
                Row.post("/admin/knowledge/reload", "", 401, 403, 403, ALLOWED),
                Row.get("/admin/knowledge", 401, 403, 403, ALLOWED),
                Row.get("/admin/anything-else", 401, 403, 403, ALLOWED),
                // everyone
                Row.get("/actuator/health", 200, 200, 200, 200),
                Row.get("/actuator/info", 200, 200, 200, 200),
                Row.get("/cds-services", 200, 200, 200, 200));
    }

    static Stream<Arguments> closed() {
        List<Arguments> cases = new ArrayList<>();
        for (Row r : closedTable()) {
            cases.add(Arguments.of(r, ANONYMOUS, r.anonymous()));
            cases.add(Arguments.of(r, TestUsers.CLINICIAN, r.clinician()));
            cases.add(Arguments.of(r, TestUsers.AUDITOR, r.auditor()));
            cases.add(Arguments.of(r, TestUsers.ADMINISTRATOR, r.administrator()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {1}: {2}")
    @MethodSource("closed")
    void everyEndpointForEveryRole(Row row, String user, int expected) throws Exception {
        assertAnswer(mvc, row, user, null, expected);
    }

    static void assertAnswer(MockMvc mvc, Row row, String user, String password, int expected) throws Exception {
        MockHttpServletRequestBuilder request = MockMvcRequestBuilders.request(row.method(), row.path());
        if (row.body() != null) {
            request.contentType(MediaType.APPLICATION_JSON).content(row.body());
        }
        request.accept(MediaType.APPLICATION_JSON, MediaType.ALL);
        if (!ANONYMOUS.equals(user)) {
            request.with(httpBasic(user, password == null ? TestUsers.password(user) : password));
        }
        int status = mvc.perform(request).andReturn().getResponse().getStatus();
        if (expected == ALLOWED) {
            assertThat(status).as(row.method() + " " + row.path() + " as " + user).isNotIn(401, 403);
        } else {
            assertThat(status).as(row.method() + " " + row.path() + " as " + user).isEqualTo(expected);
        }
    }

    @Test
    void aUserWithTwoRolesHasBoth() throws Exception {
        assertAnswer(mvc, Row.get("/", 0, 0, 0, 0), TestUsers.CLINICIAN_AND_AUDITOR, null, 200);
        assertAnswer(mvc, Row.get("/api/v1/audit", 0, 0, 0, 0), TestUsers.CLINICIAN_AND_AUDITOR, null, 200);
        assertAnswer(mvc, Row.post("/admin/knowledge/reload", "", 0, 0, 0, 0), TestUsers.CLINICIAN_AND_AUDITOR, null, 403);
    }

    @Test
    void theLegacyAuditAdministratorIsAnAuditorAndAnAdministratorButNoClinician() throws Exception {
        assertAnswer(mvc, Row.get("/api/v1/audit", 0, 0, 0, 0), "auditor", "test-password", 200);
        assertAnswer(mvc, Row.get("/admin/audit/verify", 0, 0, 0, 0), "auditor", "test-password", 200);
        assertAnswer(mvc, Row.post("/admin/knowledge/reload", "", 0, 0, 0, 0), "auditor", "test-password", ALLOWED);
        assertAnswer(mvc, Row.post("/api/v1/screenings", SCREENING, 0, 0, 0, 0), "auditor", "test-password", 403);
    }

    @Test
    void aWrongPasswordOrAnUnknownUserIs401() throws Exception {
        assertAnswer(mvc, Row.get("/api/v1/packs", 0, 0, 0, 0), TestUsers.CLINICIAN, "wrong", 401);
        assertAnswer(mvc, Row.get("/api/v1/packs", 0, 0, 0, 0), "mallory", "whatever", 401);
    }

    @Test
    void aBearerTokenIsRefusedWhenNoIssuerIsConfigured() throws Exception {
        int status = mvc.perform(MockMvcRequestBuilders.get("/api/v1/packs").header("Authorization", "Bearer x.y.z"))
                .andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(401);
    }
}
