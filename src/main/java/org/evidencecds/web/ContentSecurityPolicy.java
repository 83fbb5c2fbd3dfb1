package org.evidencecds.web;

/**
 * The Content-Security-Policy of the HTML pages. Styles and scripts come only from this server's static
 * files ({@code /css}, {@code /js}): no inline script or style runs, so an injected one would not. Data a
 * page's script needs travels in a {@code <script type="application/json">} block, which is not executed.
 * Framing: the pages only by themselves, the embed panel by its configured host origins too.
 */
public final class ContentSecurityPolicy {

    public static final String HEADER = "Content-Security-Policy";

    /** Every page of the application (the clinician's page, provenance, the demo form, error pages). */
    public static final String PAGE = policy("'self'");

    /** Swagger UI styles itself inline and shows data: images; it has no inline script. */
    public static final String SWAGGER_UI = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

    private ContentSecurityPolicy() {
    }

    /** A page's policy given who may frame it ("'self' https://..."). */
    static String policy(String frameAncestors) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; "
                + "form-action 'self'; frame-ancestors " + frameAncestors;
    }
}
