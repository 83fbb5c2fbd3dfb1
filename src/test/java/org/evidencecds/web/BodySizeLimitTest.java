package org.evidencecds.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The body limit on the bytes actually read, over real HTTP: 5 MiB for /cds-services/**, 64 KiB elsewhere,
 * whether the body is sent with a Content-Length or chunked.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds-hooks.allow-unauthenticated=true", "spring.datasource.url=jdbc:h2:mem:body-size-limit;DB_CLOSE_DELAY=-1"})
class BodySizeLimitTest {

    static final String CDS = "/cds-services/dfu-cell-therapy-evidence";
    static final String EVALUATIONS = "/api/v1/evaluations";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /** A CDS Hooks patient-view request whose prefetch is padded to about {@code bytes} bytes of JSON. */
    static byte[] cdsRequest(int bytes) {
        String head = "{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\"123\"},"
                + "\"prefetch\":{\"patient\":{\"resourceType\":\"Patient\",\"id\":\"123\",\"text\":{\"status\":\"generated\",\"div\":\"";
        String tail = "\"}}}}";
        int pad = Math.max(0, bytes - head.length() - tail.length());
        return (head + "a".repeat(pad) + tail).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] profile(int bytes) {
        String head = "{\"ulcerAreaCm2\": 12, \"pad\": \"";
        return (head + "x".repeat(Math.max(0, bytes - head.length() - 2)) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    HttpResponse<String> withLength(String path, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The JDK client sends a body of unknown length chunked (HTTP/1.1). */
    HttpResponse<String> chunked(String path, byte[] body) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    static void assertTooLarge(HttpResponse<String> r, String size) {
        assertEquals(413, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"), r.headers().toString());
        assertTrue(r.body().contains("\"title\":\"Payload too large\""), r.body());
        assertTrue(r.body().contains("larger than " + size), r.body());
    }

    @Test
    void aCdsHooksRequestOf204KiBIsAcceptedWithAContentLengthOrChunked() throws Exception {
        byte[] body = cdsRequest(204 * 1024);
        HttpResponse<String> sized = withLength(CDS, body);
        assertNotEquals(413, sized.statusCode(), sized.body());
        HttpResponse<String> chunked = chunked(CDS, body);
        assertNotEquals(413, chunked.statusCode(), chunked.body());
        assertEquals(sized.statusCode(), chunked.statusCode(), "the same body gets the same answer however it is sent");
    }

    @Test
    void aChunkedCdsHooksRequestOver5MiBIsRefused() throws Exception {
        HttpResponse<String> r = chunked(CDS, cdsRequest(6 * 1024 * 1024));
        assertTooLarge(r, "5 MiB");
        assertTrue(r.body().contains("/cds-services/**"), r.body());
    }

    @Test
    void elsewhere64KiBIsTheLimitWhateverTheHeadersSay() throws Exception {
        byte[] body = profile(100 * 1024);
        assertTooLarge(chunked(EVALUATIONS, body), "64 KiB");
        assertTooLarge(withLength(EVALUATIONS, body), "64 KiB");
    }

    @Test
    void aSmallProfileIsStillEvaluated() throws Exception {
        HttpResponse<String> r = withLength(EVALUATIONS, "{\"ulcerAreaCm2\": 12}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("\"knowledgeVersion\""), r.body());
        HttpResponse<String> c = chunked(EVALUATIONS, "{\"ulcerAreaCm2\": 12}".getBytes(StandardCharsets.UTF_8));
        assertEquals(200, c.statusCode(), c.body());
    }

    /**
     * Reading a body with a declared length: exactly that many bytes when the stream ends there (as the container
     * makes it), what there is when the client sent less, and, from a stream that goes on past the declared
     * length, up to one byte past the limit (so the limit holds whatever the header said).
     */
    @Test
    void aBodyWithADeclaredLengthIsReadToTheLimitWhateverFollows() throws Exception {
        byte[] ten = "0123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals("0123456789", ascii(BodySizeLimit.read(new ByteArrayInputStream(ten), 10, 64)));
        assertEquals("0123456789", ascii(BodySizeLimit.read(new ByteArrayInputStream(ten), 12, 64)));
        assertEquals("", ascii(BodySizeLimit.read(new ByteArrayInputStream(new byte[0]), 0, 64)));
        byte[] many = new byte[100];
        java.util.Arrays.fill(many, (byte) 'x');
        assertEquals(65, BodySizeLimit.read(new ByteArrayInputStream(many), 10, 64).length);
        assertEquals(30, BodySizeLimit.read(new ByteArrayInputStream(many, 0, 30), 10, 64).length);
        assertEquals("0123456789", ascii(BodySizeLimit.read(new ByteArrayInputStream(ten), -1, 64)));
        assertEquals(65, BodySizeLimit.read(new ByteArrayInputStream(many), -1, 64).length);
        // a large declared length is read as the bytes come, to the end of the stream or one past the limit
        int large = BodySizeLimit.EXACT_READ_BYTES + 1;
        assertEquals(30, BodySizeLimit.read(new ByteArrayInputStream(many, 0, 30), large, 2 * large).length);
        assertEquals(large, BodySizeLimit.read(new ByteArrayInputStream(new byte[large]), large, 2 * large).length);
        assertEquals(2 * large + 1, BodySizeLimit.read(new ByteArrayInputStream(new byte[3 * large]), large, 2 * large).length);
    }

    private static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** Chunked encoding written by hand, so there is no doubt the server saw no Content-Length. */
    @Test
    void aHandWrittenChunkedBodyOverTheLimitIsRefusedAndOneWithinIsRead() throws Exception {
        assertTrue(rawChunked(EVALUATIONS, profile(100 * 1024)).startsWith("HTTP/1.1 413"));
        String ok = rawChunked(EVALUATIONS, "{\"ulcerAreaCm2\": 12}".getBytes(StandardCharsets.UTF_8));
        assertTrue(ok.startsWith("HTTP/1.1 200"), ok.lines().findFirst().orElse(""));
    }

    String rawChunked(String path, byte[] body) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < body.length; i += 4096) {
                int n = Math.min(4096, body.length - i);
                out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body, i, n);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
