package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13, items 2-4, over real HTTP: a bad value is quoted by a short prefix only; a client's request id
 * (X-Request-Id, hookInstance, feedback card) is 1-100 characters of [A-Za-z0-9._:-] or a 400 naming it;
 * a key twice in an object is a 400 naming the key; numbers are JSON numbers or plain decimal text; the
 * parser's own words (its settings, its classes) are never passed on.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"cds-hooks.allow-unauthenticated=true", "spring.datasource.url=jdbc:h2:mem:input-hardening;DB_CLOSE_DELAY=-1"})
class InputHardeningTest {

    static final String EVALUATIONS = "/api/v1/evaluations";
    static final String SCREENINGS = "/api/v1/screenings";
    static final String CDS = "/cds-services/dfu-cell-therapy-evidence";
    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    HttpResponse<String> post(String path, String body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(60)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A 400 problem+json whose errors name {@code field}; returns the first such error's reason. */
    static String problem(HttpResponse<String> r, int status, String field) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        for (JsonNode e : body.path("errors")) {
            if (e.path("field").asText().equals(field)) {
                return e.path("reason").asText();
            }
        }
        throw new AssertionError("no error on " + field + " in " + r.body());
    }

    static String cdsRequest(String hookInstance) throws Exception {
        String request = Files.readString(Path.of("src/test/resources/cds-hooks/patient-view-request.json"));
        return request.replace("d1577c69-dfbe-44ad-ba6d-3e05e953b2ea", hookInstance);
    }

    // --- 1. a bad value is quoted by its first 40 characters and its length, never in full

    @Test
    void aLongBadCategoryIsQuotedByAShortPrefix() throws Exception {
        String value = "y".repeat(60_000);
        HttpResponse<String> r = post(EVALUATIONS, "{\"diabetesType\": \"" + value + "\"}");
        String reason = problem(r, 400, "diabetesType");
        assertThat(reason).isEqualTo("must be one of type-1, type-2, other, got \"" + "y".repeat(40) + "…\" (60000 characters)");
        assertThat(r.body().length()).as("the reply").isLessThan(2_000);
    }

    @Test
    void longUnknownKeysTrialIdsAndCdsValuesAreCutToo() throws Exception {
        String key = "k".repeat(50_000);
        HttpResponse<String> unknown = post(EVALUATIONS, "{\"" + key + "\": 1}");
        problem(unknown, 400, "k".repeat(40) + "… (50000 characters)");
        assertThat(unknown.body().length()).isLessThan(2_000);

        String shorter = "k".repeat(30_000);
        HttpResponse<String> screeningKey = post(SCREENINGS, "{\"trial\": \"NCT06003530\", \"" + shorter + "\": 1, \"profile\": {\"" + shorter + "\": 1}}");
        problem(screeningKey, 400, "k".repeat(40) + "… (30000 characters)");
        problem(screeningKey, 400, "profile." + "k".repeat(40) + "… (30000 characters)");
        assertThat(screeningKey.body().length()).isLessThan(3_000);

        HttpResponse<String> trial = post(SCREENINGS, "{\"trial\": \"" + "T".repeat(50_000) + "\", \"profile\": {}}");
        assertThat(trial.statusCode()).isEqualTo(404);
        assertThat(trial.body()).contains("'" + "T".repeat(40) + "…'").hasSizeLessThan(2_000);

        HttpResponse<String> hook = post(CDS, cdsRequest(UUID.randomUUID().toString()).replace("\"patient-view\"", "\"" + "h".repeat(1_000_000) + "\""));
        assertThat(problem(hook, 400, "hook")).endsWith("\"" + "h".repeat(40) + "…\" (1000000 characters)");
        assertThat(hook.body().length()).isLessThan(2_000);

        String outcome = "{\"feedback\":[{\"card\":\"" + UUID.randomUUID() + "\",\"outcome\":\"" + "o".repeat(1_000_000)
                + "\",\"outcomeTimestamp\":\"" + "t".repeat(1_000_000) + "\"}]}";
        HttpResponse<String> feedback = post(CDS + "/feedback", outcome);
        assertThat(problem(feedback, 400, "feedback[0].outcome")).contains("\"" + "o".repeat(40) + "…\"");
        assertThat(problem(feedback, 400, "feedback[0].outcomeTimestamp")).contains("\"" + "t".repeat(40) + "…\"");
        assertThat(feedback.body().length()).isLessThan(2_000);
    }

