package org.evidencecds.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over a limit with 413 problem+json: 5 MiB for {@code /cds-services/**} (a CDS Hooks
 * request carries prefetched FHIR resources), 64 KiB for everything else (a profile is a few hundred bytes).
 *
 * <p>The limit applies to the bytes actually read, whatever the headers say: a body sent chunked, or with a
 * Content-Length smaller than what follows, is read here up to one byte past the limit. A body within the
 * limit is passed on in memory (the request's input stream and reader replay it, and its length is the real
 * one); a body over it is answered 413 without calling the rest of the chain. A declared Content-Length over
 * the limit is answered 413 at once, without reading.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

    static final long MAX_BYTES = 64 * 1024;
    static final long CDS_HOOKS_MAX_BYTES = 5 * 1024 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean cdsHooks = isCdsHooks(request);
        long limit = cdsHooks ? CDS_HOOKS_MAX_BYTES : MAX_BYTES;
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit, cdsHooks);
            return;
        }
        if (!hasBody(request, declared)) {
            chain.doFilter(request, response);
            return;
        }
        // not closed: the container swallows (or drops) whatever is left of a body over the limit
        byte[] body = read(request.getInputStream(), declared, limit);
        if (body.length > limit) {
            tooLarge(response, limit, cdsHooks);
            return;
        }
        chain.doFilter(new Buffered(request, body), response);
    }

    /**
     * A declared length up to this is read into an array of exactly that length; a larger one, as a body without
     * a length, in chunks as the bytes arrive, so that a client declaring megabytes it never sends does not get
     * them allocated at once.
     */
    static final int EXACT_READ_BYTES = 8 * 1024;

    /**
     * The body, up to one byte past the limit. A small declared length is read into an array of that length (a
     * profile is a few hundred bytes, and {@code readNBytes(limit + 1)} reads into 8 KB chunks), and whatever
     * follows it, if the stream does not end there, is read on to one byte past the limit.
     */
    static byte[] read(InputStream in, long declared, long limit) throws IOException {
        if (declared < 0 || declared > EXACT_READ_BYTES) {
            return in.readNBytes((int) limit + 1);
        }
        byte[] body = in.readNBytes((int) declared);
        int next = body.length < declared ? -1 : in.read();
        if (next < 0) {
            return body; // the declared length, or less if the client stopped early
        }
        byte[] rest = in.readNBytes((int) (limit - declared)); // with the byte just read: one past the limit at most
        byte[] all = java.util.Arrays.copyOf(body, body.length + 1 + rest.length);
        all[body.length] = (byte) next;
        System.arraycopy(rest, 0, all, body.length + 1, rest.length);
        return all;
    }

    /** The CDS Hooks endpoints, by the path the container decoded and normalised (not the raw URI). */
    static boolean isCdsHooks(HttpServletRequest request) {
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return path.equals("/cds-services") || path.startsWith("/cds-services/");
    }

    private static boolean hasBody(HttpServletRequest request, long declared) {
        String method = request.getMethod().toUpperCase(Locale.ROOT);
        return declared > 0 || request.getHeader("Transfer-Encoding") != null
                || method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }

    private static void tooLarge(HttpServletResponse response, long limit, boolean cdsHooks) throws IOException {
        response.setStatus(413);
        response.setContentType("application/problem+json");
        response.setCharacterEncoding("UTF-8");
        String size = limit % (1024 * 1024) == 0 ? (limit / (1024 * 1024)) + " MiB" : (limit / 1024) + " KiB";
        String family = cdsHooks ? "the CDS Hooks services (/cds-services/**)" : "this endpoint (everything outside /cds-services/**)";
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Payload too large\",\"status\":413,"
                + "\"detail\":\"the request body is larger than " + size + ", the most accepted by " + family + "\"}");
    }

    /** The request with its body read into memory. */
    static final class Buffered extends HttpServletRequestWrapper {

        private final byte[] body;
        private Map<String, String[]> parameters;

        Buffered(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    try {
                        listener.onDataAvailable();
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset()));
        }

        private Charset charset() {
            String encoding = getCharacterEncoding();
            try {
                return encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            } catch (RuntimeException e) {
                return StandardCharsets.UTF_8;
            }
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }

        @Override
        public String getHeader(String name) {
            return "content-length".equalsIgnoreCase(name) ? String.valueOf(body.length) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return "content-length".equalsIgnoreCase(name) ? Collections.enumeration(List.of(String.valueOf(body.length)))
                    : super.getHeaders(name);
        }

        // A form body was read here, so the container can no longer parse it: the parameters are read from
        // the query string and the buffered body. (No endpoint takes forms today; this keeps them working.)

        @Override
        public String getParameter(String name) {
            String[] values = parameters().get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters();
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters().keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            return parameters().get(name);
        }

        private synchronized Map<String, String[]> parameters() {
            if (parameters == null) {
                String type = getContentType() == null ? "" : getContentType().toLowerCase(Locale.ROOT);
                if (!type.startsWith("application/x-www-form-urlencoded")) {
                    parameters = super.getParameterMap();
                } else {
                    Map<String, List<String>> all = new LinkedHashMap<>();
                    add(all, getQueryString(), StandardCharsets.UTF_8);
                    add(all, new String(body, charset()), charset());
                    Map<String, String[]> out = new LinkedHashMap<>();
                    all.forEach((k, v) -> out.put(k, v.toArray(String[]::new)));
                    parameters = Collections.unmodifiableMap(out);
                }
            }
            return parameters;
        }

        private static void add(Map<String, List<String>> into, String form, Charset charset) {
            if (form == null || form.isEmpty()) {
                return;
            }
            for (String pair : form.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                try {
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), charset);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), charset);
                    into.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(value);
                } catch (IllegalArgumentException e) {
                    // a malformed pair is left out, as the container would
                }
            }
        }
    }
}
