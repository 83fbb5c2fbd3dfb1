package org.evidencecds.web;

import jakarta.servlet.DispatcherType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what (the roles: {@link Role}). The audit log ({@code /api/v1/audit}, {@code /admin/audit/**})
 * needs an AUDITOR, the rest of {@code /admin/**} (knowledge updates under {@code /admin/knowledge/**}) an
 * ADMINISTRATOR, always. Every other path is the clinicians': open to all unless
 * {@code evaluations.require-auth=true}, which closes all of them (evaluations, screenings, the pages, the
 * knowledge API, the packs in FHIR under {@code /fhir/**}, the API documentation) to anyone but a CLINICIAN.
 * Health and info stay open.
 *
 * <p>Users sign in with HTTP Basic ({@code security.users[N]}, bcrypt hashes; and the backward-compatible
 * {@code audit.admin} account, an AUDITOR and ADMINISTRATOR), or with a bearer token from the hospital's OpenID
 * Connect issuer when {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or {@code jwk-set-uri} is set
 * (roles from {@code security.oidc.roles-claim}). The CDS Hooks endpoints ({@code /cds-services/**}) are not
 * governed here: CDS clients authenticate with signed JWTs in their own chain
 * ({@link org.evidencecds.web.cdshooks.CdsHooksSecurityConfiguration}), whatever {@code evaluations.require-auth} says.
 */
@Configuration
@EnableConfigurationProperties(SecuritySettings.class)
public class SecurityConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityConfiguration.class);

    static final String[] AUDIT = {"/api/v1/audit", "/api/v1/audit/**", "/admin/audit", "/admin/audit/**"};
    static final String[] KNOWLEDGE_ADMINISTRATION = {"/admin/knowledge", "/admin/knowledge/**"};

    /**
     * No observation per security filter per request. With observations on, Spring Security wraps each of its
     * filters in a Micrometer observation on every request: about 4 % of the server's CPU under load, for
     * timings nobody reads. Requests are still timed as a whole ({@code http.server.requests}); refused
     * logins and tokens are still logged as before.
     */
    @Bean
    public org.springframework.security.config.observation.SecurityObservationSettings securityObservationSettings() {
        return org.springframework.security.config.observation.SecurityObservationSettings.noObservations();
    }

    @Bean
    public SecurityFilterChain filterChain(HttpSecurity http, @Value("${evaluations.require-auth:false}") boolean closed,
                                           SecuritySettings settings, ObjectProvider<JwtDecoder> jwtDecoder) throws Exception {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        SecurityProblems problems = new SecurityProblems(decoder != null);
        http.csrf(c -> c.disable()) // stateless API, no cookies: nothing for CSRF to protect
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable()) // framing is governed by the pages' CSP frame-ancestors
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        // the pages' policy, unless the page set its own (the embed panel, the demo host page)
                        .addHeaderWriter((request, response) -> {
                            if (!response.containsHeader(ContentSecurityPolicy.HEADER)) {
                                String path = request.getRequestURI().substring(request.getContextPath().length());
                                response.setHeader(ContentSecurityPolicy.HEADER, path.startsWith("/swagger-ui")
                                        ? ContentSecurityPolicy.SWAGGER_UI : ContentSecurityPolicy.PAGE);
                            }
                        }))
                .httpBasic(b -> b.realmName(SecurityProblems.REALM).authenticationEntryPoint(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                .authorizeHttpRequests(a -> {
                    // the container's error page: the refusal or error it shows was decided before
                    a.dispatcherTypeMatchers(DispatcherType.ERROR).permitAll();
                    a.requestMatchers("/error").permitAll();
                    a.requestMatchers("/actuator/health", "/actuator/info").permitAll();
                    // the pages' stylesheets and scripts: an error page shown before sign-in needs them too
                    a.requestMatchers("/css/**", "/js/**").permitAll();
                    a.requestMatchers(AUDIT).hasRole(Role.AUDITOR.name());
                    a.requestMatchers(KNOWLEDGE_ADMINISTRATION).hasRole(Role.ADMINISTRATOR.name());
                    a.requestMatchers("/admin", "/admin/**", "/actuator/**").hasRole(Role.ADMINISTRATOR.name());
                    if (closed) {
                        a.anyRequest().hasRole(Role.CLINICIAN.name());
                    } else {
                        a.anyRequest().permitAll();
                    }
                });
        if (decoder != null) {
            JwtAuthenticationConverter roles = new JwtAuthenticationConverter();
            roles.setJwtGrantedAuthoritiesConverter(new OidcRoles(settings.oidc()));
            http.oauth2ResourceServer(o -> o.jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(roles))
                    .authenticationEntryPoint(problems).accessDeniedHandler(problems));
            LOG.info("Bearer tokens of the configured OpenID Connect issuer are accepted; roles from the claim '{}'", settings.oidc().rolesClaim());
        }
        return http.build();
    }

    @Bean
    public InMemoryUserDetailsManager users(SecuritySettings settings, @Value("${audit.admin.username:}") String username,
                                            @Value("${audit.admin.password:}") String password) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        return new InMemoryUserDetailsManager(ConfiguredUsers.of(settings, username, password, encoder));
    }
}
