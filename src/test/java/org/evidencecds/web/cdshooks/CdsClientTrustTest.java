package org.evidencecds.web.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every rule of CDS Hooks client trust, with real keys and a JWK set served over HTTP. */
class CdsClientTrustTest {

    static final String ISSUER = "https://ehr.example.org";
    static final String BASE = "https://cds.example.org";
    static final String SERVICE = "/cds-services/dfu-cell-therapy-evidence";
    static final String AUD = BASE + SERVICE;

    static RSAKey rsa;
    static ECKey ec;
    static HttpServer server;
    static String keysBase;
    /** path → JWK set JSON served at that path; tests may change it (key rotation) */
    static final Map<String, String> served = new ConcurrentHashMap<>();
    static final AtomicInteger fetches = new AtomicInteger();

    MutableClock clock;
    CdsClientTrust trust;

    @BeforeAll
    static void keysAndServer() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_384).keyID("ec-1").generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = served.get(exchange.getRequestURI().getPath());
            fetches.incrementAndGet();
            byte[] bytes = (body == null ? "not found" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        keysBase = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @BeforeEach
    void freshTrust() {
        served.clear();
        served.put("/jwks.json", new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString(true));
        fetches.set(0);
        clock = new MutableClock(Instant.parse("2026-05-01T10:00:00Z"));
        TrustedClient client = new TrustedClient(ISSUER, URI.create(keysBase + "/jwks.json"), List.of(keysBase + "/tenants/"));
        trust = new CdsClientTrust(List.of(client), BASE, Duration.ofSeconds(60), clock, JwkSetFetcher.http());
    }

    @Test
    void aGoodRs384TokenIsAcceptedAndNamesTheClient() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.subject("ehr-app").claim("tenant", "hospital-a"));
        Verification v = trust.verify("Bearer " + token, SERVICE);
        assertThat(v).isInstanceOf(Verification.Accepted.class);
        VerifiedClient client = ((Verification.Accepted) v).client();
        assertThat(client.issuer()).isEqualTo(ISSUER);
        assertThat(client.subject()).isEqualTo("ehr-app");
        assertThat(client.tenant()).isEqualTo("hospital-a");
        assertThat(client.kid()).isEqualTo("rsa-1");
        assertThat(client.alg()).isEqualTo("RS384");
        assertThat(client.jti()).isNotBlank();
    }

    @Test
    void aGoodEs384TokenIsAcceptedForTheAbsoluteEndpointUrlToo() throws Exception {
        Verification v = trust.verify("Bearer " + token(ec, JWSAlgorithm.ES384, h -> { }, c -> { }), AUD);
        assertThat(v).isInstanceOf(Verification.Accepted.class);
        assertThat(((Verification.Accepted) v).client().alg()).isEqualTo("ES384");
    }

    @Test
    void algNoneIsRejected() {
        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"k\"}").toString();
        String payload = Base64URL.encode("{\"iss\":\"" + ISSUER + "\",\"aud\":\"" + AUD + "\",\"exp\":" + (clock.instant().getEpochSecond() + 300)
                + ",\"iat\":" + clock.instant().getEpochSecond() + ",\"jti\":\"" + UUID.randomUUID() + "\"}").toString();
        assertThat(reason("Bearer " + header + "." + payload + ".")).startsWith("alg none is not allowed");
    }

    @Test
    void hmacIsRejectedAsSymmetric() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).keyID("k").build(), claims(c -> { }).build());
        jwt.sign(new MACSigner(new byte[32]));
        assertThat(reason("Bearer " + jwt.serialize()))
                .isEqualTo("HS256 is a symmetric algorithm: CDS clients sign with a private key (RS384, ES384, ...)");
    }

    @Test
    void expiredBeyondTheSkewIsRejected() throws Exception {
        Instant exp = clock.instant().minusSeconds(61);
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.expirationTime(Date.from(exp)).issueTime(Date.from(exp.minusSeconds(300))));
        assertThat(reason("Bearer " + token))
                .isEqualTo("token expired at 2026-05-01T09:58:59Z (now 2026-05-01T10:00:00Z, 60 s skew allowed)");
    }

    @Test
    void expiredWithinTheSkewIsAccepted() throws Exception {
        Instant exp = clock.instant().minusSeconds(30);
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.expirationTime(Date.from(exp)).issueTime(Date.from(exp.minusSeconds(300))));
        assertThat(trust.verify("Bearer " + token, SERVICE)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void issuedInTheFutureIsRejected() throws Exception {
        String token = token(ec, JWSAlgorithm.ES384, h -> { }, c -> c.issueTime(Date.from(clock.instant().plusSeconds(120))));
        assertThat(reason("Bearer " + token)).startsWith("iat is in the future: 2026-05-01T10:02:00Z");
    }

    @Test
    void aTokenForAnotherServiceIsRejected() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.audience(BASE + "/cds-services/t2dm-msc-evidence"));
        assertThat(reason("Bearer " + token)).isEqualTo("aud '" + BASE + "/cds-services/t2dm-msc-evidence' is not this service (expected " + AUD + ")");
    }

    @Test
    void anAudienceListContainingThisServiceIsAccepted() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.audience(List.of("https://other.example.org", AUD + "/")));
        assertThat(trust.verify("Bearer " + token, SERVICE)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void feedbackAcceptsTheFeedbackUrlOrTheServiceUrl() throws Exception {
        String forFeedback = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.audience(AUD + "/feedback"));
        String forService = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> { });
        assertThat(trust.verify("Bearer " + forFeedback, SERVICE + "/feedback")).isInstanceOf(Verification.Accepted.class);
        assertThat(trust.verify("Bearer " + forService, SERVICE + "/feedback")).isInstanceOf(Verification.Accepted.class);
        // but a token for the feedback endpoint does not open the service itself
        String feedbackOnly = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.audience(AUD + "/feedback"));
        assertThat(reason("Bearer " + feedbackOnly)).contains("is not this service");
    }

    @Test
    void anUntrustedIssuerIsRejected() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.issuer("https://evil.example.org"));
        assertThat(reason("Bearer " + token)).isEqualTo("issuer 'https://evil.example.org' is not a trusted CDS client");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aTokenWithoutJtiIsRejected() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> c.jwtID(null));
        assertThat(reason("Bearer " + token)).startsWith("jti is required");
    }

    @Test
    void aReplayedTokenIsRejected() throws Exception {
        String token = token(ec, JWSAlgorithm.ES384, h -> { }, c -> c.jwtID("nonce-1"));
        assertThat(trust.verify("Bearer " + token, SERVICE)).isInstanceOf(Verification.Accepted.class);
        assertThat(reason("Bearer " + token)).isEqualTo("jti 'nonce-1' already used: each token is single-use");
    }

    @Test
    void anUnknownKidIsRejected() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> h.keyID("nope"), c -> { });
        assertThat(reason("Bearer " + token)).isEqualTo("no key 'nope' in the issuer's JWK set (" + keysBase + "/jwks.json)");
    }

    @Test
    void aTamperedPayloadDoesNotVerify() throws Exception {
        String[] parts = token(rsa, JWSAlgorithm.RS384, h -> { }, c -> { }).split("\\.");
        JWTClaimsSet changed = claims(c -> c.subject("someone-else")).build();
        String tampered = parts[0] + "." + Base64URL.encode(changed.toString()) + "." + parts[2];
        assertThat(reason("Bearer " + tampered)).isEqualTo("signature does not verify with key 'rsa-1' of issuer " + ISSUER);
    }

    @Test
    void aKeyOfTheWrongTypeIsRejected() throws Exception {
        // the EC key's kid in an RS384 header: whatever signed it, this key cannot verify RS384
        String token = token(rsa, JWSAlgorithm.RS384, h -> h.keyID("ec-1"), c -> { });
        assertThat(reason("Bearer " + token)).isEqualTo("key 'ec-1' is an EC key, not usable with RS384");
    }

    @Test
    void aJkuOutsideTheAllowedPrefixesIsRejected() throws Exception {
        String token = token(rsa, JWSAlgorithm.RS384, h -> h.jwkURL(URI.create("https://attacker.example.com/jwks.json")), c -> { });
        assertThat(reason("Bearer " + token)).isEqualTo("jku 'https://attacker.example.com/jwks.json' is not allowed for issuer " + ISSUER);
        // a prefix is matched at a path boundary, and dot segments do not climb out of it
        String sibling = token(rsa, JWSAlgorithm.RS384, h -> h.jwkURL(URI.create(keysBase + "/tenants/../jwks-evil.json")), c -> { });
        assertThat(reason("Bearer " + sibling)).startsWith("jku '" + keysBase + "/tenants/../jwks-evil.json' is not allowed");
        assertThat(fetches).hasValue(0);
    }

    @Test
    void aJkuUnderAnAllowedPrefixIsWhereTheKeyIsRead() throws Exception {
        ECKey tenantKey = new ECKeyGenerator(Curve.P_384).keyID("tenant-a-1").generate();
        served.put("/tenants/a/jwks.json", new JWKSet(tenantKey.toPublicJWK()).toString(true));
        String token = token(tenantKey, JWSAlgorithm.ES384, h -> h.jwkURL(URI.create(keysBase + "/tenants/a/jwks.json")), c -> { });
        assertThat(trust.verify("Bearer " + token, SERVICE)).isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void noBearerTokenIsRejected() {
        assertThat(reason(null)).startsWith("no bearer token");
        assertThat(reason("Basic xyz")).isEqualTo("no bearer token: the Authorization header uses the 'Basic' scheme, Bearer <JWT> is needed");
        assertThat(reason("Bearer not-a-jwt")).startsWith("the bearer token is not a JWT");
    }

    @Test
    void typMustBeJwtAndKidIsRequired() throws Exception {
        assertThat(reason("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> h.type(null), c -> { })))
                .isEqualTo("typ must be JWT (the JOSE header has no typ)");
        assertThat(reason("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> h.type(new JOSEObjectType("at+jwt")), c -> { })))
                .isEqualTo("typ must be JWT, got 'at+jwt'");
        assertThat(reason("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> h.keyID(null), c -> { }))).startsWith("kid is required");
    }

    @Test
    void theJwkSetIsCachedAndRefetchedOnceForANewKid() throws Exception {
        assertThat(trust.verify("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> { }, c -> { }), SERVICE)).isInstanceOf(Verification.Accepted.class);
        assertThat(trust.verify("Bearer " + token(ec, JWSAlgorithm.ES384, h -> { }, c -> { }), SERVICE)).isInstanceOf(Verification.Accepted.class);
        assertThat(fetches).hasValue(1);
        // the EHR rotates its key: the unknown kid makes the service read the set again
        ECKey rotated = new ECKeyGenerator(Curve.P_384).keyID("ec-2").generate();
        served.put("/jwks.json", new JWKSet(List.of(rsa.toPublicJWK(), rotated.toPublicJWK())).toString(true));
        clock.advance(Duration.ofSeconds(30));
        assertThat(trust.verify("Bearer " + token(rotated, JWSAlgorithm.ES384, h -> { }, c -> { }), SERVICE)).isInstanceOf(Verification.Accepted.class);
        assertThat(fetches).hasValue(2);
        // made-up kids right after a fetch do not hammer the EHR's key server
        assertThat(reason("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> h.keyID("made-up"), c -> { }))).startsWith("no key 'made-up'");
        assertThat(fetches).hasValue(2);
    }

    @Test
    void anUnreachableKeySetIsAClearRejection() throws Exception {
        served.remove("/jwks.json");
        assertThat(reason("Bearer " + token(rsa, JWSAlgorithm.RS384, h -> { }, c -> { })))
                .startsWith("the JWK set of issuer " + ISSUER + " could not be read from " + keysBase + "/jwks.json");
    }

    // --- helpers ---

    private String reason(String authorization) {
        Verification v = trust.verify(authorization, SERVICE);
        assertThat(v).isInstanceOf(Verification.Rejected.class);
        return ((Verification.Rejected) v).reason();
    }

    private JWTClaimsSet.Builder claims(Consumer<JWTClaimsSet.Builder> changes) {
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUD).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300))).jwtID(UUID.randomUUID().toString());
        changes.accept(claims);
        return claims;
    }

    private String token(JWK key, JWSAlgorithm alg, Consumer<JWSHeader.Builder> headerChanges, Consumer<JWTClaimsSet.Builder> claimChanges)
            throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).keyID(key.getKeyID());
        headerChanges.accept(header);
        SignedJWT jwt = new SignedJWT(header.build(), claims(claimChanges).build());
        JWSSigner signer = key instanceof RSAKey r ? new RSASSASigner(r) : new ECDSASigner((ECKey) key);
        jwt.sign(signer);
        return jwt.serialize();
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
