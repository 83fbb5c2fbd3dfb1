package org.evidencecds.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

/**
 * Queries a CDS client's FHIR server for the data a CDS Hooks request did not prefetch: each prefetch key
 * names a label query (a read such as {@code Patient/123} or a search such as
 * {@code Condition?patient=123&clinical-status=active}); each key comes back with its resource (a searchset
 * Bundle for searches, merged over at most {@value #MAX_PAGES} pages), with "no data" (a read answered 404
 * or 410), or with the reason it failed, in words. One failing key never loses the others.
 *
 * <p>Only http and https bases are queried; redirects are not followed and next-page links are followed only
 * when they stay on the same server and base path, so the bearer token is sent nowhere else. Answers larger
 * than a limit (16 MiB a page by default) are not read.
 *
 * <p>The HTTP exchange is done with the JDK's {@link HttpClient} and the answers are parsed with the shared
 * {@link FhirContext}'s parsers. HAPI's generic client is not used: it takes its HTTP client from the
 * FhirContext's own client factory on every request, so its timeouts and redirect policy could only be set
 * by changing the shared context (an own {@code ApacheRestfulClientFactory} is bypassed). The bearer token
 * is sent as {@code Authorization: Bearer ...}, as HAPI's {@code BearerTokenAuthInterceptor} would. One
 * instance is meant to be shared and is thread-safe.
 */
public final class FhirServerQueries implements AutoCloseable {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_SOCKET_TIMEOUT = Duration.ofSeconds(10);
    /** Pages of one search that are read at most (the first page included). */
    public static final int MAX_PAGES = 5;
    /** The largest answer (one page) read by default. */
    public static final long DEFAULT_MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    /** What came back for one prefetch key. */
    public sealed interface Outcome permits Found, NoData, Failed {
    }

    /**
     * The resource; {@code notes} say when it is incomplete (more pages than were read, or a next link that
     * was not followed), so a caller can tell a partial list from a whole one.
     */
    public record Found(Resource resource, boolean complete, List<String> notes) implements Outcome {
        public Found {
            Objects.requireNonNull(resource, "resource");
            notes = List.copyOf(notes);
        }
    }

    /** The server has nothing there (a read answered 404 Not Found or 410 Gone): no data, not a failure. */
    public record NoData(String why) implements Outcome {
    }

    /** The query could not be answered; {@code reason} is in words, fit to show to an operator. */
    public record Failed(String reason) implements Outcome {
    }

    /** The outcome of every key asked, in the order asked. */
    public record Fetched(Map<String, Outcome> outcomes) {
        public Fetched {
            outcomes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
        }

        /** The resource fetched for the key, or null (no data, failed, or not asked). */
        public Resource resource(String key) {
            return outcomes.get(key) instanceof Found f ? f.resource() : null;
        }

        /** Why the key failed, or null when it did not. */
        public String failure(String key) {
            return outcomes.get(key) instanceof Failed f ? f.reason() : null;
        }

        /** Every failed key with its reason. */
        public Map<String, String> failures() {
            Map<String, String> out = new LinkedHashMap<>();
            outcomes.forEach((k, o) -> {
                if (o instanceof Failed f) {
                    out.put(k, f.reason());
                }
            });
            return java.util.Collections.unmodifiableMap(out);
        }
    }

    /** Prefetch queries with their tokens filled, and the keys left out with the reason. */
    public record Filled(Map<String, String> queries, Map<String, String> skipped) {
        public Filled {
            queries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(queries));
            skipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\{\\{\\s*([^{}]*?)\\s*}}");
    private static final Pattern CONTEXT_TOKEN = Pattern.compile("context\\.([A-Za-z][A-Za-z0-9]*)");
    /** A read: Type/id, optionally /_history/version (FHIR ids: [A-Za-z0-9\-.]{1,64}). */
    private static final Pattern READ = Pattern.compile("([A-Z][A-Za-z]{1,63})/([A-Za-z0-9\\-.]{1,64})(/_history/[A-Za-z0-9\\-.]{1,64})?");
    /** A search: Type, optionally ?query. */
    private static final Pattern SEARCH = Pattern.compile("([A-Z][A-Za-z]{1,63})(\\?.*)?", Pattern.DOTALL);
    /** RFC 6750 b64token. */
    private static final Pattern BEARER = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final FhirContext fhir;
    private final Duration connectTimeout;
    private final Duration socketTimeout;
    private final long maxResponseBytes;
    private final HttpClient http;

    /** With the default timeouts (connect 3 s, socket 10 s). */
    public FhirServerQueries(FhirContext fhir) {
        this(fhir, DEFAULT_CONNECT_TIMEOUT, DEFAULT_SOCKET_TIMEOUT);
    }

