package org.evidencecds.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 and 403 as the application's other errors: problem+json, or a readable page for a browser. A 401 carries
 * the challenges of the ways to sign in: HTTP Basic, and Bearer when an OpenID Connect issuer is configured
 * (with {@code error="invalid_token"} when a token was sent and refused, RFC 6750).
 */
final class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger LOG = LoggerFactory.getLogger(SecurityProblems.class);
    static final String REALM = "evidence-cds";

    private final boolean bearer;

    SecurityProblems(boolean bearer) {
        this.bearer = bearer;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean tokenSent = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        String detail;
        if (tokenSent && bearer) {
            detail = "The bearer token was not accepted (it is malformed, expired, or not signed by the configured issuer).";
        } else if (tokenSent) {
            detail = "Bearer tokens are not accepted here: no OpenID Connect issuer is configured. Sign in with a user name and password (HTTP Basic).";
        } else if (e instanceof BadCredentialsException) {
            detail = "The user name or the password is wrong.";
        } else {
            detail = bearer ? "Sign in to use this endpoint: a user name and password (HTTP Basic), or a bearer token from the hospital's sign-in service."
                    : "Sign in to use this endpoint: a user name and password (HTTP Basic).";
        }
        LOG.info("401 for {} {}: {}", request.getMethod(), request.getRequestURI(), e.getClass().getSimpleName());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        if (bearer) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, tokenSent
                    ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\", error_description=\"the token was not accepted\""
                    : "Bearer realm=\"" + REALM + "\"");
        }
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        ProblemResponses.write(response, request.getHeader(HttpHeaders.ACCEPT), new ProblemResponses.Problem(401, "Not signed in", detail,
                "urn:evidence-cds:problem:not-authenticated", path(request)));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e) throws IOException {
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        String roles = who == null ? "" : who.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("ROLE_")).map(a -> a.substring(5)).collect(Collectors.joining(", "));
        LOG.info("403 for {} {} ({})", request.getMethod(), request.getRequestURI(), who == null ? "?" : who.getName());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        ProblemResponses.write(response, request.getHeader(HttpHeaders.ACCEPT), new ProblemResponses.Problem(403, "Not allowed",
                "The signed-in user's roles (" + (roles.isEmpty() ? "none" : roles) + ") do not include the role this endpoint needs.",
                "urn:evidence-cds:problem:forbidden", path(request)));
    }

    private static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