    @Test
    void queryParametersOfThePagesAreCutInTheirErrors() throws Exception {
        String value = "z".repeat(3_000);
        HttpResponse<String> embed = get("/embed?diabetesType=" + value + "&ulcerAreaCm2=" + value);
        assertThat(embed.statusCode()).isEqualTo(200);
        assertThat(embed.body()).contains("z".repeat(40) + "…").doesNotContain("z".repeat(41));
        HttpResponse<String> unknownTrial = get("/embed?trial=" + value);
        assertThat(unknownTrial.statusCode()).isEqualTo(404);
        assertThat(unknownTrial.body()).doesNotContain("z".repeat(41));
        HttpResponse<String> page = get("/?diabetesType=" + value);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("z".repeat(40) + "…").doesNotContain("z".repeat(41));
    }

    // --- 2. request ids

    @ParameterizedTest
    @ValueSource(strings = {EVALUATIONS, SCREENINGS})
    void anXRequestIdIs1To100CharactersOfAFewKinds(String path) throws Exception {
        String body = path.equals(EVALUATIONS) ? "{\"ulcerAreaCm2\": 12}" : "{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 4}}";
        String longest = "a".repeat(100);
        HttpResponse<String> ok = post(path, body, "X-Request-Id", longest + "");
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(ok.headers().firstValue("X-Request-Id")).hasValue(longest);
        String uuid = UUID.randomUUID().toString();
        assertThat(post(path, body, "X-Request-Id", uuid).statusCode()).isEqualTo(200);
        assertThat(post(path, body, "X-Request-Id", "urn:req_1.2-3").statusCode()).isEqualTo(200);

        String reason = problem(post(path, body, "X-Request-Id", "a".repeat(101)), 400, "X-Request-Id");
        assertThat(reason).contains("1 to 100 characters", "(101 characters)");
        problem(post(path, body, "X-Request-Id", "a".repeat(5_000)), 400, "X-Request-Id");
        problem(post(path, body, "X-Request-Id", "a b"), 400, "X-Request-Id");
        problem(post(path, body, "X-Request-Id", "<script>"), 400, "X-Request-Id");
        problem(post(path, body, "X-Request-Id", "é"), 400, "X-Request-Id");
    }

    @Test
    void aHookInstanceIs1To100CharactersOfAFewKinds() throws Exception {
        HttpResponse<String> longest = post(CDS, cdsRequest("h".repeat(100)));
        assertThat(longest.statusCode()).as(longest.body()).isEqualTo(200);
        assertThat(problem(post(CDS, cdsRequest("h".repeat(101))), 400, "hookInstance")).contains("1 to 100 characters");
        problem(post(CDS, cdsRequest("h".repeat(100_000))), 400, "hookInstance");
        problem(post(CDS, cdsRequest("two words")), 400, "hookInstance");
    }

    @Test
    void aFeedbackCardIsAnIdOfAFewKinds() throws Exception {
        String item = "\",\"outcome\":\"accepted\",\"outcomeTimestamp\":\"2026-11-29T12:05:00Z\"}]}";
        assertThat(problem(post(CDS + "/feedback", "{\"feedback\":[{\"card\":\"a/b c" + item), 400, "feedback[0].card"))
                .contains("1 to 100 characters");
        assertThat(problem(post(CDS + "/feedback", "{\"feedback\":[{\"card\":\"" + "c".repeat(200) + item), 400, "feedback[0].card"))
                .contains("at most 36");
        // a well-formed id that was never issued is still 404
        assertThat(post(CDS + "/feedback", "{\"feedback\":[{\"card\":\"" + UUID.randomUUID() + item).statusCode()).isEqualTo(404);
    }

    // --- 3. duplicate keys, numbers, the parser's words

