package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Fuzzing the endpoints that take a body over real HTTP, with a fixed seed (the same bodies every run):
 * mutations of valid bodies (evaluations, screenings, CDS Hooks requests from the test resources, feedback),
 * wrong types, huge numbers, duplicate keys, deep nesting, invalid UTF-8, random bytes, a few dozen oversized
 * bodies, a fifth of everything sent chunked, and random X-Request-Id headers. Every answer must be below 500;
 * every error must be problem+json with a title and its status, and small (a value is never echoed in full).
 * The counts, the time and the heap are printed for the record.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds-hooks.allow-unauthenticated=true", "spring.datasource.url=jdbc:h2:mem:input-hardening;DB_CLOSE_DELAY=-1"})
class RequestFuzzTest {

    static final long SEED = 20_261_129L;
    /** Bodies sent (besides the oversized ones and the page queries); -Dfuzz.bodies=N for a longer or shorter run. */
    static final int BODIES = Integer.getInteger("fuzz.bodies", 10_000);
    static final String EVALUATIONS = "/api/v1/evaluations";
    static final String SCREENINGS = "/api/v1/screenings";
    static final String CDS = "/cds-services/dfu-cell-therapy-evidence";
    static final String FEEDBACK = CDS + "/feedback";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The largest error answer accepted: the longest refusals (every unknown field named) are a few KB. */
    static final int MAX_ERROR_BYTES = 32 * 1024;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    /** One request to send. */
    record Case(String kind, String method, String path, byte[] body, boolean chunked, String requestId) {
    }

    /** What came back (status -1: the connection was closed before an answer). */
    record Outcome(Case c, int status, String contentType, String body, long nanos) {
    }

    // ------------------------------------------------------------------ the bodies

    static final String[] PROFILES = {
            "{\"ulcerAreaCm2\": 12, \"diabetesDurationYears\": 6, \"ulcerDurationDays\": 250}",
            "{\"ulcerAreaCm2\": 3, \"diabetesType\": \"type-2\", \"ageYears\": 61, \"abi\": 0.9}",
            "{\"hba1cPercent\": 8.1, \"diabetesType\": \"type-1\", \"fastingCPeptideNmolL\": 0.2, \"insulinDoseUnitsPerDay\": 40}",
            "{\"footUlcer\": \"yes\", \"wagnerGrade\": 2, \"tcpo2MmHg\": 35, \"ulcerAreaCm2\": \"4.5\"}",
            "{}",
    };

    static final String[] TOKENS = {
            "NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "0x1p3", "\"0x1p3\"", "\"12d\"", "\"NaN\"", "-0", "01", "1.", ".5", "+1",
            "null", "true", "false", "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\ud800", "\"\\u0000\"", "'x'", "undefined",
            "{\"ulcerAreaCm2\":1}", "\"ulcerAreaCm2\":", "\"diabetesType\":", "\"hookInstance\":", "\"card\":", "\"feedback\":",
            "\"prefetch\":", "\"resourceType\":", "\"valueQuantity\":", "[[[[[[[[[[", "]]]]]]]]]]", "/*c*/", "#", "\u00e9", "\ud83d\ude00",
            "99999999999999999999999999999999999999", "-9223372036854775809", "1e308", "4.9e-324",
    };

    static final String[] STRINGS = {
            "", " ", "0x1p3", "12d", "12f", "NaN", "Infinity", "1e400", "type-2", "TYPE-2", "yes", "no", "  12  ", "1_000", "٣",
            "a\u0000b", "\ud800", "<script>alert(1)</script>", "../../etc/passwd", "' OR 1=1 --", "%00", "\r\nX-Injected: 1",
            "2026-11-29T12:05:00Z", "2026-13-45T99:99:99Z", "Patient/1288992", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
    };

    final List<String> cdsSeeds = new ArrayList<>();
    final List<String> bigCdsSeeds = new ArrayList<>();

