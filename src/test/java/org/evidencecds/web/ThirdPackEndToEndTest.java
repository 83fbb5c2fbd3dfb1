package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evidencecds.cli.Cli;
import org.evidencecds.TestFiles;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The engine has no pack-specific code: a third, synthetic pack (test resources) dropped beside the real
 * ones is compiled, checked and served end to end — CLI, REST API and its own CDS Hooks service — and the
 * engine's source code names no pack and no pack's profile field.
 */
// the CDS Hooks calls here are about auditing and packs, not client trust (see CdsClientAuthApiTest)
@SpringBootTest(classes = WebApplication.class, properties = "cds-hooks.allow-unauthenticated=true")
@AutoConfigureMockMvc
class ThirdPackEndToEndTest {

    static final Path ROOT;
    static final Path EVIDENCE;
    static final Path RULES;

    static {
        try {
            ROOT = Files.createTempDirectory("third-pack");
            EVIDENCE = ROOT.resolve("evidence");
            RULES = ROOT.resolve("rules");
            TestFiles.copyTree(Path.of("evidence"), EVIDENCE);
            TestFiles.copyTree(Path.of("src/test/resources/packs/third/synthetic-third"), EVIDENCE.resolve("synthetic-third"));
            TestFiles.copyTree(Path.of("rules/hand-written"), RULES.resolve("hand-written"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int compiled = cli("compile", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString())[0].length();
        assertThat(compiled).isPositive();
    }

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("evidence.dir", EVIDENCE::toString);
        registry.add("rules.dir", RULES::toString);
    }

    @Autowired
    MockMvc mvc;

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theCommandLineCompilesChecksAndEvaluatesIt() {
        String[] check = cli("compile", "--check", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString());
        assertThat(check[0]).startsWith("ok: ").contains("(3 packs, 2 trial protocols)");
        assertThat(Files.exists(RULES.resolve("generated/synthetic-third.drl"))).isTrue();
        String[] run = cli("evaluate", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString(), "--pack", "synthetic-third",
                "--age-years", "40", "--fasting-c-peptide-nmol-l", "0.7");
        assertThat(run[0]).contains("== Synthetic therapy X for synthetic condition Y (version 0.3.0)",
                "Fasting C-peptide             0.7 nmol/L -> ≥ 0.5 nmol/L", "OR 4.0 (95% CI 2.0 to 8.0)", "at 6 months: MD 0.15 nmol/L",
                "This result (MD 0.15 nmol/L, marker change from baseline)");
        String[] child = cli("evaluate", "--evidence", EVIDENCE.toString(), "--rules", RULES.toString(), "--age-years", "12");
        assertThat(child[0]).contains("Left out, the patient is outside its population: Synthetic therapy X for synthetic condition Y"
                + ": Age is 12 years; this evidence is for patients with age ≥ 18 years");
    }

    @Test
    void theApiAndItsOwnCdsServiceServeIt() throws Exception {
        JsonNode report = JSON.readTree(mvc.perform(post("/api/v1/evaluations").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ageYears\": 40, \"fastingCPeptideNmolL\": 0.3}"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(report.get("knowledgeVersion").asText()).startsWith("dfu-cell-therapy@1.2.0,synthetic-third@0.3.0,t2dm-msc@1.1.0+rules.");
        JsonNode third = null;
        for (JsonNode p : report.get("packs")) {
            if (p.get("pack").asText().equals("synthetic-third")) {
                third = p;
            }
        }
        assertThat(third).isNotNull();
        assertThat(third.at("/dimensions/0/level").asText()).isEqualTo("low");
        assertThat(third.at("/outcomes/0/headlineFinding").asText()).isEqualTo("synthetic-third/response/overall");

        JsonNode discovery = JSON.readTree(mvc.perform(get("/cds-services")).andReturn().getResponse().getContentAsString());
        List<String> ids = discovery.get("services").findValuesAsText("id");
        assertThat(ids).containsExactly("dfu-cell-therapy-evidence", "synthetic-third-evidence", "t2dm-msc-evidence");
        String request = """
                {"hook": "patient-view", "hookInstance": "0b8f8a9e-1111-4c1e-9d55-3f3f3f3f3f3f", "context": {"patientId": "X-1"},
                 "prefetch": {"patient": {"resourceType": "Patient", "id": "X-1", "birthDate": "1980-02-14"},
                   "observations": {"resourceType": "Bundle", "type": "searchset", "entry": [
                     {"resource": {"resourceType": "Observation", "id": "cp", "status": "final", "subject": {"reference": "Patient/X-1"},
                       "code": {"coding": [{"system": "urn:evidence-cds:profile-field", "code": "fastingCPeptideNmolL"}]},
                       "effectiveDateTime": "2026-01-10", "valueQuantity": {"value": 0.4, "system": "http://unitsofmeasure.org", "code": "nmol/L"}}}]}}}
                """;
        JsonNode cards = JSON.readTree(mvc.perform(post("/cds-services/synthetic-third-evidence").contentType(MediaType.APPLICATION_JSON)
                .content(request)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).get("cards");
        assertThat(cards.findValuesAsText("summary")).singleElement().satisfies(s -> assertThat(s).startsWith("Synthetic therapy X for synthetic condition Y: response OR 2.5 (95% CI 1.5 to 4.2)"));
    }

    /** No engine class names a pack or a pack's profile field in code (comments aside): packs are data. */
    @Test
    void theEngineCodeNamesNoPack() throws IOException {
        Pattern specific = Pattern.compile("(?i)dfu|t2dm|synthetic-third|ulcerarea|ulcerduration|diabetesduration|hba1c|insulin|wagner"
                + "|diabetestype|cpeptide|ulcer_|diabetes_");
        List<String> engine = List.of("evidence", "meta", "synthesis", "findings", "certainty", "rules", "facade", "profile", "screening",
                "reconcile", "audit");
        StringBuilder hits = new StringBuilder();
        for (String pkg : engine) {
            try (Stream<Path> files = Files.walk(Path.of("src/main/java/org/evidencecds", pkg))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        String code = lines.get(i).trim();
                        if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                            continue;
                        }
                        if (specific.matcher(code.replaceAll("//.*$", "")).find()) {
                            hits.append(f).append(':').append(i + 1).append(": ").append(code).append('\n');
                        }
                    }
                }
            }
        }
        assertThat(hits.toString()).as("pack-specific code").isEmpty();
    }

    private static String[] cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(code).as(String.join(" ", args) + "\n" + err).isIn(0, 3, 4);
        return new String[] {out.toString(), err.toString()};
    }
}
