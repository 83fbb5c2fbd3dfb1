package org.evidencecds.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Reading the audit log and the admin endpoints need an authenticated administrator (HTTP Basic; the
 * credentials come from configuration, none are built in: without them these endpoints always answer 401).
 * The clinicians' endpoints stay open unless {@code evaluations.require-auth=true}. The CDS Hooks
 * endpoints ({@code /cds-services/**}) are not governed here: CDS clients authenticate with signed JWTs
 * in their own chain ({@link org.evidencecds.web.cdshooks.CdsHooksSecurityConfiguration}), whatever
 * {@code evaluations.require-auth} says.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    public SecurityFilterChain filterChain(HttpSecurity http, @Value("${evaluations.require-auth:false}") boolean closed) throws Exception {
        http.csrf(c -> c.disable()) // stateless API, no cookies: nothing for CSRF to protect
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable())) // framing is governed by the embed page's CSP
                .httpBasic(Customizer.withDefaults())
                .authorizeHttpRequests(a -> {
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
