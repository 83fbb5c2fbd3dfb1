package org.evidencecds.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The Content-Security-Policy of the HTML pages. Inline styles and scripts are allowed by the SHA-256 hash of
 * their exact text, known here (never 'unsafe-inline', never a hash of whatever a page happens to contain):
 * an injected script or style would not run. Framing: the pages only by themselves, the embed panel by its
 * configured host origins too.
 */
public final class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";

    /** The pages' stylesheet, the embed panel's variant of it, and the forest plot's SVG style. */
    static final List<String> STYLES = List.of(hash(PageController.CSS), hash(PageController.EMBED_CSS), hash(ForestPlot.STYLE));

    /** Every page of the application (the clinician's page, provenance, error pages). */
    public static final String PAGE = policy(List.of(), "'self'");

    /** Swagger UI styles itself inline and shows data: images; it has no inline script. */
    public static final String SWAGGER_UI = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    private ContentSecurityPolicy() {
    }

    /** A page's policy: its inline scripts by their exact text, who may frame it ("'self' https://..."). */
    static String policy(List<String> inlineScripts, String frameAncestors) {
        StringBuilder scripts = new StringBuilder("'self'");
        inlineScripts.forEach(s -> scripts.append(' ').append(hash(s)));
        return "default-src 'self'; script-src " + scripts + "; style-src 'self' " + String.join(" ", STYLES)
                + "; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors " + frameAncestors;
    }

    /** The CSP source expression of a text's SHA-256 ('sha256-...'), computed over its UTF-8 bytes as browsers do. */
    static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "'sha256-" + Base64.getEncoder().encodeToString(digest) + "'";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
