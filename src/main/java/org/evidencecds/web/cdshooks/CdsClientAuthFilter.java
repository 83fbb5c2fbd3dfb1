package org.evidencecds.web.cdshooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a call to a CDS service ({@code POST /cds-services/{id}}, {@code POST /cds-services/{id}/feedback})
 * through only with a token {@link CdsClientTrust} accepts, and puts the {@link VerifiedClient} on the
 * request as {@link #CLIENT_ATTRIBUTE}. Discovery ({@code GET /cds-services}) and CORS preflights
 * ({@code OPTIONS}) need no token. A refusal is 401 problem+json with a {@code WWW-Authenticate} challenge.
 */
public final class CdsClientAuthFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link VerifiedClient} of a verified call. */
    public static final String CLIENT_ATTRIBUTE = "org.evidencecds.cdsClient";

    static final String NOT_CONFIGURED = "no CDS client is trusted yet: set cds-hooks.clients[0].issuer and cds-hooks.clients[0].jwks-url, "
            + "and cds-hooks.base-url; or cds-hooks.allow-unauthenticated=true for a local demo";

    private static final Logger LOG = LoggerFactory.getLogger(CdsClientAuthFilter.class);
    private static final Set<String> OPEN_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CdsClientTrust trust;
    private final boolean allowUnauthenticated;

    CdsClientAuthFilter(CdsClientTrust trust, boolean allowUnauthenticated) {
        this.trust = trust;
        this.allowUnauthenticated = allowUnauthenticated;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return allowUnauthenticated || OPEN_METHODS.contains(request.getMethod()) || !path(request).startsWith("/cds-services/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (!trust.trustsAnyClient()) {
            refuse(request, response, NOT_CONFIGURED, authorization != null);
            return;
        }
        Verification verification = trust.verify(authorization, path(request));
        if (verification instanceof Verification.Accepted accepted) {
            request.setAttribute(CLIENT_ATTRIBUTE, accepted.client());
            chain.doFilter(request, response);
            return;
        }
        refuse(request, response, ((Verification.Rejected) verification).reason(), authorization != null);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason, boolean tokenSent) throws IOException {
        LOG.info("CDS call to {} refused: {}", path(request), reason);
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        // RFC 6750 §3.1: a request without credentials gets the bare challenge, without an error code
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                ? "Bearer realm=\"cds-services\", error=\"invalid_token\", error_description=\"" + headerSafe(reason) + "\""
                : "Bearer realm=\"cds-services\"");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:evidence-cds:problem:cds-client-not-authenticated");
        problem.put("title", "CDS client not authenticated");
        problem.put("status", HttpServletResponse.SC_UNAUTHORIZED);
        problem.put("detail", reason);
        problem.put("instance", path(request));
        response.getWriter().write(JSON.writeValueAsString(problem));
    }

    /** A quoted-string of printable ASCII: nothing from a token can end the header or start another. */
    private static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                safe.append('\'');
            } else {
                safe.append(c >= 0x20 && c < 0x7f ? c : '?');
            }
        }
        return safe.toString();
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
