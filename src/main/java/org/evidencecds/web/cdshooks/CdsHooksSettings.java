package org.evidencecds.web.cdshooks;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code cds-hooks.*}: who may call the CDS services and from which browser origins.
 *
 * @param baseUrl              the service's public URL (with any context path): tokens must name
 *                             {@code {baseUrl}/cds-services/{id}} as their aud
 * @param clients              the trusted CDS clients (EHRs)
 * @param allowUnauthenticated switches the token check off (a local demo only)
 * @param allowedOrigins       browser origins allowed to call /cds-services (CORS)
 * @param clockSkewSeconds     how far a client's clock may be off
 */
@ConfigurationProperties(prefix = "cds-hooks")
public record CdsHooksSettings(@DefaultValue("http://localhost:8080") String baseUrl,
                               List<Client> clients,
                               boolean allowUnauthenticated,
                               List<String> allowedOrigins,
                               @DefaultValue("60") long clockSkewSeconds) {

    /** {@code cds-hooks.clients[N].issuer}, {@code .jwks-url}, {@code .jku-allowed} (URL prefixes). */
    public record Client(String issuer, String jwksUrl, List<String> jkuAllowed) {
    }

    public CdsHooksSettings {
        clients = clients == null ? List.of() : List.copyOf(clients);
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }
}