    public FhirServerQueries(FhirContext fhir, Duration connectTimeout, Duration socketTimeout) {
        this(fhir, connectTimeout, socketTimeout, DEFAULT_MAX_RESPONSE_BYTES);
    }

    /**
     * @param socketTimeout    how long one answer may take, from sending the request to the end of the body
     * @param maxResponseBytes the largest answer (one page) that is read; a larger one is a failure
     */
    public FhirServerQueries(FhirContext fhir, Duration connectTimeout, Duration socketTimeout, long maxResponseBytes) {
        this.fhir = Objects.requireNonNull(fhir, "fhir");
        if (fhir.getVersion().getVersion() != FhirVersionEnum.R4) {
            throw new IllegalArgumentException("an R4 FhirContext is needed, got " + fhir.getVersion().getVersion());
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || socketTimeout.isNegative() || socketTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (maxResponseBytes <= 0) {
            throw new IllegalArgumentException("maxResponseBytes must be positive");
        }
        this.connectTimeout = connectTimeout;
        this.socketTimeout = socketTimeout;
        this.maxResponseBytes = maxResponseBytes;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the Authorization header elsewhere
                .build();
    }

    /**
     * Runs every query against the server, one after the other. A key whose query cannot be run gets a
     * {@link Failed}; once the server cannot be reached at all, the keys not yet asked fail with the same
     * reason without trying again.
     *
     * @param fhirServerBase the CDS Hooks {@code fhirServer} (http or https)
     * @param bearerToken    {@code fhirAuthorization.access_token}, or null to send no Authorization header
     * @param queries        prefetch key to label query, tokens already filled (see {@link #fill})
     */
    public Fetched fetch(String fhirServerBase, String bearerToken, Map<String, String> queries) {
        Map<String, Outcome> out = new LinkedHashMap<>();
        String refused = checkBase(fhirServerBase);
        if (refused == null && bearerToken != null && !BEARER.matcher(bearerToken).matches()) {
            refused = "the access token is not a bearer token (RFC 6750 characters only); nothing was sent";
        }
        if (refused != null) {
            for (String key : queries.keySet()) {
                out.put(key, new Failed(refused));
            }
            return new Fetched(out);
        }
        URI base = URI.create(stripSlash(fhirServerBase));
        String unreachable = null;
        for (Map.Entry<String, String> q : queries.entrySet()) {
            if (unreachable != null) {
                out.put(q.getKey(), new Failed(unreachable + " (not tried again)"));
                continue;
            }
            Outcome o;
            try {
                o = one(base, bearerToken, q.getValue());
            } catch (Refused e) {
                o = new Failed(e.getMessage());
            } catch (HttpConnectTimeoutException e) {
                o = new Failed(unreachable = "could not connect to " + base + " within " + words(connectTimeout));
            } catch (HttpTimeoutException e) {
                o = new Failed("timed out after " + words(socketTimeout) + " waiting for " + base);
            } catch (ConnectException e) {
                o = new Failed(unreachable = "could not connect to " + base + " (" + connectWhy(e) + ")");
            } catch (SSLException e) {
                o = new Failed(unreachable = "could not connect to " + base + " (TLS failed: " + e.getMessage() + ")");
            } catch (IOException e) {
                o = new Failed("could not talk to " + base + " (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                o = new Failed("interrupted while waiting for " + base);
            } catch (RuntimeException e) {
                o = new Failed("the query " + q.getValue() + " failed: " + e.getClass().getSimpleName());
            }
            out.put(q.getKey(), o);
        }
        return new Fetched(out);
    }

    /** A query refused, or an answer that is not usable, with the reason in words. */
    private static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private Outcome one(URI base, String token, String query) throws IOException, InterruptedException, Refused {
        if (query == null || query.isBlank()) {
            return new Failed("the query is empty");
        }
        String q = query.startsWith("/") ? query.substring(1) : query;
        Matcher read = READ.matcher(q);
        if (read.matches()) {
            String type = read.group(1);
            if (!isResourceType(type)) {
                return new Failed("the query " + query + " names no FHIR R4 resource type (" + type + ")");
            }
            Answer a = get(URI.create(base + "/" + q), token, query);
            if (a.status() == 404) {
                return new NoData("the FHIR server has no " + q + " (404)");
            }
            if (a.status() == 410) {
                return new NoData("the FHIR server answered that " + q + " was deleted (410)");
            }
            Resource r = parse(a, query);
            if (!r.fhirType().equals(type)) {
                return new Failed("not a FHIR response: asked for " + q + ", got a " + r.fhirType());
            }
            return new Found(r, true, List.of());
        }
        Matcher search = SEARCH.matcher(q);
        if (!search.matches()) {
            return new Failed("the query " + query + " is neither a read (Type/id) nor a search (Type?params)");
        }
        String type = search.group(1);
        if (!isResourceType(type)) {
            return new Failed("the query " + query + " names no FHIR R4 resource type (" + type + ")");
        }
        URI url;
        try {
            url = new URI(base + "/" + type + (search.group(2) == null ? "" : escapeIllegal(search.group(2))));
        } catch (URISyntaxException e) {
            return new Failed("the query " + query + " is not a valid URL: " + e.getReason());
        }
        Bundle first = bundle(parse(get(url, token, query), query), query);
        Bundle merged = new Bundle();
        merged.setType(Bundle.BundleType.SEARCHSET);
        if (first.hasTotal()) {
            merged.setTotal(first.getTotal());
        }
        merged.setLink(first.getLink().stream().filter(l -> "self".equals(l.getRelation())).map(Bundle.BundleLinkComponent::copy).toList());
        merged.getEntry().addAll(first.getEntry());
        List<String> notes = new ArrayList<>();
        Bundle page = first;
        int pages = 1;
        while (page.getLink(Bundle.LINK_NEXT) != null && page.getLink(Bundle.LINK_NEXT).hasUrl()) {
            String next = page.getLink(Bundle.LINK_NEXT).getUrl();
            if (pages >= MAX_PAGES) {
                notes.add("only the first " + MAX_PAGES + " pages were read; the server has more");
                break;
            }
            URI nextUri = sameServer(base, next);
            if (nextUri == null) {
                notes.add("the next-page link leaves " + base + "; it was not followed");
                break;
            }
            String label = query + " (page " + (pages + 1) + ")";
            page = bundle(parse(get(nextUri, token, label), label), label);
            merged.getEntry().addAll(page.getEntry());
            pages++;
        }
        return new Found(merged, notes.isEmpty(), notes);
    }

    private record Answer(int status, String contentType, byte[] body) {
    }

    private Answer get(URI url, String token, String label) throws IOException, InterruptedException, Refused {
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(socketTimeout)
                .header("Accept", "application/fhir+json")
                .GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 404 || status == 410) {
            response.body().close();
            return new Answer(status, "", new byte[0]);
        }
        if (status < 200 || status > 299) {
            response.body().close();
            throw new Refused("FHIR server answered " + status + " for " + label);
        }
        byte[] body;
        try (InputStream in = response.body()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxResponseBytes + 1));
        }
        if (body.length > maxResponseBytes) {
            throw new Refused("the FHIR server's answer to " + label + " is larger than " + (maxResponseBytes / (1024 * 1024))
                    + " MiB; it was not read");
        }
        return new Answer(status, response.headers().firstValue("Content-Type").orElse(""), body);
    }

