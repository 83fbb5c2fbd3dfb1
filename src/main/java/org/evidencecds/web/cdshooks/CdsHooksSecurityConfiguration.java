package org.evidencecds.web.cdshooks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

/**
 * The CDS Hooks endpoints have their own security chain, ahead of the application's: CDS clients
 * authenticate with signed JWTs (CDS Hooks 2.0), not with the HTTP Basic accounts of the rest of the
 * application, and browsers of the configured origins may call them (CORS).
 */
@Configuration
@EnableConfigurationProperties(CdsHooksSettings.class)
public class CdsHooksSecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(CdsHooksSecurityConfiguration.class);

    @Bean
    public CdsClientTrust cdsClientTrust(CdsHooksSettings settings) {
        List<TrustedClient> clients = new ArrayList<>();
        for (int i = 0; i < settings.clients().size(); i++) {
            clients.add(trusted(settings.clients().get(i), i));
        }
        CdsClientTrust trust = new CdsClientTrust(clients, settings.baseUrl(), Duration.ofSeconds(settings.clockSkewSeconds()),
                Clock.systemUTC(), JwkSetFetcher.http());
        if (settings.allowUnauthenticated()) {
            LOG.warn("The CDS Hooks services accept unauthenticated calls (cds-hooks.allow-unauthenticated=true): for a local demo only");
        } else if (clients.isEmpty()) {
            LOG.warn("No CDS client is trusted: POST /cds-services/... answers 401 until cds-hooks.clients[0].issuer and "
                    + "cds-hooks.clients[0].jwks-url are set");
        } else {
            LOG.info("CDS clients trusted: {} (tokens for {}/cds-services/...)", clients.stream().map(TrustedClient::issuer).toList(),
                    CdsClientTrust.withoutTrailingSlash(settings.baseUrl()));
        }
        return trust;
    }

    /** Ahead of the application's chain, which covers every other path. */
    @Bean
    @Order(1)
    public SecurityFilterChain cdsHooksFilterChain(HttpSecurity http, CdsHooksSettings settings, CdsClientTrust trust) throws Exception {
        http.securityMatcher("/cds-services", "/cds-services/**")
                .csrf(c -> c.disable()) // bearer tokens, no cookies: nothing for CSRF to protect
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(c -> c.configurationSource(cors(settings.allowedOrigins())))
                // after CORS, so that a refusal still carries the CORS headers a browser needs to read it
                .addFilterAfter(new CdsClientAuthFilter(trust, settings.allowUnauthenticated()), CorsFilter.class)
                .authorizeHttpRequests(a -> a.anyRequest().permitAll()); // the filter above decides
        return http.build();
    }

    /** No configured origin, no CORS header: browsers then allow same-origin calls only. */
    static UrlBasedCorsConfigurationSource cors(List<String> allowedOrigins) {
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        if (!allowedOrigins.isEmpty()) {
            CorsConfiguration config = new CorsConfiguration();
            config.setAllowedOrigins(allowedOrigins);
            config.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
            config.setAllowedHeaders(List.of("Authorization", "Content-Type"));
            config.setExposedHeaders(List.of("WWW-Authenticate"));
            config.setMaxAge(Duration.ofHours(1));
            source.registerCorsConfiguration("/cds-services/**", config);
        }
        return source;
    }

    private static TrustedClient trusted(CdsHooksSettings.Client c, int index) {
        String prefix = "cds-hooks.clients[" + index + "].";
        if (c.issuer() == null || c.issuer().isBlank()) {
            throw new IllegalStateException(prefix + "issuer is required: the iss of the client's tokens");
        }
        if (c.jwksUrl() == null || c.jwksUrl().isBlank()) {
            throw new IllegalStateException(prefix + "jwks-url is required: where the client publishes its public keys");
        }
        try {
            return new TrustedClient(c.issuer(), URI.create(c.jwksUrl()), c.jkuAllowed());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(prefix + "jwks-url: " + e.getMessage());
        }
    }
}
