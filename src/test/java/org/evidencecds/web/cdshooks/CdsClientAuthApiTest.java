package org.evidencecds.web.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/** One trusted EHR whose JWK set this test serves: CDS calls need its signed token, discovery and preflights do not. */
@SpringBootTest(classes = WebApplication.class)
@AutoConfigureMockMvc
class CdsClientAuthApiTest {

    static final String ISSUER = "https://ehr.example.org";
    static final String BASE = "https://cds.example.org";
    static final String SERVICE = "/cds-services/dfu-cell-therapy-evidence";
    static final String EHR_ORIGIN = "https://ehr-app.example.org";

    static final ECKey KEY;
    static final HttpServer KEYS;

    static {
        try {
            KEY = new ECKeyGenerator(Curve.P_384).keyID("ehr-2026").generate();
            byte[] jwks = new JWKSet(KEY.toPublicJWK()).toString(true).getBytes(StandardCharsets.UTF_8);
            KEYS = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            KEYS.createContext("/jwks.json", exchange -> {
                exchange.sendResponseHeaders(200, jwks.length);
                exchange.getResponseBody().write(jwks);
                exchange.close();
            });
            KEYS.start();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void trustTheTestEhr(DynamicPropertyRegistry registry) {
        registry.add("cds-hooks.base-url", () -> BASE);
        registry.add("cds-hooks.clients[0].issuer", () -> ISSUER);
        registry.add("cds-hooks.clients[0].jwks-url", () -> "http://127.0.0.1:" + KEYS.getAddress().getPort() + "/jwks.json");
        registry.add("cds-hooks.allowed-origins", () -> EHR_ORIGIN);
    }

    @AfterAll
    static void stopKeyServer() {
        KEYS.stop(0);
    }

    @Autowired
    MockMvc mvc;

    @Test
    void discoveryIsOpen() throws Exception {
        mvc.perform(get("/cds-services")).andExpect(status().isOk()).andExpect(jsonPath("$.services[0].id").exists());
    }

    @Test
    void aCallWithoutTokenIs401ProblemJsonWithAChallenge() throws Exception {
        mvc.perform(post(SERVICE).contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/problem+json;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"cds-services\""))
                .andExpect(jsonPath("$.title").value("CDS client not authenticated"))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.detail").value("no bearer token: send Authorization: Bearer <JWT signed by the CDS client>"));
    }

    @Test
    void aValidTokenReachesTheServiceOnceAndNamesTheClient() throws Exception {
        String token = token(BASE + SERVICE);
        MvcResult ok = mvc.perform(post(SERVICE).header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                        .contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.cards").isArray())
                .andReturn();
        VerifiedClient client = (VerifiedClient) ok.getRequest().getAttribute(CdsClientAuthFilter.CLIENT_ATTRIBUTE);
        assertThat(client.issuer()).isEqualTo(ISSUER);
        assertThat(client.alg()).isEqualTo("ES384");
        // the same token again is a replay
        mvc.perform(post(SERVICE).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.endsWith("already used: each token is single-use")))
                .andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith(
                        "Bearer realm=\"cds-services\", error=\"invalid_token\", error_description=\"jti '")));
    }

    @Test
    void aTokenForAnotherServiceIsRefused() throws Exception {
        mvc.perform(post(SERVICE).header(HttpHeaders.AUTHORIZATION, "Bearer " + token(BASE + "/cds-services/t2dm-msc-evidence"))
                        .contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.detail").value("aud '" + BASE + "/cds-services/t2dm-msc-evidence' is not this service (expected "
                        + BASE + SERVICE + ")"));
    }

    @Test
    void feedbackNeedsATokenToo() throws Exception {
        String feedback = "{\"feedback\":[{\"card\":\"c1\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-05-01T10:00:00Z\"}]}";
        mvc.perform(post(SERVICE + "/feedback").contentType(MediaType.APPLICATION_JSON).content(feedback))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.title").value("CDS client not authenticated"));
        // with a token the call reaches the service, which knows no card c1
        mvc.perform(post(SERVICE + "/feedback").header(HttpHeaders.AUTHORIZATION, "Bearer " + token(BASE + SERVICE + "/feedback"))
                        .contentType(MediaType.APPLICATION_JSON).content(feedback))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.title").value("Unknown card"));
    }

    @Test
    void aPreflightFromTheEhrOriginIsAnsweredWithoutToken() throws Exception {
        mvc.perform(options(SERVICE).header(HttpHeaders.ORIGIN, EHR_ORIGIN).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization,content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, EHR_ORIGIN))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, org.hamcrest.Matchers.containsStringIgnoringCase("authorization")))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, org.hamcrest.Matchers.containsString("POST")))
                .andExpect(header().exists(HttpHeaders.ACCESS_CONTROL_MAX_AGE));
    }

    @Test
    void anotherOriginGetsNoCorsHeader() throws Exception {
        MvcResult preflight = mvc.perform(options(SERVICE).header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                        .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST").header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization"))
                .andReturn();
        assertThat(preflight.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
        MvcResult call = mvc.perform(post(SERVICE).header(HttpHeaders.ORIGIN, "https://elsewhere.example.com")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token(BASE + SERVICE)).contentType(MediaType.APPLICATION_JSON).content(request()))
                .andReturn();
        assertThat(call.getResponse().getHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN)).isNull();
    }

    @Test
    void aRefusalToTheEhrOriginCarriesCorsHeadersSoTheBrowserCanReadIt() throws Exception {
        mvc.perform(post(SERVICE).header(HttpHeaders.ORIGIN, EHR_ORIGIN).contentType(MediaType.APPLICATION_JSON).content(request()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, EHR_ORIGIN));
    }

    static String request() throws Exception {
        return Files.readString(Path.of("src/test/resources/cds-hooks/patient-view-request.json"));
    }

    static String token(String audience) throws Exception {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES384).type(JOSEObjectType.JWT).keyID(KEY.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience(audience).issueTime(Date.from(now))
                        .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString()).build());
        jwt.sign(new ECDSASigner(KEY));
        return jwt.serialize();
    }
}