    private Resource parse(Answer a, String query) throws Refused {
        String ct = a.contentType().toLowerCase(Locale.ROOT);
        IParser parser;
        if (ct.startsWith("application/fhir+json") || ct.startsWith("application/json") || ct.startsWith("application/json+fhir")) {
            parser = fhir.newJsonParser();
        } else if (ct.startsWith("application/fhir+xml") || ct.startsWith("application/xml") || ct.startsWith("application/xml+fhir")) {
            parser = fhir.newXmlParser();
        } else {
            throw new Refused("not a FHIR response: the answer to " + query + " is "
                    + (ct.isBlank() ? "without a content type" : ct.split(";")[0].trim()));
        }
        try {
            IBaseResource r = parser.parseResource(new String(a.body(), charset(ct)));
            if (r instanceof Resource resource) {
                return resource;
            }
            throw new Refused("not a FHIR response: the answer to " + query + " is not an R4 resource");
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new Refused("not a FHIR response: the answer to " + query + " could not be read as FHIR R4");
        }
    }

    private static java.nio.charset.Charset charset(String contentType) {
        Matcher m = Pattern.compile("charset=\\\"?([A-Za-z0-9_\\-]+)").matcher(contentType);
        if (m.find()) {
            try {
                return java.nio.charset.Charset.forName(m.group(1));
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Bundle bundle(Resource r, String query) throws Refused {
        if (r instanceof Bundle b) {
            return b;
        }
        throw new Refused("not a FHIR response: the search " + query + " was answered with a " + r.fhirType() + ", not a Bundle");
    }

    private static String connectWhy(ConnectException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException || root instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof java.net.NoRouteToHostException) {
            return "no route to host";
        }
        return "connection refused";
    }

    private boolean isResourceType(String type) {
        try {
            return fhir.getResourceTypes().contains(type);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Why a base URL is refused, or null when it may be queried: absolute http or https, a host, no user
     * information, no query and no fragment.
     */
    public static String checkBase(String fhirServerBase) {
        if (fhirServerBase == null || fhirServerBase.isBlank()) {
            return "no fhirServer was given";
        }
        URI uri;
        try {
            uri = new URI(fhirServerBase.trim());
        } catch (URISyntaxException e) {
            return "the fhirServer is not a valid URL: " + e.getReason();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "the fhirServer must be an http or https URL; " + (scheme.isEmpty() ? "it has no scheme" : "the scheme " + scheme + ": is refused");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            return "the fhirServer URL has no host";
        }
        if (uri.getRawUserInfo() != null) {
            return "the fhirServer URL must not carry user information";
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return "the fhirServer URL must not have a query or a fragment";
        }
        if (!fhirServerBase.equals(fhirServerBase.trim())) {
            return "the fhirServer URL has spaces around it";
        }
        return null;
    }

    /** The next-page link when it stays on the base's scheme, host, port and path; otherwise null. */
    private static URI sameServer(URI base, String link) {
        try {
            URI u = new URI(link);
            if (u.getScheme() == null || !u.getScheme().equalsIgnoreCase(base.getScheme())
                    || u.getHost() == null || !u.getHost().equalsIgnoreCase(base.getHost())
                    || port(u) != port(base) || u.getRawUserInfo() != null) {
                return null;
            }
            String basePath = base.getRawPath() == null ? "" : base.getRawPath();
            String path = u.getRawPath() == null ? "" : u.getRawPath();
            boolean under = path.equals(basePath) || path.startsWith(basePath + "/") || (basePath.isEmpty() && path.equals("/"));
            return under && !path.contains("/../") && !path.endsWith("/..") ? u : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static int port(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    static String words(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static String stripSlash(String base) {
        String b = base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        return b;
    }

    /**
     * Percent-encodes the characters a URL may not carry (spaces, {@code |}, quotes, non-ASCII...), leaving
     * every legal character and existing escapes as they are, so the server reads the query as written.
     */
    static String escapeIllegal(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && hex(s.charAt(i + 1)) && hex(s.charAt(i + 2))) {
                b.append(c);
            } else if (c < 128 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/?".indexOf(c) >= 0)) {
                b.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte x : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    b.append('%').append(String.format("%02X", x & 0xff));
                }
                i = end - 1;
            }
        }
        return b.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    /**
     * Fills the CDS Hooks prefetch tokens {@code {{context.patientId}}}, {@code {{context.userId}}},
     * {@code {{context.encounterId}}} (and any other {@code {{context.name}}} whose value is text or a
     * number) with their URL-encoded values. A template naming a token the context lacks, or a token of
     * another form, is left out with the reason.
     */
    public static Filled fill(Map<String, String> templates, Map<String, ?> context) {
        Map<String, String> queries = new LinkedHashMap<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        for (Map.Entry<String, String> t : templates.entrySet()) {
            String template = t.getValue();
            if (template == null) {
                skipped.put(t.getKey(), "the prefetch template is empty");
                continue;
            }
            Matcher m = TOKEN.matcher(template);
            StringBuilder out = new StringBuilder();
            String why = null;
            while (m.find()) {
                Matcher name = CONTEXT_TOKEN.matcher(m.group(1));
                if (!name.matches()) {
                    why = "the template names the token {{" + m.group(1) + "}}, which this service does not fill";
                    break;
                }
                Object value = context == null ? null : context.get(name.group(1));
                if (!(value instanceof CharSequence || value instanceof Number) || value.toString().isBlank()) {
                    why = "the template names {{context." + name.group(1) + "}} and the hook context has no "
                            + (value == null ? "" : "text ") + "value for " + name.group(1);
                    break;
                }
                String encoded = URLEncoder.encode(value.toString(), StandardCharsets.UTF_8).replace("+", "%20");
                m.appendReplacement(out, Matcher.quoteReplacement(encoded));
            }
            if (why != null) {
                skipped.put(t.getKey(), why);
                continue;
            }
            m.appendTail(out);
            if (out.indexOf("{{") >= 0 || out.indexOf("}}") >= 0) {
                skipped.put(t.getKey(), "the template has an unclosed or nested token");
                continue;
            }
            queries.put(t.getKey(), out.toString());
        }
        return new Filled(queries, skipped);
    }

    /** Nothing to free: the JDK HTTP client's connections are closed when idle (kept for try-with-resources). */
    @Override
    public void close() {
    }
}
