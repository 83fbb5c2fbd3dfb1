package org.evidencecds.web.cdshooks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * CDS Hooks 2.0 "Trusting CDS Clients": the EHR signs a short-lived JWT with its private key and sends it
 * as {@code Authorization: Bearer}; this service accepts the call only if the issuer is configured, the
 * signature verifies with the issuer's published key, and the token is meant for the service called, is
 * current and is used once.
 *
 * <p>Plain Java (no Spring) so it can be tested, and used by the CLI, without a web application.
 */
public final class CdsClientTrust {

    /** Asymmetric only: with a shared secret, anyone holding the secret (this service too) could forge a client. */
    static final Set<JWSAlgorithm> ALLOWED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);
    static final int REPLAY_CACHE_SIZE = 100_000;
    private static final Pattern FEEDBACK = Pattern.compile("(.*/cds-services/[^/]+)/feedback");

    private final Map<String, TrustedClient> clientsByIssuer = new LinkedHashMap<>();
    private final String baseUrl;
    private final Duration skew;
    private final Clock clock;
    private final JwkSetCache keys;
    private final ReplayCache replays = new ReplayCache(REPLAY_CACHE_SIZE);

    /**
     * @param baseUrl the service's public URL (e.g. {@code https://cds.example.org}); a called endpoint given
     *                as a path is resolved against it
     * @param skew    how far the client's clock may be off (exp, iat, nbf)
     */
    public CdsClientTrust(List<TrustedClient> clients, String baseUrl, Duration skew, Clock clock, JwkSetFetcher fetcher) {
        for (TrustedClient c : clients) {
            if (clientsByIssuer.put(c.issuer(), c) != null) {
                throw new IllegalArgumentException("the CDS client '" + c.issuer() + "' is configured twice");
            }
        }
        this.baseUrl = withoutTrailingSlash(baseUrl);
        this.skew = skew;
        this.clock = clock;
        this.keys = new JwkSetCache(fetcher, clock);
    }

    public boolean trustsAnyClient() {
        return !clientsByIssuer.isEmpty();
    }

    /**
     * Checks the {@code Authorization} header of a call to {@code calledEndpoint} (an absolute URL, or a
     * path such as {@code /cds-services/ID} resolved against the base URL). An accepted token's jti is
     * remembered: the same token is rejected the second time.
     */
    public Verification verify(String authorizationHeader, String calledEndpoint) {
        try {
            return new Verification.Accepted(check(authorizationHeader, calledEndpoint));
        } catch (Rejection r) {
            return new Verification.Rejected(r.getMessage());
        }
    }

    /** The audiences a token for this endpoint may name: the URL itself, and for feedback the service's URL too. */
    public List<String> audiencesFor(String calledEndpoint) {
        String url = withoutTrailingSlash(calledEndpoint.startsWith("/") ? baseUrl + calledEndpoint : calledEndpoint);
        var feedback = FEEDBACK.matcher(url);
        return feedback.matches() ? List.of(url, feedback.group(1)) : List.of(url);
    }

    private VerifiedClient check(String authorizationHeader, String calledEndpoint) throws Rejection {
        SignedJWT jws = signedJwt(bearerToken(authorizationHeader));
        JWSHeader header = jws.getHeader();
        JWSAlgorithm alg = header.getAlgorithm();
        if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) {
            throw new Rejection(alg + " is a symmetric algorithm: CDS clients sign with a private key (RS384, ES384, ...)");
        }
        if (!ALLOWED.contains(alg)) {
            throw new Rejection("alg " + quoted(alg.getName()) + " is not accepted: use RS384 or ES384 (or another RSA, RSA-PSS or ECDSA algorithm)");
        }
        if (header.getType() == null || !"JWT".equalsIgnoreCase(header.getType().getType())) {
            throw new Rejection("typ must be JWT" + (header.getType() == null ? " (the JOSE header has no typ)" : ", got " + quoted(header.getType().getType())));
        }
        String kid = header.getKeyID();
        if (kid == null || kid.isBlank()) {
            throw new Rejection("kid is required in the JOSE header: it names the key in the issuer's JWK set");
        }
        JWTClaimsSet claims = claims(jws);
        String issuer = claims.getIssuer();
        if (issuer == null || issuer.isBlank()) {
            throw new Rejection("iss is required: the issuer names the CDS client");
        }
        TrustedClient client = clientsByIssuer.get(issuer);
        if (client == null) {
            throw new Rejection("issuer " + quoted(issuer) + " is not a trusted CDS client");
        }
        URI keySetUrl = keySetUrl(client, header.getJWKURL());
        JWK key = key(client, keySetUrl, kid);
        if (!signatureVerifies(jws, verifierFor(key, alg, kid))) {
            throw new Rejection("signature does not verify with key " + quoted(kid) + " of issuer " + issuer);
        }
        // from here on the claims are the issuer's own
        Instant now = clock.instant();
        Instant expiry = checkTimes(claims, now);
        checkAudience(claims, calledEndpoint);
        String jti = claims.getJWTID();
        if (jti == null || jti.isBlank()) {
            throw new Rejection("jti is required: a nonce that makes each token single-use");
        }
        if (!replays.firstUse(issuer, jti, expiry.plus(skew), now)) {
            throw new Rejection("jti " + quoted(jti) + " already used: each token is single-use");
        }
        return new VerifiedClient(issuer, claims.getSubject(), jti, stringClaim(claims, "tenant"), kid, alg.getName());
    }

    private static String bearerToken(String authorizationHeader) throws Rejection {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new Rejection("no bearer token: send Authorization: Bearer <JWT signed by the CDS client>");
        }
        String[] parts = authorizationHeader.strip().split("\\s+", 2);
        if (!parts[0].equalsIgnoreCase("Bearer")) {
            throw new Rejection("no bearer token: the Authorization header uses the " + quoted(parts[0]) + " scheme, Bearer <JWT> is needed");
        }
        if (parts.length < 2) {
            throw new Rejection("no bearer token: the Authorization header has the Bearer scheme but no token");
        }
        return parts[1];
    }

    private static SignedJWT signedJwt(String token) throws Rejection {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new Rejection("the bearer token is not a JWT (three base64url parts: header, payload, signature)");
        }
        if (jwt instanceof PlainJWT) {
            throw new Rejection("alg none is not allowed: CDS clients sign the token with a private key (RS384, ES384, ...)");
        }
        if (jwt instanceof EncryptedJWT) {
            throw new Rejection("encrypted tokens (JWE) are not accepted: send a signed JWT (JWS)");
        }
        return (SignedJWT) jwt;
    }

    private static JWTClaimsSet claims(SignedJWT jws) throws Rejection {
        try {
            return jws.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new Rejection("the token's payload is not a JSON object of claims");
        }
    }

    /** The configured key set, or the token's jku if the configuration allows it for this issuer. */
    private static URI keySetUrl(TrustedClient client, URI jku) throws Rejection {
        if (jku == null) {
            return client.jwksUrl();
        }
        URI normalized = jku.normalize();
        boolean web = normalized.isAbsolute() && List.of("http", "https").contains(normalized.getScheme()) && normalized.getRawUserInfo() == null;
        if (web && (normalized.equals(client.jwksUrl()) || client.jkuAllowed().stream().anyMatch(prefix -> isUnder(normalized.toString(), prefix)))) {
            return normalized;
        }
        throw new Rejection("jku " + quoted(jku.toString()) + " is not allowed for issuer " + client.issuer());
    }

    /** A prefix without a trailing slash still ends at a boundary: https://ehr.org does not admit https://ehr.org.evil.com. */
    private static boolean isUnder(String url, String prefix) {
        if (!url.startsWith(prefix)) {
            return false;
        }
        return prefix.endsWith("/") || url.length() == prefix.length() || "/?#".indexOf(url.charAt(prefix.length())) >= 0;
    }

    private JWK key(TrustedClient client, URI keySetUrl, String kid) throws Rejection {
        try {
            return keys.key(keySetUrl, kid).orElseThrow(() -> new Rejection("no key " + quoted(kid) + " in the issuer's JWK set (" + keySetUrl + ")"));
        } catch (IOException e) {
            throw new Rejection("the JWK set of issuer " + client.issuer() + " could not be read from " + keySetUrl + ": " + cut(e.getMessage()));
        }
    }

    private static JWSVerifier verifierFor(JWK key, JWSAlgorithm alg, String kid) throws Rejection {
        if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) {
            throw new Rejection("key " + quoted(kid) + " is not a signing key (use " + key.getKeyUse().identifier() + ")");
        }
        if (key.getAlgorithm() != null && !key.getAlgorithm().getName().equals(alg.getName())) {
            throw new Rejection("key " + quoted(kid) + " is for " + key.getAlgorithm() + ", the token says " + alg);
        }
        try {
            if (JWSAlgorithm.Family.RSA.contains(alg) && key instanceof RSAKey rsa) {
                return new RSASSAVerifier(rsa);
            }
            if (JWSAlgorithm.Family.EC.contains(alg) && key instanceof ECKey ec) {
                if (!Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
                    throw new Rejection("key " + quoted(kid) + " is on curve " + ec.getCurve() + ", " + alg + " needs " + Curve.forJWSAlgorithm(alg));
                }
                return new ECDSAVerifier(ec);
            }
        } catch (JOSEException e) {
            throw new Rejection("key " + quoted(kid) + " cannot verify " + alg + ": " + cut(e.getMessage()));
        }
        throw new Rejection("key " + quoted(kid) + " is an " + key.getKeyType() + " key, not usable with " + alg);
    }

    private static boolean signatureVerifies(SignedJWT jws, JWSVerifier verifier) {
        try {
            return jws.verify(verifier);
        } catch (JOSEException e) {
            return false;
        }
    }

    /** exp and iat are required; returns exp. */
    private Instant checkTimes(JWTClaimsSet claims, Instant now) throws Rejection {
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new Rejection("exp is required: CDS client tokens are short-lived");
        }
        if (now.isAfter(exp.toInstant().plus(skew))) {
            throw new Rejection("token expired at " + exp.toInstant() + " (now " + now + ", " + skew.toSeconds() + " s skew allowed)");
        }
        Date iat = claims.getIssueTime();
        if (iat == null) {
            throw new Rejection("iat is required: the time the token was issued");
        }
        if (iat.toInstant().isAfter(now.plus(skew))) {
            throw new Rejection("iat is in the future: " + iat.toInstant() + " (now " + now + ", " + skew.toSeconds() + " s skew allowed)");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && nbf.toInstant().isAfter(now.plus(skew))) {
            throw new Rejection("the token is not valid before " + nbf.toInstant() + " (now " + now + ", " + skew.toSeconds() + " s skew allowed)");
        }
        return exp.toInstant();
    }

    private void checkAudience(JWTClaimsSet claims, String calledEndpoint) throws Rejection {
        List<String> expected = audiencesFor(calledEndpoint);
        List<String> audiences = claims.getAudience();
        if (audiences.isEmpty()) {
            throw new Rejection("aud is required: the URL of the CDS service called (expected " + expected.get(0) + ")");
        }
        for (String aud : audiences) {
            if (aud != null && expected.contains(withoutTrailingSlash(aud))) {
                return;
            }
        }
        String named = audiences.stream().limit(3).map(CdsClientTrust::quoted).collect(Collectors.joining(", "));
        throw new Rejection("aud " + named + " is not this service (expected " + String.join(" or ", expected) + ")");
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        return value == null ? null : value.toString();
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Values from the token appear in reasons sent back and logged: quoted, and cut short. */
    private static String quoted(String untrusted) {
        return "'" + cut(untrusted) + "'";
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
    }

    /** A refusal; control flow only, so no stack trace is recorded. */
    private static final class Rejection extends Exception {
        Rejection(String reason) {
            super(reason, null, false, false);
        }
    }
}