    void loadSeeds() throws IOException {
        cdsSeeds.add(Files.readString(Path.of("src/test/resources/cds-hooks/patient-view-request.json")));
        cdsSeeds.add(Files.readString(Path.of("src/test/resources/cds-hooks/t2dm-request.json")));
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/fhir/ehr"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                (Files.size(p) > 100_000 ? bigCdsSeeds : cdsSeeds).add(Files.readString(p));
            }
        }
    }

    static String screening(Random r) {
        return "{\"trial\": \"" + (r.nextInt(4) == 0 ? "NCT04569409" : "NCT06003530") + "\", \"profile\": " + PROFILES[r.nextInt(PROFILES.length)] + "}";
    }

    static String feedback(Random r) {
        String outcome = r.nextBoolean() ? "\"accepted\",\"acceptedSuggestions\":[{\"id\":\"s1\"}]"
                : "\"overridden\",\"overrideReason\":{\"reason\":{\"code\":\"not-applicable\",\"system\":\"http://example.org\"},\"userComment\":\"c\"}";
        return "{\"feedback\":[{\"card\":\"" + new java.util.UUID(r.nextLong(), r.nextLong()) + "\",\"outcome\":" + outcome
                + ",\"outcomeTimestamp\":\"2026-11-29T12:05:00Z\"}]}";
    }

    String seed(String path, Random r) {
        return switch (path) {
            case EVALUATIONS -> PROFILES[r.nextInt(PROFILES.length)];
            case SCREENINGS -> screening(r);
            case FEEDBACK -> feedback(r);
            default -> r.nextInt(200) == 0 && !bigCdsSeeds.isEmpty() ? bigCdsSeeds.get(r.nextInt(bigCdsSeeds.size()))
                    : cdsSeeds.get(r.nextInt(cdsSeeds.size()));
        };
    }

    static String path(Random r) {
        int p = r.nextInt(20);
        return p < 7 ? EVALUATIONS : p < 11 ? SCREENINGS : p < 16 ? CDS : FEEDBACK;
    }

    /** Byte-level mutations: flips, deletions, insertions of tokens and of bytes that are not UTF-8, truncation. */
    static byte[] mutateBytes(byte[] in, Random r) {
        List<Byte> b = new ArrayList<>(in.length + 64);
        for (byte x : in) {
            b.add(x);
        }
        int ops = 1 + r.nextInt(4);
        for (int i = 0; i < ops; i++) {
            int at = b.isEmpty() ? 0 : r.nextInt(b.size());
            switch (r.nextInt(7)) {
                case 0 -> {
                    if (!b.isEmpty()) {
                        b.set(at, (byte) r.nextInt(256));
                    }
                }
                case 1 -> {
                    int n = Math.min(b.size() - at, 1 + r.nextInt(20));
                    for (int k = 0; k < n; k++) {
                        b.remove(at);
                    }
                }
                case 2, 3 -> {
                    byte[] t = TOKENS[r.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8);
                    for (int k = t.length - 1; k >= 0; k--) {
                        b.add(at, t[k]);
                    }
                }
                case 4 -> {
                    // bytes that are never valid UTF-8, or a sequence cut short
                    byte[][] bad = {{(byte) 0x80}, {(byte) 0xC3, (byte) 0x28}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF5}, {(byte) 0xFF},
                            {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {0}};
                    byte[] t = bad[r.nextInt(bad.length)];
                    for (int k = t.length - 1; k >= 0; k--) {
                        b.add(at, t[k]);
                    }
                }
                case 5 -> {
                    int n = Math.min(b.size() - at, 1 + r.nextInt(40));
                    List<Byte> copy = new ArrayList<>(b.subList(at, at + n));
                    b.addAll(at, copy);
                }
                default -> {
                    while (b.size() > at) {
                        b.remove(b.size() - 1);
                    }
                }
            }
        }
        byte[] out = new byte[b.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = b.get(i);
        }
        return out;
    }

    /** A random JSON value: wrong types, huge and odd numbers, odd text, small arrays and objects. */
    static JsonNode value(Random r, int depth) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        switch (r.nextInt(depth > 2 ? 6 : 8)) {
            case 0:
                return f.numberNode(r.nextInt(2001) - 1000);
            case 1:
                return switch (r.nextInt(5)) {
                    case 0 -> f.numberNode(new BigInteger("9".repeat(1 + r.nextInt(1200))));
                    case 1 -> f.numberNode(r.nextDouble() * 1e6);
                    case 2 -> f.numberNode(Long.MIN_VALUE);
                    case 3 -> f.numberNode(new java.math.BigDecimal("1e" + (r.nextInt(800) - 400)));
                    default -> f.numberNode(-0.0);
                };
            case 2:
                return f.textNode(STRINGS[r.nextInt(STRINGS.length)]);
            case 3:
                return f.textNode("x".repeat(r.nextInt(r.nextBoolean() ? 100 : 20_000)));
            case 4:
                return f.booleanNode(r.nextBoolean());
            case 5:
                return f.nullNode();
            case 6: {
                ArrayNode a = f.arrayNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    a.add(value(r, depth + 1));
                }
                return a;
            }
            default: {
                ObjectNode o = f.objectNode();
                for (int i = r.nextInt(4); i > 0; i--) {
                    o.set(r.nextBoolean() ? STRINGS[r.nextInt(STRINGS.length)] : "ulcerAreaCm2", value(r, depth + 1));
                }
                return o;
            }
        }
    }

    /** Structural mutations: a node replaced by a value of another type, removed, or a key repeated. */
    static String mutateTree(String seed, Random r) throws IOException {
        JsonNode root = JSON.readTree(seed);
        List<JsonNode> containers = new ArrayList<>();
        collect(root, containers);
        int ops = 1 + r.nextInt(3);
        for (int i = 0; i < ops && !containers.isEmpty(); i++) {
            JsonNode c = containers.get(r.nextInt(containers.size()));
            if (c instanceof ObjectNode o && o.size() > 0) {
                List<String> names = new ArrayList<>();
                o.fieldNames().forEachRemaining(names::add);
                String name = names.get(r.nextInt(names.size()));
                if (r.nextInt(5) == 0) {
                    o.remove(name);
                } else {
                    o.set(name, value(r, 0));
                }
            } else if (c instanceof ArrayNode a && a.size() > 0) {
                a.set(r.nextInt(a.size()), value(r, 0));
            }
        }
        String text = JSON.writeValueAsString(root);
        if (r.nextInt(4) == 0) {
            // a key twice: "k": <value> inserted before an existing "k":
            List<Integer> keys = new ArrayList<>();
            for (int i = text.indexOf("\":"); i >= 0; i = text.indexOf("\":", i + 1)) {
                keys.add(i);
            }
            if (!keys.isEmpty()) {
                int end = keys.get(r.nextInt(keys.size()));
                int start = text.lastIndexOf('"', end - 1);
                if (start > 0) {
                    String key = text.substring(start, end + 2);
                    text = text.substring(0, start) + key + JSON.writeValueAsString(value(r, 2)) + "," + text.substring(start);
                }
            }
        }
        return text;
    }

    static void collect(JsonNode n, List<JsonNode> out) {
        if (n.isContainerNode()) {
            out.add(n);
            n.forEach(x -> collect(x, out));
        }
    }

    /** Bodies that are not a mutation of anything: deep nesting, random bytes, encodings, empty. */
    static byte[] generated(Random r) {
        switch (r.nextInt(10)) {
            case 0, 1, 2: {
                int depth = r.nextBoolean() ? 990 + r.nextInt(20) : 1 + r.nextInt(10_000);
                boolean arrays = r.nextBoolean();
                String open = arrays ? "[" : "{\"a\":";
                String close = arrays ? "]" : "}";
                String inner = r.nextBoolean() ? "" : "1";
                String body = "{\"ulcerAreaCm2\":" + open.repeat(depth) + (arrays ? inner : "1") + close.repeat(r.nextInt(3) == 0 ? depth / 2 : depth) + "}";
                return body.getBytes(StandardCharsets.UTF_8);
            }
            case 3: {
                byte[] b = new byte[r.nextInt(2_000)];
                r.nextBytes(b);
                return b;
            }
            case 4:
                return PROFILES[r.nextInt(PROFILES.length)].getBytes(r.nextBoolean() ? StandardCharsets.UTF_16BE : StandardCharsets.UTF_16LE);
            case 5: {
                byte[] body = PROFILES[0].getBytes(StandardCharsets.UTF_8);
                byte[][] boms = {{(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, {(byte) 0xFE, (byte) 0xFF}, {(byte) 0xFF, (byte) 0xFE},
                        {0, 0, (byte) 0xFE, (byte) 0xFF}, {0, 0, 0}, {0}};
                byte[] bom = boms[r.nextInt(boms.length)];
                byte[] out = new byte[bom.length + body.length];
                System.arraycopy(bom, 0, out, 0, bom.length);
                System.arraycopy(body, 0, out, bom.length, body.length);
                return out;
            }
            case 6:
                return new byte[][] {{}, " ".getBytes(), "\n\t".getBytes(), "null".getBytes(), "\"\"".getBytes(), "[]".getBytes(), "0".getBytes(),
                        "{}{}".getBytes(), "{\"a\":1}garbage".getBytes()}[r.nextInt(9)];
            case 7:
                return ("{\"ulcerAreaCm2\": " + TOKENS[r.nextInt(TOKENS.length)] + "}").getBytes(StandardCharsets.UTF_8);
            default: {
                try {
                    return JSON.writeValueAsBytes(value(r, 0));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    static String requestId(Random r) {
        return switch (r.nextInt(20)) {
            case 0 -> "r".repeat(100);
            case 1 -> "r".repeat(101 + r.nextInt(4_000));
            case 2 -> "";
            case 3 -> "a b";
            case 4 -> "<id>";
            case 5 -> "\u00e9t\u00e9";
            case 6, 7, 8, 9 -> new java.util.UUID(r.nextLong(), r.nextLong()).toString();
            default -> null;
        };
    }

    List<Case> cases(Random r) throws IOException {
        List<Case> out = new ArrayList<>();
        for (int i = 0; i < BODIES; i++) {
            String path = path(r);
            int kind = r.nextInt(100);
            byte[] body;
            String name;
            if (kind < 45) {
                name = "bytes";
                body = mutateBytes(seed(path, r).getBytes(StandardCharsets.UTF_8), r);
            } else if (kind < 75) {
                name = "tree";
                body = mutateTree(seed(path, r), r).getBytes(StandardCharsets.UTF_8);
            } else if (kind < 80) {
                name = "valid";
                body = seed(path, r).getBytes(StandardCharsets.UTF_8);
            } else {
                name = "generated";
                body = generated(r);
            }
            String id = path.startsWith("/api") && r.nextInt(4) == 0 ? requestId(r) : null;
            out.add(new Case(name, "POST", path, body, r.nextInt(5) == 0, id));
        }
        // a few dozen oversized bodies, with a Content-Length and chunked
        for (int i = 0; i < 30; i++) {
            boolean cds = i % 2 == 0;
            int size = cds ? 5 * 1024 * 1024 + 1 + r.nextInt(3 * 1024 * 1024) : 64 * 1024 + 1 + r.nextInt(1024 * 1024);
            byte[] body = cds ? BodySizeLimitTest.cdsRequest(size) : BodySizeLimitTest.profile(size);
            out.add(new Case("oversized", "POST", cds ? (i % 4 == 0 ? CDS : FEEDBACK) : (i % 3 == 0 ? SCREENINGS : EVALUATIONS), body, i % 3 != 0, null));
        }
        // the pages' query parameters
        String[] fields = {"ulcerAreaCm2", "diabetesType", "ageYears", "trial", "pack", "footUlcer", "hba1cPercent", "nope"};
        for (int i = 0; i < 200; i++) {
            StringBuilder q = new StringBuilder(r.nextBoolean() ? "/embed?" : "/?");
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                String v = r.nextInt(3) == 0 ? TOKENS[r.nextInt(TOKENS.length)] : STRINGS[r.nextInt(STRINGS.length)];
                if (r.nextInt(10) == 0) {
                    v = v + "v".repeat(3_000);
                }
                q.append(fields[r.nextInt(fields.length)]).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&');
            }
            out.add(new Case("query", "GET", q.toString(), null, false, null));
        }
        // shuffled with the same seed, so the oversized bodies are spread among the rest
        java.util.Collections.shuffle(out, r);
        return out;
    }

    // ------------------------------------------------------------------ sending

    Outcome send(Case c) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + c.path())).timeout(Duration.ofSeconds(60));
        if (c.method().equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json");
            b.POST(c.chunked() ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(c.body()))
                    : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        }
        if (c.requestId() != null) {
            try {
                b.header("X-Request-Id", c.requestId());
            } catch (IllegalArgumentException e) {
                // a value the client will not send (e.g. empty): sent without the header
            }
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Outcome(c, r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), System.nanoTime() - start);
        } catch (IOException e) {
            return new Outcome(c, -1, "", String.valueOf(e), System.nanoTime() - start);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(c, -1, "", "interrupted", System.nanoTime() - start);
        }
    }

    /** What is wrong with the answer, or null. */
    static String check(Outcome o) {
        if (o.status() >= 500) {
            return "status " + o.status();
        }
        if (o.status() == -1) {
            // the server may close the connection after answering 413 to a large body still being sent
            return o.c().kind().equals("oversized") ? null : "no answer: " + o.body();
        }
        if (o.status() >= 400) {
            if (o.c().method().equals("GET") && o.contentType().startsWith("text/html")) {
                return o.body().length() > 200_000 ? "an HTML error page of " + o.body().length() + " characters" : null;
            }
            if (!o.contentType().startsWith("application/problem+json")) {
                return "error as " + o.contentType();
            }
            if (o.body().length() > MAX_ERROR_BYTES) {
                return "error of " + o.body().length() + " characters";
            }
            try {
                JsonNode p = JSON.readTree(o.body());
                if (p.path("title").asText().isBlank() || p.path("status").asInt() != o.status()) {
                    return "problem without a title or with another status";
                }
            } catch (IOException e) {
                return "problem that is not JSON";
            }
        }
        return null;
    }

    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static List<MemoryPoolMXBean> heapPools() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
    }

    static long peakHeap() {
        return heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }

    List<Outcome> sendAll(List<Case> cases, int threads) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Case c : cases) {
                futures.add(pool.submit(() -> send(c)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : futures) {
                out.add(f.get(5, TimeUnit.MINUTES));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static String report(List<Outcome> outcomes, List<String> failures) {
        Map<String, Map<Integer, Integer>> byPath = new TreeMap<>();
        Map<String, Long> nanos = new TreeMap<>();
        Map<String, Long> kindNanos = new TreeMap<>();
        Map<Integer, Integer> all = new TreeMap<>();
        for (Outcome o : outcomes) {
            String p = o.c().method().equals("GET") ? o.c().path().substring(0, o.c().path().indexOf('?')) + "?…" : o.c().path();
            byPath.computeIfAbsent(p, k -> new TreeMap<>()).merge(o.status(), 1, Integer::sum);
            nanos.merge(p, o.nanos(), Long::sum);
            kindNanos.merge(o.c().kind(), o.nanos(), Long::sum);
            all.merge(o.status(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder("statuses " + all + "\n");
        byPath.forEach((p, m) -> b.append("  ").append(p).append(' ').append(m).append(", ")
                .append(nanos.get(p) / 1_000_000).append(" ms in all\n"));
        b.append("  ms by kind of body ");
        kindNanos.forEach((k, n) -> b.append(k).append('=').append(n / 1_000_000).append(' '));
        b.append('\n');
        failures.stream().limit(15).forEach(f -> b.append("  FAILED ").append(f).append('\n'));
        return b.toString();
    }

    // ------------------------------------------------------------------ the tests

    @Test
    void tenThousandFuzzedBodiesGetNo500AndEveryErrorIsAProblem() throws Exception {
        loadSeeds();
        long made = System.nanoTime();
        List<Case> cases = cases(new Random(SEED));
        made = (System.nanoTime() - made) / 1_000_000;
        send(new Case("warm-up", "POST", EVALUATIONS, PROFILES[0].getBytes(StandardCharsets.UTF_8), false, null));
        long before = heapUsedAfterGc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        List<Outcome> outcomes = sendAll(cases, 4);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = peakHeap();
        long after = heapUsedAfterGc();

        List<String> failures = new ArrayList<>();
        for (Outcome o : outcomes) {
            String wrong = check(o);
            if (wrong != null) {
                String shown = new String(o.c().body() == null ? new byte[0] : o.c().body(), StandardCharsets.UTF_8);
                failures.add(wrong + " for " + o.c().kind() + " " + o.c().method() + " " + o.c().path() + (o.c().chunked() ? " (chunked)" : "")
                        + " body " + shown.substring(0, Math.min(160, shown.length())).replaceAll("\\s+", " ") + " → "
                        + o.body().substring(0, Math.min(300, o.body().length())));
            }
        }
        long bodies = cases.stream().filter(c -> c.body() != null).count();
        long bytes = cases.stream().filter(c -> c.body() != null).mapToLong(c -> c.body().length).sum();
        long chunked = cases.stream().filter(Case::chunked).count();
        String summary = "FUZZ seed " + SEED + ": " + bodies + " bodies (" + chunked + " chunked, " + (bytes / (1024 * 1024)) + " MiB) and "
                + (cases.size() - bodies) + " page queries (made in " + made + " ms) sent in " + millis + " ms; heap used after GC " + (before >> 20) + " MiB before, "
                + (after >> 20) + " MiB after, peak " + (peak >> 20) + " MiB (max " + (Runtime.getRuntime().maxMemory() >> 20) + " MiB)\n"
                + report(outcomes, failures);
        System.out.println(summary);
        assertThat(bodies).isGreaterThanOrEqualTo(BODIES);
        assertThat(failures).as(summary).isEmpty();
        // what the run leaves behind is mostly the in-memory audit log (one row per answered request)
        assertThat(after - before).as("heap retained by the run").isLessThan(512L * 1024 * 1024);
    }

    /** The scenario of issue 13: 32 parallel 19 MB bodies sent chunked are refused with 413, not a 500 or an OutOfMemoryError. */
    @Test
    void thirtyTwoParallel19MBChunkedBodiesAre413() throws Exception {
        byte[] cds = BodySizeLimitTest.cdsRequest(19 * 1000 * 1000);
        byte[] profile = BodySizeLimitTest.profile(19 * 1000 * 1000);
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            cases.add(new Case("oversized", "POST", i % 2 == 0 ? CDS : EVALUATIONS, i % 2 == 0 ? cds : profile, true, null));
        }
        long before = heapUsedAfterGc();
        heapPools().forEach(MemoryPoolMXBean::resetPeakUsage);
        long start = System.nanoTime();
        List<Outcome> outcomes = sendAll(cases, 32);
        long millis = (System.nanoTime() - start) / 1_000_000;
        long peak = peakHeap();
        long after = heapUsedAfterGc();
        Map<Integer, Integer> statuses = new TreeMap<>();
        outcomes.forEach(o -> statuses.merge(o.status(), 1, Integer::sum));
        System.out.println("FUZZ 32 parallel chunked 19 MB bodies: statuses " + statuses + " in " + millis + " ms; heap used after GC "
                + (before >> 20) + " MiB before, " + (after >> 20) + " MiB after, peak " + (peak >> 20) + " MiB");
        for (Outcome o : outcomes) {
            assertThat(o.status()).as(o.body()).isIn(413, -1);
            if (o.status() == 413) {
                assertThat(check(o)).isNull();
            }
        }
        assertThat(statuses.getOrDefault(413, 0)).as("answered 413 (the rest: connection closed while sending)").isGreaterThan(0);
    }
}
