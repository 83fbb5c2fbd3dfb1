package org.evidencecds.web.cdshooks;

import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.net.URI;
import java.text.ParseException;

/** Reads a JWK set from its URL (an interface so tests and the CLI can hand one over directly). */
@FunctionalInterface
public interface JwkSetFetcher {

    /** Short timeouts: a slow key server must not hold a clinician's request for long. */
    int CONNECT_TIMEOUT_MS = 2_000;
    int READ_TIMEOUT_MS = 5_000;
    /** A JWK set is a few kilobytes; anything much larger is not one. */
    int SIZE_LIMIT_BYTES = 256 * 1024;

    JWKSet fetch(URI url) throws IOException;

    /** Over HTTP(S), with the timeouts and size limit above. */
    static JwkSetFetcher http() {
        return url -> {
            try {
                return JWKSet.load(url.toURL(), CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS, SIZE_LIMIT_BYTES);
            } catch (ParseException e) {
                throw new IOException("not a JWK set: " + e.getMessage(), e);
            }
        };
    }
}
