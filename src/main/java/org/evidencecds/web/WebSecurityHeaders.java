package org.evidencecds.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Headers of every response: {@code Referrer-Policy: no-referrer} (the clinician page's query string carries
 * patient values, which must not leave in a Referer) and {@code X-Content-Type-Options: nosniff}, for every
 * path, the CDS Hooks ones included. The pages' Content-Security-Policy: {@link ContentSecurityPolicy}. CORS
 * for the API only for the configured host origins (none by default: same origin only).
 */
@Configuration
public class WebSecurityHeaders implements WebMvcConfigurer {

    public static final String REFERRER_POLICY = "no-referrer";

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

    /** A browser asking for HTML gets an error as a page; API clients get problem+json as before. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new ProblemDetailHtmlConverter());
    }

    /** First of all filters, so that even a refusal by the body limit or the CDS client check carries them. */
    @Bean
    public FilterRegistrationBean<OncePerRequestFilter> everyResponseHeaders() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                response.setHeader("Referrer-Policy", REFERRER_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                chain.doFilter(request, response);
            }

            @Override
            protected boolean shouldNotFilterErrorDispatch() {
                return false;
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
