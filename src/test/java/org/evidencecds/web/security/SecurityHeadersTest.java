package org.evidencecds.web.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.web.WebApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Every HTML page has a Content-Security-Policy that allows exactly its own inline styles and scripts (by
 * hash, never 'unsafe-inline' for scripts) and limits who may frame it; every response says no-referrer and
 * nosniff (the page's query string carries patient values).
 */
@SpringBootTest(classes = WebApplication.class, properties = {"embed.allowed-origins=https://ehr.example.org",
        "cds-hooks.allow-unauthenticated=true"})
@AutoConfigureMockMvc
class SecurityHeadersTest {

    @Autowired
    MockMvc mvc;

    MockHttpServletResponse page(String path) throws Exception {
        MockHttpServletResponse r = mvc.perform(get(path).accept("text/html")).andReturn().getResponse();
        r.setCharacterEncoding("UTF-8");
        return r;
    }

    /** The directive's sources, e.g. "style-src" → ['self', 'sha256-...']; empty if the policy has none. */
    static List<String> directive(String policy, String name) {
        for (String d : policy.split(";")) {
            String[] parts = d.trim().split("\\s+");
            if (parts[0].equals(name)) {
                return List.of(parts).subList(1, parts.length);
            }
        }
        return List.of();
    }

    static String sha256(String text) throws Exception {
        return "'sha256-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))) + "'";
    }

    static List<String> blocks(String html, String element) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<" + element + "(\\s[^>]*)?>(.*?)</" + element + ">", Pattern.DOTALL).matcher(html);
        while (m.find()) {
            found.add(m.group(2));
        }
        return found;
    }

    /** The page's CSP allows its own inline blocks by hash, and nothing inline otherwise. */
    static void assertPolicyFitsThePage(String policy, String html) throws Exception {
        assertThat(directive(policy, "default-src")).containsExactly("'self'");
        assertThat(directive(policy, "object-src")).containsExactly("'none'");
        assertThat(directive(policy, "base-uri")).containsExactly("'none'");
        List<String> scriptSrc = directive(policy, "script-src").isEmpty() ? directive(policy, "default-src") : directive(policy, "script-src");
        List<String> styleSrc = directive(policy, "style-src").isEmpty() ? directive(policy, "default-src") : directive(policy, "style-src");
        assertThat(scriptSrc).doesNotContain("'unsafe-inline'", "'unsafe-eval'");
        assertThat(styleSrc).doesNotContain("'unsafe-inline'");
        // scripts come from files; a JSON data block is not executed; no inline script or style is needed or allowed
        Matcher scripts = Pattern.compile("<script(\\s[^>]*)?>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (scripts.find()) {
            String attributes = scripts.group(1) == null ? "" : scripts.group(1);
            if (attributes.contains(" src=\"")) {
                assertThat(scripts.group(2)).as("a script with src has no inline text").isBlank();
            } else {
                assertThat(attributes).as("an inline block is data, never code").contains("type=\"application/json\"");
            }
        }
        assertThat(scriptSrc).as("no hashes: nothing inline runs").noneMatch(x -> x.startsWith("'sha256-"));
        assertThat(blocks(html, "style")).as("no inline style element").isEmpty();
        assertThat(html).as("no style attributes (CSP would block them)").doesNotContain(" style=\"");
        assertThat(html).as("no inline event handlers").doesNotContainPattern("\\son[a-z]+=\"");
    }

    static void assertEveryResponseHeader(MockHttpServletResponse r) {
        assertThat(r.getHeaders("Referrer-Policy")).containsExactly("no-referrer");
        assertThat(r.getHeaders("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void theClinicianPageAndTheProvenancePageMayOnlyBeFramedByThemselves() throws Exception {
        for (String path : List.of("/", "/?ulcerAreaCm2=12&diabetesType=type-2", "/provenance?rule=dfu-cell-therapy/level/ulcer-area/ge-10-cm2",
                "/provenance?rule=nope")) {
            MockHttpServletResponse r = page(path);
            assertThat(r.getContentType()).as(path).startsWith("text/html");
            assertThat(r.getHeaders("Content-Security-Policy")).as(path).hasSize(1);
            String policy = r.getHeader("Content-Security-Policy");
            assertThat(directive(policy, "frame-ancestors")).as(path).containsExactly("'self'");
            assertThat(directive(policy, "form-action")).as(path).containsExactly("'self'");
            assertPolicyFitsThePage(policy, r.getContentAsString());
            assertEveryResponseHeader(r);
        }
        // the page's style and script are static files of this server
        String report = page("/?ulcerAreaCm2=12").getContentAsString();
        assertThat(report).contains("<link rel=\"stylesheet\" href=\"/css/app.css\">", "<script src=\"/js/page.js\" defer></script>");
        assertThat(page("/css/app.css").getContentType()).startsWith("text/css");
        assertThat(page("/js/page.js").getContentType()).contains("javascript");
    }

    @Test
    void theEmbedPanelKeepsItsFramingAllowListAndRunsOnlyStaticFiles() throws Exception {
        for (String path : List.of("/embed", "/embed?ulcerAreaCm2=12", "/embed?ulcerAreaCm2=12&trial=NCT06003530", "/embed?ulcerAreaCm2=-5",
                "/embed?trial=NCT0000")) {
            MockHttpServletResponse r = page(path);
            assertThat(r.getHeaders("Content-Security-Policy")).as(path).hasSize(1);
            String policy = r.getHeader("Content-Security-Policy");
            assertThat(directive(policy, "frame-ancestors")).as(path).containsExactly("'self'", "https://ehr.example.org");
            assertStaticFilesOnly(policy, r.getContentAsString());
            assertThat(r.getContentAsString()).contains("<script src=\"/js/embed.js\" defer></script>");
            assertEveryResponseHeader(r);
        }
    }

    @Test
    void theDemoHostPageRunsOnlyStaticFilesAndFramesTheEmbed() throws Exception {
        MockHttpServletResponse r = page("/demo/screening-form");
        String policy = r.getHeader("Content-Security-Policy");
        assertThat(directive(policy, "frame-ancestors")).containsExactly("'self'");
        List<String> frameSrc = directive(policy, "frame-src").isEmpty() ? directive(policy, "default-src") : directive(policy, "frame-src");
        assertThat(frameSrc).contains("'self'");
        assertStaticFilesOnly(policy, r.getContentAsString());
        assertThat(r.getContentAsString()).contains("<script src=\"/js/demo.js\" defer></script>");
        assertEveryResponseHeader(r);
    }

    /**
     * A page of static scripts and styles only: the policy allows 'self' and nothing inline, and the page has no
     * inline script (each is a file or a JSON data block), no style element or attribute, no event handler.
     */
    static void assertStaticFilesOnly(String policy, String html) {
        assertThat(directive(policy, "default-src")).containsExactly("'self'");
        assertThat(directive(policy, "script-src")).containsExactly("'self'");
        assertThat(directive(policy, "style-src")).containsExactly("'self'");
        assertThat(directive(policy, "object-src")).containsExactly("'none'");
        assertThat(directive(policy, "base-uri")).containsExactly("'none'");
        Matcher scripts = Pattern.compile("<script(\\s[^>]*)?>(.*?)</script>", Pattern.DOTALL).matcher(html);
        while (scripts.find()) {
            String attributes = scripts.group(1) == null ? "" : scripts.group(1);
            boolean file = attributes.contains(" src=\"/js/") && scripts.group(2).isEmpty();
            assertThat(file || attributes.contains(" type=\"application/json\"")).as("script " + attributes).isTrue();
        }
        assertThat(blocks(html, "style")).isEmpty();
        assertThat(html).as("no style attributes (CSP would block them)").doesNotContain(" style=\"");
        assertThat(html).as("no inline event handlers").doesNotContainPattern("\\son[a-z]+=\"");
    }

    @Test
    void apiAndCdsHooksResponsesSayNoReferrerAndNoSniffToo() throws Exception {
        for (String path : List.of("/api/v1/packs", "/api/v1/packs/nope", "/cds-services", "/actuator/health")) {
            MockHttpServletResponse r = mvc.perform(get(path)).andReturn().getResponse();
            assertEveryResponseHeader(r);
        }
    }
}
