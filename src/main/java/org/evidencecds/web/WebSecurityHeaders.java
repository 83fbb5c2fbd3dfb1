package org.evidencecds.web;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** CORS for the API only for the configured host origins (none by default: same origin only). */
@Configuration
public class WebSecurityHeaders implements WebMvcConfigurer {

    private final List<String> allowedOrigins;

    public WebSecurityHeaders(@Value("${embed.allowed-origins:}") List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins.stream().filter(o -> !o.isBlank()).toList();
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        if (!allowedOrigins.isEmpty()) {
            registry.addMapping("/api/**").allowedOrigins(allowedOrigins.toArray(String[]::new)).allowedMethods("GET", "POST");
        }
    }
}
