package org.evidencecds.web;

import jakarta.servlet.DispatcherType;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Reading the audit log and the admin endpoints need an authenticated administrator (HTTP Basic; the
 * credentials come from configuration, none are built in: without them these endpoints always answer 401).
 * The clinicians' endpoints stay open unless {@code evaluations.require-auth=true}. Refusals are problem+json,
 * or a page for a browser ({@link SecurityProblems}). The CDS Hooks endpoints ({@code /cds-services/**}) are not
 * governed here: CDS clients authenticate with signed JWTs in their own chain
 * ({@link org.evidencecds.web.cdshooks.CdsHooksSecurityConfiguration}), whatever {@code evaluations.require-auth} says.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain filterChain(HttpSecurity http, @Value("${evaluations.require-auth:false}") boolean closed) throws Exception {
        SecurityProblems problems = new SecurityProblems(false);
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
                    a.requestMatchers("/api/v1/audit/**", "/api/v1/audit", "/admin/**").hasRole("ADMIN");
                    a.requestMatchers("/actuator/health", "/actuator/info").permitAll();
                    if (closed) {
                        a.requestMatchers("/api/v1/evaluations", "/embed", "/").authenticated();
                    }
                    a.anyRequest().permitAll();
                });
        return http.build();
    }

    @Bean
    public InMemoryUserDetailsManager users(@Value("${audit.admin.username:}") String username,
                                            @Value("${audit.admin.password:}") String password) {
        PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
        List<UserDetails> users = new ArrayList<>();
        if (!username.isBlank() && !password.isBlank()) {
            users.add(User.withUsername(username).password(encoder.encode(password)).roles("ADMIN").build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
