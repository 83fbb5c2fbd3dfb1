package org.evidencecds.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.evidencecds.knowledge.EvidenceDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code knowledge check}: what a server would load, checked offline; {@code knowledge reload}: a running
 * server reloads its evidence ({@code POST /admin/knowledge/reload}).
 */
@Command(name = "knowledge", mixinStandardHelpOptions = true, description = "Check or reload the knowledge a server runs on.",
        subcommands = {KnowledgeCommand.Check.class, KnowledgeCommand.Reload.class})
final class KnowledgeCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (check, reload)");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Load the evidence and rules folders exactly as the server does.",
                    "As at start-up and on reload, every pack and trial protocol is validated and compiled, compared with "
                            + "rules/generated, and the rules are built.",
                    "Prints the knowledge version, or every problem (file:line:column: field: reason) and exits with 2."})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        KnowledgeOptions where = new KnowledgeOptions();

        @Override
        public Integer call() {
            long start = System.nanoTime();
            try {
                EvidenceDirectory.Loaded loaded = EvidenceDirectory.load(where.evidence, where.rules);
                PrintWriter out = spec.commandLine().getOut();
                out.println("ok: knowledge " + loaded.knowledge().version() + " (" + org.evidencecds.findings.EffectText.count(loaded.knowledge().packs().size(), "pack", "packs") + ", "
                        + loaded.knowledge().rules().size() + " rules; " + (System.nanoTime() - start) / 1_000_000 + " ms)");
                loaded.trialVersions().forEach(t -> out.println("ok: trial " + t));
                return 0;
            } catch (EvidenceDirectory.Refused e) {
                PrintWriter err = spec.commandLine().getErr();
                e.problems().forEach(err::println);
                err.println("error: " + org.evidencecds.findings.EffectText.count(e.problems().size(), "problem", "problems") + " in " + where.evidence + " (rules: " + where.rules
                        + "); a server would not start on them, nor reload them");
                return ErrorHandler.BAD_INPUT;
            }
        }
    }

    @Command(name = "reload", mixinStandardHelpOptions = true,
            description = {"Ask a running server to reload its evidence and rules folders.",
                    "The request is POST /admin/knowledge/reload, as an administrator.",
                    "Prints the previous and the current knowledge version; when the server refuses the evidence, prints "
                            + "every problem and exits with 2 (the running version keeps answering).",
                    "The password comes from --password-file, else $" + Reload.PASSWORD_VARIABLE + ", else a prompt."})
    static final class Reload implements Callable<Integer> {

        static final String PASSWORD_VARIABLE = "EVIDENCE_CDS_ADMIN_PASSWORD";

        @Spec
        CommandSpec spec;

        @Option(names = "--url", paramLabel = "URL", defaultValue = "http://localhost:8080",
                description = "the server (default: ${DEFAULT-VALUE})")
        String url;

        @Option(names = "--user", paramLabel = "NAME", required = true, description = "administrator (audit.admin.username)")
        String user;

        @Option(names = "--password-file", paramLabel = "FILE", description = "file whose first line is the password")
        Path passwordFile;

        @Override
        public Integer call() throws IOException, InterruptedException {
            String password = password();
            URI uri = URI.create(url.replaceAll("/+$", "") + "/admin/knowledge/reload");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Accept", "application/json, application/problem+json")
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<String> response;
            try {
                response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()
                        .send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            } catch (java.net.ConnectException e) {
                throw new UsageException(uri + ": no server answers (" + e.getClass().getSimpleName() + ")");
            }
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            JsonNode body = parse(response.body());
            int status = response.statusCode();
            if (status == 200) {
                out.println(body.path("message").asText());
                out.println("previous: " + body.path("previous").asText());
                out.println("current:  " + body.path("current").asText());
                body.path("currentTrials").forEach(t -> out.println("trial:    " + t.asText()));
                return 0;
            }
            if (status == 422) {
                body.path("problems").forEach(p -> err.println(p.asText()));
                err.println("error: " + body.path("detail").asText());
                return ErrorHandler.BAD_INPUT;
            }
            if (status == 401 || status == 403) {
                err.println("error: " + uri + " answered " + status + ": the user '" + user + "' is not an administrator there, or the password is wrong");
                return ErrorHandler.BAD_INPUT;
            }
            err.println("error: " + uri + " answered " + status + (body.hasNonNull("detail") ? ": " + body.path("detail").asText() : ""));
            return ErrorHandler.FAILURE;
        }

        private String password() throws IOException {
            if (passwordFile != null) {
                return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
            }
            String fromEnv = System.getenv(PASSWORD_VARIABLE);
            if (fromEnv != null && !fromEnv.isEmpty()) {
                return fromEnv;
            }
            if (System.console() == null) {
                throw new UsageException("no password: use --password-file or set " + PASSWORD_VARIABLE);
            }
            char[] typed = System.console().readPassword("password for %s: ", user);
            return typed == null ? "" : new String(typed);
        }

        private static JsonNode parse(String body) {
            try {
                return new ObjectMapper().readTree(body == null || body.isBlank() ? "{}" : body);
            } catch (IOException e) {
                return new ObjectMapper().createObjectNode();
            }
        }
    }
}
