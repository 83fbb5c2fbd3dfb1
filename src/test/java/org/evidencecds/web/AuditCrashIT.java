package org.evidencecds.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Crash test of the audit log's promise "an evaluation that cannot be audited is not answered": the packaged
 * jar runs as a real OS process, clients post evaluations with their own X-Request-Id, the process is killed
 * with SIGKILL ({@link Process#destroyForcibly()}) while the load runs, then restarted on the same database.
 * Every request that was answered 200 must have its audit row, and the chain must verify.
 *
 * <p>Runs in the integration-test phase (maven-failsafe-plugin), after the jar is packaged:
 * {@code mvn -B -ntp verify}. The jar is {@code -Dcrash.jar=...} (default {@code target/evidence-cds.jar}).
 * H2: a fresh file in a temporary directory; round 1 uses the default settings of application.properties,
 * round 2 the pre-fix default URL without {@code WRITE_DELAY}, which start-up must make durable. PostgreSQL:
 * when AUDIT_TEST_POSTGRES_URL is set, on a fresh schema of that database (dropped afterwards); skipped
 * with a message otherwise.
 */
class AuditCrashIT {

    private static final int CLIENTS = 16;
    private static final long LOAD_BEFORE_KILL_MS = 3_000;
    private static final int MIN_ANSWERED_BEFORE_KILL = 150;
    private static final long MAX_LOAD_MS = 15_000;
    private static final String ADMIN = "crash-admin";
    private static final String ADMIN_PASSWORD = "crash-admin-password";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> started = new ArrayList<>();
    private Path tmp;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : started) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor();
            }
        }
        started.clear();
        if (tmp != null) {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            tmp = null;
        }
    }

    @Test
    void h2KeepsEveryAnsweredEvaluationAcrossKillMinus9() throws Exception {
        tmp = Files.createTempDirectory("audit-crash-h2");
        // round 1: nothing about the database on the command line, so application.properties' default URL
        // (./data/... relative to the process's working directory, here the temporary directory)
        // round 2: the old default URL, without WRITE_DELAY; start-up must make it durable
        List<List<String>> rounds = List.of(List.of(),
                List.of("--spring.datasource.url=jdbc:h2:file:./data/evidence-cds-audit;AUTO_SERVER=TRUE"));
        crashRounds("H2", rounds, List.of());
    }

    @Test
    void postgresKeepsEveryAnsweredEvaluationAcrossKillMinus9() throws Exception {
        String url = System.getenv("AUDIT_TEST_POSTGRES_URL");
        boolean reachable = false;
        if (url == null || url.isBlank()) {
            System.out.println("SKIPPED AuditCrashIT on PostgreSQL: no PostgreSQL configured (set AUDIT_TEST_POSTGRES_URL; .ci/run does)");
        } else {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("SELECT 1");
                reachable = true;
            } catch (Exception e) {
                System.out.println("SKIPPED AuditCrashIT on PostgreSQL: AUDIT_TEST_POSTGRES_URL is not reachable: " + e.getMessage());
            }
        }
        assumeTrue(reachable, "no reachable PostgreSQL");
        tmp = Files.createTempDirectory("audit-crash-pg");
        // a schema of its own, so that this run does not depend on (or disturb) what other tests left
        String schema = "crash_it_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            String appUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            List<String> db = new ArrayList<>(List.of("--spring.datasource.url=" + appUrl));
            // the URL carries user and password; application.properties' sa/"" must not override them
            String query = url.contains("?") ? url.substring(url.indexOf('?') + 1) : "";
            for (String kv : query.split("&")) {
                if (kv.startsWith("user=")) {
                    db.add("--spring.datasource.username=" + kv.substring(5));
                } else if (kv.startsWith("password=")) {
                    db.add("--spring.datasource.password=" + kv.substring(9));
                }
            }
            crashRounds("PostgreSQL", List.of(db, db), db);
        } finally {
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    /**
     * For each round: start the jar with the round's settings, load it, kill -9 it during the load; then
     * restart with {@code last} settings and check every answered request id against the audit log.
     */
    private void crashRounds(String database, List<List<String>> rounds, List<String> last) throws Exception {
        long began = System.nanoTime();
        Set<String> answered = ConcurrentHashMap.newKeySet();
        int round = 0;
        for (List<String> settings : rounds) {
            round++;
            int port = freePort();
            Process p = start(port, settings, "round" + round);
            Set<String> answeredNow = ConcurrentHashMap.newKeySet();
            long[] failures = load(port, "r" + round, p, answeredNow);
            answered.addAll(answeredNow);
            System.out.printf("AuditCrashIT %s round %d: %d requests answered 200 in %.1f s of load before kill -9, %d cut off "
                    + "by the kill, %d other answers%n", database, round, answeredNow.size(), failures[2] / 1e3, failures[0], failures[1]);
            assertTrue(answeredNow.size() > 0, "no request was answered before the kill: the load did not run");
        }
        int port = freePort();
        Process p = start(port, last, "final");
        Set<String> found = auditedRequestIds(port);
        Set<String> lost = new HashSet<>(answered);
        lost.removeAll(found);
        JsonNode verification = json.readTree(get(port, "/admin/audit/verify", true));
        System.out.printf("AuditCrashIT %s: %d requests answered 200 over %d kill -9 rounds, %d audit rows after restart, "
                        + "%d answered requests without a row (lost); verify: %s; %.1f s%n",
                database, answered.size(), rounds.size(), found.size(), lost.size(), verification,
                (System.nanoTime() - began) / 1e9);
        p.destroy();
        p.waitFor();
        assertEquals(Set.of(), lost.size() > 20 ? Set.of(lost.size() + " request ids, e.g. " + lost.iterator().next()) : lost,
                "requests answered 200 but not in the audit log after kill -9 on " + database);
        assertTrue(verification.path("ok").asBoolean(), "the chain does not verify after kill -9: " + verification);
        assertEquals(found.size(), verification.path("rows").asLong(), "verify walked a different number of rows");
    }

    /**
     * Posts evaluations from {@link #CLIENTS} threads, kills the process after a while; returns {requests cut
     * off by the kill, answers other than 200, milliseconds of load}.
     */
    private long[] load(int port, String prefix, Process p, Set<String> answered) throws Exception {
        AtomicBoolean killed = new AtomicBoolean();
        AtomicLong failures = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong sequence = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            Thread t = new Thread(() -> {
                while (!killed.get()) {
                    String id = "crash-" + prefix + "-" + sequence.incrementAndGet();
                    ThreadLocalRandom r = ThreadLocalRandom.current();
                    String body = "{\"ulcerAreaCm2\": " + (1 + r.nextInt(30)) + ", \"diabetesDurationYears\": " + (1 + r.nextInt(30)) + "}";
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/evaluations"))
                            .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json").header("X-Request-Id", id)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() == 200 && id.equals(response.headers().firstValue("X-Request-Id").orElse(null))) {
                            answered.add(id);
                        } else {
                            refused.incrementAndGet();
                            if (refused.get() <= 3) {
                                System.out.println("AuditCrashIT: answer " + response.statusCode() + " to " + id + ": " + response.body());
                            }
                        }
                    } catch (IOException e) {
                        failures.incrementAndGet(); // the process was killed under this request, or before it
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "crash-client-" + i);
            t.start();
            clients.add(t);
        }
        // at least LOAD_BEFORE_KILL_MS, and on a slow machine until MIN_ANSWERED_BEFORE_KILL requests were
        // answered (at most MAX_LOAD_MS), so that the kill lands among many recent commits
        long began = System.nanoTime();
        while (true) {
            Thread.sleep(100);
            long ms = (System.nanoTime() - began) / 1_000_000;
            if (ms >= MAX_LOAD_MS || (ms >= LOAD_BEFORE_KILL_MS && answered.size() >= MIN_ANSWERED_BEFORE_KILL)) {
                break;
            }
        }
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no H2 close, nothing flushed on the way out
        p.waitFor();
        killed.set(true);
        for (Thread t : clients) {
            t.join(30_000);
        }
        return new long[] {failures.get(), refused.get(), (System.nanoTime() - began) / 1_000_000};
    }

    private Process start(int port, List<String> settings, String logName) throws Exception {
        Path jar = Path.of(System.getProperty("crash.jar", "target/evidence-cds.jar")).toAbsolutePath();
        assertTrue(Files.isRegularFile(jar), "no jar at " + jar + " (run mvn verify, or package first)");
        Path project = Path.of("").toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-jar", jar.toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--evidence.dir=" + project.resolve("evidence"), "--rules.dir=" + project.resolve("rules"),
                "--audit.admin.username=" + ADMIN, "--audit.admin.password=" + ADMIN_PASSWORD));
        command.addAll(settings);
        Path log = tmp.resolve(logName + ".log");
        Process p = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        started.add(p);
        long began = System.nanoTime();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("the application did not start (exit " + p.exitValue() + "):\n" + tail(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    System.out.printf("AuditCrashIT: %s started in %.1f s%n", logName, (System.nanoTime() - began) / 1e9);
                    return p;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("the application did not report UP within 120 s:\n" + tail(log));
        return p;
    }

    /** Every request id in the audit log, read as administrator through GET /api/v1/audit. */
    private Set<String> auditedRequestIds(int port) throws Exception {
        Set<String> ids = new HashSet<>();
        long after = 0;
        while (true) {
            JsonNode page = json.readTree(get(port, "/api/v1/audit?after=" + after + "&limit=1000", true));
            if (page.isEmpty()) {
                return ids;
            }
            for (JsonNode row : page) {
                ids.add(row.path("requestId").asText());
                after = row.path("id").asLong();
            }
        }
    }

    private String get(int port, String path, boolean admin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (admin) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), "GET " + path + ": " + response.body());
        return response.body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