    @Test
    void aKeyTwiceIsRefusedNamingTheKey() throws Exception {
        String reason = problem(post(EVALUATIONS, "{\"ulcerAreaCm2\":2000,\"ulcerAreaCm2\":5}"), 400, "(body)");
        assertThat(reason).startsWith("duplicate key 'ulcerAreaCm2'");
        assertThat(problem(post(SCREENINGS, "{\"trial\":\"NCT06003530\",\"profile\":{\"ageYears\":60,\"ageYears\":61}}"), 400, "(body)"))
                .startsWith("duplicate key 'ageYears'");
        assertThat(problem(post(CDS, cdsRequest(UUID.randomUUID().toString()).replaceFirst("\"hook\"", "\"hookInstance\": \"x\", \"hook\"")),
                400, "(body)")).startsWith("duplicate key 'hookInstance'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x1p3", "12d", "12f", "NaN", "Infinity", "1_000", "+5", ".5", "5.", "1e", "٣"})
    void numbersAsTextArePlainDecimalsOnly(String text) throws Exception {
        assertThat(problem(post(EVALUATIONS, "{\"ulcerAreaCm2\": \"" + text + "\"}"), 400, "ulcerAreaCm2"))
                .isEqualTo("not a number: \"" + text + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", " 12 ", "12.0", "1.2e1", "120E-1"})
    void plainDecimalTextIsANumber(String text) throws Exception {
        HttpResponse<String> r = post(EVALUATIONS, "{\"ulcerAreaCm2\": \"" + text + "\"}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(JSON.readTree(r.body()).path("profile").path("ulcerAreaCm2").asDouble()).isEqualTo(12.0);
    }

    @Test
    void theParsersWordsAreNeverPassedOn() throws Exception {
        HttpResponse<String> nan = post(EVALUATIONS, "{\"ulcerAreaCm2\": NaN}");
        assertThat(problem(nan, 400, "(body)")).startsWith("not a number: NaN is not allowed; send a decimal number");
        assertThat(problem(post(EVALUATIONS, "{\"ulcerAreaCm2\": -Infinity}"), 400, "(body)"))
                .startsWith("not a number: -Infinity is not allowed");
        HttpResponse<String> deep = post(EVALUATIONS, "{\"ulcerAreaCm2\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        assertThat(problem(deep, 400, "(body)")).startsWith("the JSON is nested too deeply (more than 1000 levels");
        HttpResponse<String> deepCds = post(CDS, "{\"prefetch\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}");
        assertThat(problem(deepCds, 400, "(body)")).startsWith("the JSON is nested too deeply");
        HttpResponse<String> longNumber = post(EVALUATIONS, "{\"ulcerAreaCm2\": " + "9".repeat(5_000) + "}");
        assertThat(problem(longNumber, 400, "(body)")).startsWith("a number is too long (more than 1000 characters)");
        assertThat(problem(post(EVALUATIONS, "{\"ulcerAreaCm2\": 1e400}"), 400, "ulcerAreaCm2")).contains("got Infinity");
        assertThat(problem(post(EVALUATIONS, "{\"ulcerAreaCm2\": 12"), 400, "(body)"))
                .isEqualTo("malformed JSON at line 1, column 20: the body ends before the JSON is complete (an object, array or text is not closed)");
        assertThat(problem(post(EVALUATIONS, "{\"ulcerAreaCm2\": tru}"), 400, "(body)")).startsWith("malformed JSON at line 1, column")
                .contains("unrecognized word");
        for (HttpResponse<String> r : new HttpResponse[] {nan, deep, deepCds, longNumber,
                post(EVALUATIONS, "{\"a\": 'x'}"), post(EVALUATIONS, "{\"a\" 1}"), post(EVALUATIONS, "{\"a\": 01}"),
                post(EVALUATIONS, "{\"a\": \"\\q\"}"), post(EVALUATIONS, "{\"a\": [1}"), post(EVALUATIONS, "{a: 1}")}) {
            assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
            assertThat(r.body()).doesNotContain("JsonReadFeature", "StreamReadConstraints", "Exception", "Source:", "jackson");
        }
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] body = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + EVALUATIONS))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(problem(r, 400, "(body)")).contains("not valid UTF-8");
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
