package org.evidencecds.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A hospital's OpenID Connect issuer: bearer tokens signed by a key the test publishes as a JWK set (over
 * HTTP, as an identity provider does); roles from a configured claim (here Keycloak's realm_access.roles),
 * its values mapped to the application's roles.
 */
@SpringBootTest(classes = WebApplication.class, properties = {"evaluations.require-auth=true",
        "security.oidc.roles-claim=realm_access.roles", "security.oidc.role-mappings[cds-auditors]=AUDITOR"})
@AutoConfigureMockMvc
class OidcBearerTokenTest {

    static final RSAKey KEY = generate("issuer-key");
    static final RSAKey OTHER_KEY = generate("issuer-key");
    static final HttpServer JWKS = serve(new JWKSet(KEY.toPublicJWK()).toString());

    @Autowired
    MockMvc mvc;

    static RSAKey generate(String kid) {
        try {
            return new RSAKeyGenerator(2048).keyID(kid).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpServer serve(String jwks) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/jwks.json", exchange -> {
                byte[] body = jwks.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stop() {
        JWKS.stop(0);
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri",
                () -> "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/jwks.json");
    }

    static String token(RSAKey key, List<String> roles, Instant expires) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://idp.hospital.example/realms/clinic").subject("dr-who")
                .claim("preferred_username", "dr.who").claim("realm_access", Map.of("roles", roles))
                .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expires)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    static String token(List<String> roles) throws Exception {
        return token(KEY, roles, Instant.now().plusSeconds(300));
    }

    int status(String path, String token) throws Exception {
        return mvc.perform(get(path).header("Authorization", "Bearer " + token)).andReturn().getResponse().getStatus();
    }

    @Test
    void aClinicianTokenOpensTheClinicianEndpointsOnly() throws Exception {
        String clinician = token(List.of("clinician", "offline_access"));
        assertThat(status("/api/v1/packs", clinician)).isEqualTo(200);
        assertThat(status("/", clinician)).isEqualTo(200);
        assertThat(mvc.perform(post("/api/v1/screenings").header("Authorization", "Bearer " + clinician).contentType(MediaType.APPLICATION_JSON)
                .content(RoleAccessTest.SCREENING)).andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(status("/api/v1/audit", clinician)).isEqualTo(403);
        assertThat(status("/admin/knowledge/reload", clinician)).isEqualTo(403);
    }

    @Test
    void claimValuesAreMappedToRoles() throws Exception {
        String auditor = token(List.of("cds-auditors"));
        assertThat(status("/api/v1/audit", auditor)).isEqualTo(200);
        assertThat(status("/api/v1/packs", auditor)).isEqualTo(403);
        String administrator = token(List.of("ROLE_ADMINISTRATOR"));
        assertThat(status("/admin/knowledge/reload", administrator)).isNotIn(401, 403);
        assertThat(status("/api/v1/audit", administrator)).isEqualTo(403);
        String nobody = token(List.of("offline_access", "uma_authorization"));
        assertThat(status("/api/v1/packs", nobody)).isEqualTo(403);
    }

    @Test
    void aTokenSignedByAnotherKeyOrExpiredIs401ProblemJson() throws Exception {
        for (String bad : List.of(token(OTHER_KEY, List.of("clinician"), Instant.now().plusSeconds(300)),
                token(KEY, List.of("clinician"), Instant.now().minusSeconds(3600)), "not-a-jwt")) {
            MockHttpServletResponse r = mvc.perform(get("/api/v1/packs").header("Authorization", "Bearer " + bad)
                    .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
            assertThat(r.getStatus()).isEqualTo(401);
            assertThat(r.getContentType()).startsWith("application/problem+json");
            assertThat(r.getHeaders("WWW-Authenticate")).anySatisfy(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
            assertThat(r.getContentAsString()).doesNotContain("Exception");
        }
    }

    @Test
    void basicAccountsStillWorkBesideTheIssuer() throws Exception {
        int status = mvc.perform(get("/api/v1/audit").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                .httpBasic("auditor", "test-password"))).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(200);
        assertThat(mvc.perform(get("/api/v1/packs")).andReturn().getResponse().getHeaders("WWW-Authenticate"))
                .anySatisfy(h -> assertThat(h).startsWith("Bearer")).anySatisfy(h -> assertThat(h).startsWith("Basic"));
    }
}
