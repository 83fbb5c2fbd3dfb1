package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command has --help and bad usage exits with 2; validate, reconcile and bench end to end. */
class CliTest {

    @ParameterizedTest
    @ValueSource(strings = {"meta", "validate", "reconcile", "bench", "compile", "evaluate", "provenance", "export", "screen", "cds-token", "knowledge", "hash-password"})
    void everyCommandHasHelp(String command) {
        CliRunner run = CliRunner.run(command, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: evidence-cds " + command);
    }

    @Test
    void rootHelpListsTheCommandsAndUnknownCommandsExitWith2() {
        CliRunner help = CliRunner.run("--help");
        assertThat(help.out()).contains("meta", "validate", "reconcile", "bench");
        assertThat(CliRunner.run("no-such-command").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("reconcile").exitCode()).as("missing --pack").isEqualTo(2);
        assertThat(CliRunner.run("reconcile", "--pack", "nope").exitCode()).isEqualTo(2);
        assertThat(CliRunner.run("bench", "--pack", "nope").exitCode()).isEqualTo(2);
    }

    @Test
    void validateReportsEveryProblemOfABrokenPackWithExitCode2() {
        CliRunner ok = CliRunner.run("validate");
        assertThat(ok.exitCode()).isZero();
        assertThat(ok.out()).startsWith("ok dfu-cell-therapy 1.2.0 (24 studies, 47 outcome rows, 16 reported estimates, 21 conflicts)");
        CliRunner broken = CliRunner.run("validate", "--evidence", "src/test/resources/packs/broken/many-problems");
        assertThat(broken.exitCode()).isEqualTo(2);
        assertThat(broken.err()).contains("many-problems/study_outcomes.csv:2:65: events_t: events (24) exceed total_t (20)",
                "many-problems/pack.yaml:2:10: version:");
    }

    @Test
    void evaluateCompileCheckAndProvenance() {
        CliRunner text = CliRunner.run("evaluate", "--ulcer-area-cm2", "12", "--diabetes-years", "6", "--ulcer-days", "250");
        assertThat(text.exitCode()).as(text.err()).isZero();
        // numbers as the source printed them (6.90, not 6.9), units as people write them (cm², not cm2)
        assertThat(text.out()).contains("Ulcer area" + " ".repeat(20) + "12 cm² -> ≥ 10 cm²", "* all included trials: OR 4.64 (95% CI 3.11 to 6.90)",
                "Decision support, not an order");
        CliRunner json = CliRunner.run("evaluate", "--ulcer-area-cm2", "3", "--json");
        assertThat(json.out()).contains("\"knowledgeVersion\" : \"dfu-cell-therapy@1.2.0,t2dm-msc@1.1.0+rules.", "\"status\" : \"input-missing\"");
        CliRunner bad = CliRunner.run("evaluate", "--ulcer-area-cm2", "-4");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err().strip()).isEqualTo("error: invalid patient profile: Ulcer area (--ulcer-area-cm2): must be between 0 and 1000 cm², got -4");
        assertThat(CliRunner.run("evaluate", "--ulcer-area-cm2", "abc").exitCode()).isEqualTo(2);

        CliRunner check = CliRunner.run("compile", "--check");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("ok: rules");
        CliRunner stale = CliRunner.run("compile", "--check", "--rules", "src/test/resources/no-such-rules");
        assertThat(stale.exitCode()).isEqualTo(2);
        assertThat(stale.err()).contains("dfu-cell-therapy.drl: missing");

        CliRunner chain = CliRunner.run("provenance", "dfu-cell-therapy/ulcer-healing/overall");
        assertThat(chain.exitCode()).as(chain.err()).isZero();
        assertThat(chain.out()).contains("-> reported estimate  dfu-cell-therapy/reported_estimates.csv:2",
                "snippet: cell therapy significantly improved the ulcer healing rate (OR = 4.64, 95% CI: 3.11 to 6.90)",
                "-> source  zhang2026", "link: https://doi.org/10.3389/fendo.2026.1763071",
                "evidence check: the finding's evidence on disk still hashes to sha256:");
        assertThat(CliRunner.run("provenance", "no/such/rule").exitCode()).isEqualTo(2);
        // a protocol traces to the source's own words, harms to each trial's statement
        assertThat(CliRunner.run("provenance", "dfu-cell-therapy/protocol/zhang2026-conclusion").out()).contains("@credibility = very low",
                "-> stated protocol  dfu-cell-therapy/pack.yaml:", "snippet: a protocol utilizing autologous BMMSCs", "-> source  zhang2026");
        assertThat(CliRunner.run("provenance", "dfu-cell-therapy/harms").out()).contains("-> trial statement  dfu-cell-therapy/study_outcomes.csv:41",
                "snippet: No adverse effects specifically due to cell transplantation were observed");
    }

    @Test
    void auditVerifyWalksTheChain(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String url = "jdbc:h2:file:" + dir.resolve("audit") + ";AUTO_SERVER=FALSE";
        org.springframework.jdbc.datasource.DriverManagerDataSource ds = new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "sa", "");
        org.evidencecds.audit.AuditLog.migrate(ds);
        org.evidencecds.audit.AuditLog log = new org.evidencecds.audit.AuditLog(ds);
        long first = log.record(new org.evidencecds.audit.AuditLog.Entry("r1", "cli", null, "{}", "v", java.util.List.of("x"), "sha256:0"));
        log.record(new org.evidencecds.audit.AuditLog.Entry("r2", "cli", null, "{}", "v", java.util.List.of("x"), "sha256:0"));
        CliRunner ok = CliRunner.run("audit", "verify", "--db-url", url);
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(ok.out().strip()).isEqualTo("ok: 2 rows, the hash chain holds");
        new org.springframework.jdbc.core.JdbcTemplate(ds).update("UPDATE audit_log SET channel = 'rest' WHERE id = ?", first);
        CliRunner broken = CliRunner.run("audit", "verify", "--db-url", url);
        assertThat(broken.exitCode()).isEqualTo(1);
        assertThat(broken.out()).startsWith("BROKEN: row " + first + ": its content does not match its hash");
    }

    @Test
    void reconcilePrintsTextAndJson() {
        CliRunner text = CliRunner.run("reconcile", "--pack", "bcg-metan", "--evidence", "src/test/resources/packs/reference");
        assertThat(text.exitCode()).isZero();
        assertThat(text.out()).contains("4 reported estimates: 4 reproduced within rounding, 0 differ, 0 not recomputable",
                "published:  0.4896 (95% CI 0.3449 to 0.695), k 13");
        CliRunner json = CliRunner.run("reconcile", "--pack", "dfu-cell-therapy", "--json");
        assertThat(json.exitCode()).isZero();
        assertThat(json.out()).contains("\"verdict\" : \"differs\"", "\"verdict\" : \"not-recomputable\"", "\"not-recomputable\" : 14");
    }
}
