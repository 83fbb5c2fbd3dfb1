package org.evidencecds.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * An error as RFC 9457 problem+json for API clients, or as a small readable HTML page for browsers (those
 * whose Accept header prefers text/html over JSON); used wherever Spring MVC's own negotiation does not run:
 * the security entry points, the error controller and Tomcat's error report valve.
 */
public final class ProblemResponses {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private ProblemResponses() {
    }

    /** A problem: status, title, detail, and optionally a type URI and the request path. */
    public record Problem(int status, String title, String detail, String type, String instance) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", type == null ? "about:blank" : type);
            m.put("title", title);
            m.put("status", status);
            m.put("detail", detail);
            if (instance != null) {
                m.put("instance", instance);
            }
            return m;
        }
    }

    /** True when the Accept header ranks text/html above every JSON type (wildcards do not count for HTML). */
    public static boolean wantsHtml(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        double html = 0;
        double json = 0;
        int htmlAt = Integer.MAX_VALUE;
        int jsonAt = Integer.MAX_VALUE;
        for (int i = 0; i < types.size(); i++) {
            MediaType t = types.get(i);
            double q = t.getQualityValue();
            if ("text".equals(t.getType()) && "html".equals(t.getSubtype()) || "application".equals(t.getType()) && "xhtml+xml".equals(t.getSubtype())) {
                if (q > html) {
                    html = q;
                    htmlAt = Math.min(htmlAt, i);
                }
            } else if ("application".equals(t.getType()) && ("json".equals(t.getSubtype()) || t.getSubtype().endsWith("+json"))) {
                if (q > json) {
                    json = q;
                    jsonAt = Math.min(jsonAt, i);
                }
            }
        }
        return html > 0 && (html > json || html == json && htmlAt < jsonAt);
    }

    /** The problem as an HTML page (template problem.html): title and detail escaped, the pages' stylesheet, no script. */
    public static String html(Problem p) {
        return StandaloneTemplates.render("problem", java.util.Map.of("problem", p));
    }

    public static byte[] json(Problem p) {
        try {
            return JSON.writeValueAsBytes(p.json());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the problem with the headers every error carries; the response must not be committed. */
    public static void write(HttpServletResponse response, String accept, Problem p) throws IOException {
        boolean html = wantsHtml(accept);
        byte[] body = html ? html(p).getBytes(StandardCharsets.UTF_8) : json(p);
        response.setStatus(p.status());
        response.setContentType(html ? "text/html;charset=UTF-8" : PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        headers(response, html);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.getOutputStream().flush();
    }

    /** Referrer-Policy and nosniff on every error; the page policy on an HTML one; errors are not cached. */
    static void headers(HttpServletResponse response, boolean html) {
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        if (html) {
            response.setHeader(ContentSecurityPolicy.HEADER, ContentSecurityPolicy.PAGE);
        }
    }

    /** A short, safe detail for a status nothing more specific is known about. */
    public static Problem forStatus(int status, String path) {
        String title = title(status);
        String detail = switch (status) {
            case 400 -> "The request could not be read: its URL or headers are malformed or not allowed "
                    + "(for example an encoded slash %2F, a '..' segment, or an invalid percent-encoding).";
            case 401 -> "Sign in to use this endpoint.";
            case 403 -> "The signed-in user does not have the role this endpoint needs.";
            case 404 -> "There is nothing at " + (path == null ? "this address" : path) + ".";
            case 405 -> "This method is not supported at " + (path == null ? "this address" : path) + ".";
            case 413 -> "The request is too large.";
            case 415 -> "The request body's media type is not supported here.";
            default -> status >= 500 ? "The request could not be answered because of an internal error; it has been logged."
                    : "The request could not be answered (" + title + ").";
        };
        return new Problem(status, title, detail, null, path);
    }

    static String title(int status) {
        org.springframework.http.HttpStatus s = org.springframework.http.HttpStatus.resolve(status);
        return s == null ? "Error " + status : s.getReasonPhrase();
    }
}
