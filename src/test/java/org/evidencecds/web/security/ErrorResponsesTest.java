package org.evidencecds.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every error on every path, over real HTTP (Tomcat included, which MockMvc bypasses): problem+json for API
 * clients, a small readable HTML page for browsers (Accept: text/html); never Tomcat's own page, never a stack
 * trace; the security headers on every one.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:error-responses;DB_CLOSE_DELAY=-1",
                TestUsers.U0, TestUsers.U0_HASH, TestUsers.U0_ROLES})
class ErrorResponsesTest {

    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
    static final String API = "application/json";

    @LocalServerPort
    int port;

    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** One request over a raw socket, exactly as written (no client normalises the path). */
    Answer raw(String method, String target, String accept, String... extraHeaders) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            StringBuilder req = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n");
            if (accept != null) {
                req.append("Accept: ").append(accept).append("\r\n");
            }
            for (String h : extraHeaders) {
                req.append(h).append("\r\n");
            }
            boolean post = method.equals("POST");
            if (post) {
                req.append("Content-Length: 2\r\n");
            }
            req.append("\r\n");
            if (post) {
                req.append("{}");
            }
            OutputStream out = socket.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            String text = all.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
            String body = text.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            // sizes are bytes; the bodies here are ASCII apart from escaped text
            String rest = body.substring(eol + 2);
            byte[] bytes = rest.getBytes(StandardCharsets.UTF_8);
            String chunk = new String(bytes, 0, size, StandardCharsets.UTF_8);
            out.append(chunk);
            i = eol + 2 + chunk.length() + 2;
        }
        return out.toString();
    }

    static void assertNoInternals(Answer a) {
        assertThat(a.body()).doesNotContain("Apache Tomcat", "Exception", "\tat ", "at org.", "Whitelabel", "<pre");
        assertThat(a.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(a.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    static void assertProblemJson(Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(a.body()).startsWith("application/problem+json");
        assertThat(a.body()).contains("\"status\":" + status).contains("\"title\":").contains("\"detail\":");
        assertNoInternals(a);
    }

    static void assertHtmlPage(Answer a, int status) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.header("Content-Type")).as(a.body()).startsWith("text/html");
        assertThat(a.body()).startsWith("<!doctype html>").contains("<h1>").contains(String.valueOf(status));
        assertThat(a.header("Content-Security-Policy")).contains("default-src 'self'").contains("frame-ancestors 'self'");
        assertNoInternals(a);
    }

    void assertBoth(String method, String target, int status, String... headers) throws Exception {
        assertProblemJson(raw(method, target, API, headers), status);
        assertProblemJson(raw(method, target, null, headers), status);
        assertProblemJson(raw(method, target, "*/*", headers), status);
        assertHtmlPage(raw(method, target, BROWSER, headers), status);
    }

    static String basic(String user, String password) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unauthenticatedIs401WithAChallenge() throws Exception {
        assertBoth("GET", "/api/v1/audit", 401);
        assertThat(raw("GET", "/api/v1/audit", API).header("WWW-Authenticate")).contains("Basic realm=");
        assertBoth("GET", "/api/v1/audit", 401, basic("auditor", "wrong"));
    }

    @Test
    void aClinicianReadingTheAuditLogIs403() throws Exception {
        assertBoth("GET", "/api/v1/audit", 403, basic(TestUsers.CLINICIAN, TestUsers.password(TestUsers.CLINICIAN)));
    }

    @Test
    void unknownPathsAre404() throws Exception {
        assertBoth("GET", "/no/such/page", 404);
        assertBoth("GET", "/api/v1/nothing-here", 404);
        assertBoth("GET", "/api/v1/packs/nope", 404);
        assertBoth("GET", "/error", 404);
    }

    @Test
    void anUnknownPackOnTheClinicianPageIsAPageForABrowser() throws Exception {
        assertHtmlPage(raw("GET", "/?pack=unknown", BROWSER), 404);
        assertProblemJson(raw("GET", "/?pack=unknown", "*/*"), 404);
        assertProblemJson(raw("GET", "/?pack=unknown", null), 404);
        // the page has no JSON representation at all
        assertProblemJson(raw("GET", "/?pack=unknown", API), 406);
        assertThat(raw("GET", "/?pack=%3Cscript%3Ealert(1)%3C/script%3E", BROWSER).body()).doesNotContain("<script>alert(1)");
    }

    @Test
    void wrongMethodIs405AndWrongMediaTypeIs415() throws Exception {
        assertBoth("GET", "/api/v1/evaluations", 405);
        assertBoth("POST", "/api/v1/evaluations", 415, "Content-Type: text/plain");
    }

    @Test
    void urlsTomcatRejectsAreProblemsOrPagesToo() throws Exception {
        for (String target : List.of("/api/v1/packs/..%2F..%2Fetc%2Fpasswd", "/api/v1/packs/%2e%2e/%2e%2e/x", "/a/../../etc/passwd",
                "/api/v1/packs/%zz", "/api/v1/packs/%00", "/api/v1/packs/a%5Cb")) {
            Answer json = raw("GET", target, API);
            assertThat(json.status()).as(target).isEqualTo(400);
            assertProblemJson(json, 400);
            assertHtmlPage(raw("GET", target, BROWSER), 400);
        }
    }

    @Test
    void theErrorPageEscapesWhatItShows() throws Exception {
        Answer a = raw("GET", "/no/%3Cb%3Ebold%3C%2Fb%3E-page", BROWSER);
        assertThat(a.body()).doesNotContain("<b>bold");
        Answer b = raw("GET", "/no/%3Cb%3Ebold-page", BROWSER);
        assertThat(b.status()).isEqualTo(404);
        assertThat(b.body()).doesNotContain("<b>bold");
    }
}
