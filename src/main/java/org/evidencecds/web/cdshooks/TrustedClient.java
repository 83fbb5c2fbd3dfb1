package org.evidencecds.web.cdshooks;

import java.net.URI;
import java.util.List;

/**
 * A CDS client (an EHR) whose tokens this service accepts: its {@code iss}, where its public keys are
 * published, and the URL prefixes under which its tokens may point ({@code jku}) to other key sets.
 */
public record TrustedClient(String issuer, URI jwksUrl, List<String> jkuAllowed) {

    public TrustedClient {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("a trusted CDS client needs an issuer (the iss of its tokens)");
        }
        if (jwksUrl == null || !jwksUrl.isAbsolute() || !List.of("http", "https").contains(jwksUrl.getScheme())) {
            throw new IllegalArgumentException("the CDS client '" + issuer + "' needs the http(s) URL of its JWK set, got " + jwksUrl);
        }
        jwksUrl = jwksUrl.normalize();
        jkuAllowed = jkuAllowed == null ? List.of() : jkuAllowed.stream().filter(p -> !p.isBlank()).toList();
    }
}
