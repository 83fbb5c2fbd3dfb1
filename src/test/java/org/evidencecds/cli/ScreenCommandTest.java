package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.evidencecds.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code screen}: one candidate (text, JSON, exit status by verdict) and a registry file. */
class ScreenCommandTest {

    @TempDir
    Path dir;

    @Test
    void oneCandidateShowsEachCriterionTheVerdictAndTheEvidence() {
        CliRunner run = CliRunner.run("screen", "--trial", "NCT06003530", "--ulcer-area-cm2", "20", "--age-years", "60");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(3);
        assertThat(run.out()).contains("Verdict: Not eligible: ulcer area 20 cm², the trial requires 0.5–13 cm².",
                "  Inclusion  Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²).", "Protocol: \"Size of foot ulcer 0.5-13 cm2\"",
                "  Inclusion  Age: 60 years — met (the trial requires 18–80 years).",
                "12 further criteria of the protocol cannot be decided from the patient's details: the investigator checks them.",
                "---- Applicable evidence ----", "OR 4.64 (95% CI 3.11 to 6.90)");
        // the screening part speaks in labels and units, never in field names or codes
        String screening = run.out().substring(0, run.out().indexOf("---- Applicable evidence ----"));
        assertThat(screening).doesNotContain("ulcerAreaCm2", "not-met", "NOT-ELIGIBLE", "criterion(s)", "60.0");
        CliRunner open = CliRunner.run("screen", "--trial", "NCT06003530", "--ulcer-area-cm2", "4", "--no-evidence");
        assertThat(open.exitCode()).isEqualTo(4);
        assertThat(open.out()).contains("Verdict: May be eligible: 6 criteria could not be checked (age, diabetes type,",
                        "To decide the open criteria, record: age, diabetes type, ulcer duration (non-healing), Wagner ulcer grade, "
                                + "ankle-brachial index, " + org.evidencecds.profile.FieldText.label("tcpo2MmHg") + " and HbA1c.")
                .doesNotContain("Applicable evidence");
        CliRunner eligible = CliRunner.run("screen", "--trial", "NCT06003530", "--no-evidence", "--age-years", "60", "--diabetes-type", "type-2",
                "--ulcer-days", "90", "--ulcer-area-cm2", "4", "--wagner-grade", "1", "--abi", "0.9", "--hba1c-percent", "8");
        assertThat(eligible.exitCode()).as(eligible.out()).isZero();
        assertThat(eligible.out()).contains("Verdict: Eligible on every criterion checked (7 criteria).");
        CliRunner list = CliRunner.run("screen", "--list");
        assertThat(list.out()).contains("NCT06003530    Study for Treatment of Chronic Diabetic Foot Ulcers",
                "(ClinicalTrials.gov NCT06003530; 7 criteria checked here, 12 criteria for the investigator; criteria transcribed from copies");
    }

