package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.evidencecds.TestFiles;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.cli.Cli;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.profile.PatientProfile;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * A running server takes an evidence update: {@code POST /admin/knowledge/reload} (administrators only) loads
 * the configured folders as start-up does, archives the new version and swaps it in; on any problem it answers
 * 422 with every problem and the running version keeps answering. The server runs on a copy of the project's
 * evidence and rules, with an audit database of its own. The tests build on each other, in order.
 */
@SpringBootTest(classes = WebApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"audit.admin.username=admin", "audit.admin.password=" + KnowledgeReloadTest.PASSWORD})
@AutoConfigureMockMvc
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeReloadTest {

    static final String PASSWORD = "reload-secret-42";
    static final Path ROOT;
    static final Path EVIDENCE;
    static final Path RULES;
    static final ObjectMapper JSON = new ObjectMapper();

    static {
        try {
            ROOT = Files.createTempDirectory("reload");
            EVIDENCE = ROOT.resolve("evidence");
            RULES = ROOT.resolve("rules");
            TestFiles.copyTree(Path.of("evidence"), EVIDENCE);
            TestFiles.copyTree(Path.of("rules"), RULES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("evidence.dir", EVIDENCE::toString);
        registry.add("rules.dir", RULES::toString);
        registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + ROOT.resolve("audit") + ";AUTO_SERVER=TRUE");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    EvidenceFacade facade;

    @Autowired
    KnowledgeArchive archive;

    @LocalServerPort
    int port;

    @Test
    @Order(1)
    void onlyAnAdministratorMayReload() throws Exception {
        mvc.perform(post("/admin/knowledge/reload")).andExpect(status().isUnauthorized());
        mvc.perform(post("/admin/knowledge/reload").with(httpBasic("admin", "wrong"))).andExpect(status().isUnauthorized());
        mvc.perform(post("/admin/knowledge/reload").with(httpBasic("clinician", PASSWORD))).andExpect(status().isUnauthorized());
    }

    @Test
    @Order(2)
    void theSameContentAgainIsANoOpThatSaysSo() throws Exception {
        var knowledge = facade.knowledge();
        String running = knowledge.version();
        JsonNode r = reload(200);
        assertThat(r.path("changed").asBoolean()).isFalse();
        assertThat(facade.knowledge()).as("nothing rebuilt, nothing swapped: the answers given stay cached").isSameAs(knowledge);
        assertThat(r.path("previous").asText()).isEqualTo(running);
        assertThat(r.path("current").asText()).isEqualTo(running);
        assertThat(r.path("message").asText()).startsWith("nothing to reload");
        assertThat(facade.knowledge().version()).isEqualTo(running);
    }

    @Test
    @Order(3)
    void evidenceChangedWithoutItsRulesIsRefusedAndTheRunningVersionStays() throws Exception {
        String running = facade.knowledge().version();
        setPackVersion("1.2.0", "1.2.1");
        try {
            JsonNode p = reload(422);
            assertThat(p.path("title").asText()).isEqualTo("Evidence refused");
            assertThat(strings(p.path("problems"))).singleElement().asString()
                    .contains("generated/dfu-cell-therapy.drl: out of date with evidence/dfu-cell-therapy");
            assertThat(p.path("current").asText()).isEqualTo(running);
            assertThat(knowledgeVersion()).isEqualTo(running);
        } finally {
            setPackVersion("1.2.1", "1.2.0");
        }
    }

    @Test
    @Order(4)
    void aChangedPackIsLoadedArchivedAndAnswers() throws Exception {
        String before = facade.knowledge().version();
        assertThat(before).startsWith("dfu-cell-therapy@1.2.0,");
        setPackVersion("1.2.0", "1.3.0");
        cli(0, "compile", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());

        JsonNode r = reload(200);

        String after = r.path("current").asText();
        assertThat(r.path("changed").asBoolean()).isTrue();
        assertThat(r.path("previous").asText()).isEqualTo(before);
        assertThat(after).startsWith("dfu-cell-therapy@1.3.0,t2dm-msc@1.1.0+rules.").isNotEqualTo(before);
        assertThat(knowledgeVersion()).isEqualTo(after);
        MvcResult eval = mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content("{\"ulcerAreaCm2\": 12}"))
                .andExpect(status().isOk()).andReturn();
        assertThat(JSON.readTree(eval.getResponse().getContentAsString()).path("knowledgeVersion").asText()).isEqualTo(after);
        // archived, so its answers can be replayed
        assertThat(archive.versions()).contains(before, after);
        assertThat(archive.load(after).orElseThrow().version()).isEqualTo(after);
    }

    @Test
    @Order(5)
    void aBrokenPackIsRefusedWithEveryProblemAndTheRunningVersionKeepsAnswering() throws Exception {
        String running = facade.knowledge().version();
        Path broken = EVIDENCE.resolve("many-problems");
        TestFiles.copyTree(Path.of("src/test/resources/packs/broken/many-problems/many-problems"), broken);
        try {
            JsonNode p = reload(422);
            List<String> expected = Files.readAllLines(Path.of("src/test/resources/packs/broken/many-problems/expected-problems.txt"))
                    .stream().filter(l -> !l.isBlank()).toList();
            assertThat(strings(p.path("problems"))).containsExactlyElementsOf(expected);
            assertThat(p.path("detail").asText()).isEqualTo(expected.size() + " problem(s) in the evidence; nothing was reloaded and knowledge "
                    + running + " keeps answering");
            assertThat(p.toString()).doesNotContain("Exception", "at org.");
            assertThat(knowledgeVersion()).isEqualTo(running);
            MvcResult eval = mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON).content("{\"ulcerAreaCm2\": 12}"))
                    .andExpect(status().isOk()).andReturn();
            assertThat(JSON.readTree(eval.getResponse().getContentAsString()).path("knowledgeVersion").asText()).isEqualTo(running);
            // the command line reports the same problems and exits with 2, offline and against the server
            String[] check = cli(2, "knowledge", "check", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());
            assertThat(check[1].lines().toList()).containsAll(expected);
            String[] remote = cli(2, "knowledge", "reload", "--url", "http://localhost:" + port, "--user", "admin", "--password-file", passwordFile());
            assertThat(remote[1].lines().toList()).containsAll(expected).hasSize(expected.size() + 1);
        } finally {
            TestFiles.deleteTree(broken);
        }
    }

    @Test
    @Order(6)
    void trialProtocolsAreReloadedToo() throws Exception {
        var knowledge = facade.knowledge();
        String running = knowledge.version();
        Path trial = EVIDENCE.resolve("trials/NCT06003530.yaml");
        Files.writeString(trial, Files.readString(trial).replaceFirst("(?m)^version: 1\\.0\\.0", "version: 1.0.1"));
        cli(0, "compile", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());

        JsonNode r = reload(200);

        assertThat(r.path("changed").asBoolean()).isTrue();
        assertThat(r.path("current").asText()).isEqualTo(running); // the evidence packs did not change
        assertThat(facade.knowledge()).isSameAs(knowledge);
        assertThat(r.path("message").asText()).startsWith("trial rules NCT06003530@1.0.1+rules.").endsWith("; knowledge " + running + " is unchanged");
        assertThat(strings(r.path("currentTrials"))).anySatisfy(t -> assertThat(t).startsWith("NCT06003530@1.0.1+rules."));
        JsonNode trials = JSON.readTree(mvc.perform(get("/api/v1/trials")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(trials.findValuesAsText("rulesVersion")).anySatisfy(t -> assertThat(t).startsWith("NCT06003530@1.0.1+rules."));
        JsonNode screening = JSON.readTree(mvc.perform(post("/api/v1/screenings").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"trial\": \"NCT06003530\", \"profile\": {\"ulcerAreaCm2\": 20}}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(screening.path("screening").path("rulesVersion").asText()).startsWith("NCT06003530@1.0.1+rules.");
        String trialVersion = strings(r.path("currentTrials")).stream().filter(t -> t.startsWith("NCT06003530@")).findFirst().orElseThrow();
        assertThat(archive.loadTrial(trialVersion, facade.knowledge().packIds())).isPresent();
    }

    @Test
    @Order(7)
    void theCommandLineReloadsARunningServer() throws Exception {
        String before = facade.knowledge().version();
        setPackVersion("1.3.0", "1.3.1");
        cli(0, "compile", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());
        String[] check = cli(0, "knowledge", "check", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());
        assertThat(check[0]).startsWith("ok: knowledge dfu-cell-therapy@1.3.1,");

        String[] out = cli(0, "knowledge", "reload", "--url", "http://localhost:" + port, "--user", "admin", "--password-file", passwordFile());

        assertThat(out[0]).contains("previous: " + before, "current:  dfu-cell-therapy@1.3.1,");
        assertThat(facade.knowledge().version()).startsWith("dfu-cell-therapy@1.3.1,");
        Files.writeString(ROOT.resolve("wrong"), "nope\n");
        String[] refused = cli(2, "knowledge", "reload", "--url", "http://localhost:" + port, "--user", "admin", "--password-file",
                ROOT.resolve("wrong").toString());
        assertThat(refused[1]).contains("answered 401");
    }

    /**
     * Evaluations in flight during reloads each answer entirely on one version; concurrent reloads are
     * serialized, so exactly one of two reloads of the same update installs it.
     */
    @Test
    @Order(8)
    void reloadsAreSerializedAndRequestsInFlightFinishOnOneVersion() throws Exception {
        String before = facade.knowledge().version();
        setPackVersion("1.3.1", "1.4.0");
        cli(0, "compile", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());
        PatientProfile profile = PatientProfile.of(Map.of("ulcerAreaCm2", 12.0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicBoolean reloading = new AtomicBoolean(true);
        Set<String> seen = ConcurrentHashMap.newKeySet();
        try {
            List<Future<Integer>> evaluators = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                evaluators.add(pool.submit(() -> {
                    int n = 0;
                    while (reloading.get() || n < 10) {
                        var report = facade.evaluate(profile);
                        seen.add(report.knowledgeVersion());
                        assertThat(report.packs()).allSatisfy(p -> assertThat(report.knowledgeVersion()).contains(p.pack() + "@"));
                        n++;
                    }
                    return n;
                }));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Future<JsonNode>> reloads = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                reloads.add(pool.submit(() -> {
                    go.await();
                    return reload(200);
                }));
            }
            go.countDown();
            List<JsonNode> answers = new ArrayList<>();
            for (Future<JsonNode> f : reloads) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            reloading.set(false);
            for (Future<Integer> f : evaluators) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(10);
            }
            assertThat(answers).filteredOn(a -> a.path("changed").asBoolean()).singleElement()
                    .satisfies(a -> assertThat(a.path("previous").asText()).isEqualTo(before));
            assertThat(answers).filteredOn(a -> !a.path("changed").asBoolean()).singleElement()
                    .satisfies(a -> assertThat(a.path("previous").asText()).isEqualTo(a.path("current").asText()).startsWith("dfu-cell-therapy@1.4.0,"));
            assertThat(seen).isSubsetOf(Set.of(before, facade.knowledge().version()));
        } finally {
            reloading.set(false);
            pool.shutdownNow();
        }
    }

    private JsonNode reload(int expectedStatus) throws Exception {
        MvcResult result = mvc.perform(post("/admin/knowledge/reload").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().is(expectedStatus)).andReturn();
        if (expectedStatus == 422) {
            assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
        }
        return JSON.readTree(result.getResponse().getContentAsString());
    }

    private String knowledgeVersion() throws Exception {
        return JSON.readTree(mvc.perform(get("/api/v1/knowledge")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .path("version").asText();
    }

    private static void setPackVersion(String from, String to) throws IOException {
        Path pack = EVIDENCE.resolve("dfu-cell-therapy/pack.yaml");
        String text = Files.readString(pack);
        String changed = text.replaceFirst("(?m)^version: " + java.util.regex.Pattern.quote(from) + "$", "version: " + to);
        assertThat(changed).isNotEqualTo(text);
        Files.writeString(pack, changed);
    }

    private static String passwordFile() throws IOException {
        Path file = ROOT.resolve("password");
        Files.writeString(file, PASSWORD + "\n");
        return file.toString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static String[] cli(int expectedCode, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(String.join(" ", args) + "\n" + out + err).isEqualTo(expectedCode);
        return new String[] {out.toString(), err.toString()};
    }
}