    @Test
    void jsonCarriesTheScreeningAndTheEvidence() throws IOException {
        CliRunner run = CliRunner.run("screen", "--trial", "NCT04569409", "--ulcer-area-cm2", "15", "--json");
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.at("/screening/trial").asText()).isEqualTo("NCT04569409");
        assertThat(json.at("/screening/verdict").asText()).isEqualTo("needs-information");
        assertThat(json.at("/screening/criteria/3/id").asText()).isEqualTo("ulcer-area");
        assertThat(json.at("/screening/criteria/3/status").asText()).isEqualTo("met");
        assertThat(json.at("/screening/criteria/3/inputs/ulcerAreaCm2").asDouble()).isEqualTo(15.0);
        assertThat(json.at("/evidence/packs/0/pack").asText()).isEqualTo("dfu-cell-therapy");
    }

    @Test
    void badUsageExitsWith2AndSaysWhy() {
        CliRunner unknown = CliRunner.run("screen", "--trial", "NCT0000", "--ulcer-area-cm2", "4");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--trial: no trial protocol 'NCT0000' (known: NCT04569409, NCT06003530)");
        CliRunner impossible = CliRunner.run("screen", "--trial", "NCT06003530", "--wagner-grade", "1.5");
        assertThat(impossible.exitCode()).isEqualTo(2);
        assertThat(impossible.err()).contains("Wagner ulcer grade (--wagner-grade): must be a whole number, got 1.5");
        CliRunner half = CliRunner.run("screen", "--trial", "NCT06003530", "--input", "x.csv");
        assertThat(half.exitCode()).isEqualTo(2);
        assertThat(half.err()).contains("batch screening needs both --input FILE.csv and --output FILE.csv");
    }

    @Test
    void aRegistryIsScreenedRowByRowWithASummaryAndAttrition() throws IOException {
        Path in = dir.resolve("registry.csv");
        Files.writeString(in, "id,ulcerAreaCm2,ageYears\nA,4,60\nB,20,60\nC,4,abc\n");
        Path out = dir.resolve("results.csv");
        CliRunner run = CliRunner.run("screen", "--trial", "NCT06003530", "--input", in.toString(), "--output", out.toString(), "--progress", "always");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("Screened 3 rows against NCT06003530",
                "eligible 0 · not eligible 1 · needs information 1 · rows with errors 1", "Attrition per criterion (of 2 screened rows");
        assertThat(run.out()).containsPattern("inclusion\\s+ulcer-area\\s+1\\s+0\\s+1");
        assertThat(run.err()).contains("[##############################] 100% 3 rows").contains("ETA 0:00");
        try (Stream<String> lines = Files.lines(out)) {
            assertThat(lines.count()).isEqualTo(4);
        }
    }

    @Test
    void compileCheckFailsWhenTheTrialRulesAreStale() throws IOException {
        Path rules = dir.resolve("rules");
        TestFiles.copyTree(Path.of("rules"), rules);
        Path drl = rules.resolve("generated/trials/NCT06003530.drl");
        Files.writeString(drl, Files.readString(drl).replace("value <= 13.0", "value <= 14.0"));
        CliRunner check = CliRunner.run("compile", "--check", "--rules", rules.toString());
        assertThat(check.exitCode()).isEqualTo(2);
        assertThat(check.err()).contains("NCT06003530.drl: out of date with evidence/trials/NCT06003530.yaml");
    }

    @Test
    void commandLineAnswersAreAuditedWhenAsked() {
        String db = "jdbc:h2:file:" + dir.resolve("audit").toAbsolutePath();
        CliRunner evaluate = CliRunner.run("evaluate", "--ulcer-area-cm2", "12", "--audit", "--db-url", db);
        assertThat(evaluate.exitCode()).as(evaluate.err()).isZero();
        assertThat(evaluate.err()).startsWith("audit: recorded as request ");
        CliRunner screen = CliRunner.run("screen", "--trial", "NCT06003530", "--ulcer-area-cm2", "20", "--audit", "--patient-ref", "MRN-9",
                "--no-evidence", "--db-url", db);
        assertThat(screen.exitCode()).isEqualTo(3);
        CliRunner verify = CliRunner.run("audit", "verify", "--db-url", db);
        assertThat(verify.out()).contains("ok: 2 rows, the hash chain holds");
        CliRunner replay = CliRunner.run("audit", "replay", "1", "--db-url", db);
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("row 1 (cli,", "replayed answer identical to the one logged (digest matches)");
        CliRunner screeningReplay = CliRunner.run("audit", "replay", "2", "--db-url", db);
        assertThat(screeningReplay.exitCode()).as(screeningReplay.err()).isZero();
        assertThat(screeningReplay.out()).contains("row 2 (cli-screening,", "and NCT06003530@1.0.0+rules.",
                "replayed answer identical to the one logged (digest matches)", "no difference between then and now").doesNotContain("MRN-9");
        assertThat(CliRunner.run("evaluate", "--patient-ref", "MRN-9").exitCode()).as("--patient-ref without --audit").isEqualTo(2);
        assertThat(CliRunner.run("screen", "--trial", "NCT06003530", "--input", "a.csv", "--output", "b.csv", "--audit", "--db-url", db).exitCode())
                .isEqualTo(2);
    }

    @Test
    void evaluateTakesOnePackOrEveryPackThatApplies() {
        CliRunner all = CliRunner.run("evaluate", "--diabetes-type", "type-2", "--hba1c-percent", "8.5", "--foot-ulcer", "yes");
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out()).contains("== Cell therapy for diabetic foot ulcers", "== MSC therapy for glycaemic control in type 2 diabetes",
                "(no headline: several reviews report an overall estimate for this outcome");
        CliRunner one = CliRunner.run("evaluate", "--pack", "t2dm-msc", "--diabetes-type", "type-1");
        assertThat(one.out()).doesNotContain("== Cell therapy for diabetic foot ulcers")
                .contains("Shown on request, but the patient is outside its population: MSC therapy for glycaemic control in type 2 diabetes",
                        "Type of diabetes              -> Type 1 diabetes");
        CliRunner bad = CliRunner.run("evaluate", "--pack", "nope");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--pack: no evidence pack 'nope' (known: dfu-cell-therapy, t2dm-msc)");
        CliRunner help = CliRunner.run("evaluate", "--help");
        assertThat(help.out()).contains("--fasting-c-peptide-nmol-l", "--insulin-units-per-day", "--hba1c-percent", "--diabetes-type");
    }

    @Test
    void aScreeningIsReplayedUnderTheTrialRulesItRanWithAndTheCurrentOnes() throws IOException {
        String db = "jdbc:h2:file:" + dir.resolve("audit2").toAbsolutePath();
        CliRunner screen = CliRunner.run("screen", "--trial", "NCT06003530", "--ulcer-area-cm2", "12", "--age-years", "60", "--audit",
                "--no-evidence", "--db-url", db);
        assertThat(screen.exitCode()).as(screen.err()).isEqualTo(4);
        // a new transcription narrows the ulcer-area criterion: the same candidate is now ruled out
        Path evidence = dir.resolve("evidence");
        Path rules = dir.resolve("rules");
        TestFiles.copyTree(Path.of("evidence"), evidence);
        TestFiles.copyTree(Path.of("rules/hand-written"), rules.resolve("hand-written"));
        Path protocol = evidence.resolve("trials/NCT06003530.yaml");
        Files.writeString(protocol, Files.readString(protocol).replace("version: 1.0.0 ", "version: 1.1.0 ")
                .replace("when: {field: ulcerAreaCm2, min: 0.5, max: 13}", "when: {field: ulcerAreaCm2, min: 0.5, max: 10}"));
        assertThat(CliRunner.run("compile", "--evidence", evidence.toString(), "--rules", rules.toString()).exitCode()).isZero();
        CliRunner replay = CliRunner.run("audit", "replay", "1", "--db-url", db, "--evidence", evidence.toString(), "--rules", rules.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed answer identical to the one logged (digest matches)", "now:  ", "NCT06003530@1.1.0+rules.",
                "verdict: needs-information -> not-eligible",
                "criterion inclusion ulcer-area: met (ulcerAreaCm2 ≥ 0.5 and ≤ 13) -> not-met (ulcerAreaCm2 ≥ 0.5 and ≤ 10)");
    }
}
