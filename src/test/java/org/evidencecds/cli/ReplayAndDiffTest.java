package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.audit.AuditLog;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.rules.RuleCompiler;
import org.evidencecds.rules.RuleFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Replay under the logged knowledge version and diffs between versions, through the CLI. */
class ReplayAndDiffTest {

    @Test
    void aLoggedAnswerReplaysIdenticallyAndAnEvidenceUpdateShowsInTheDiff(@TempDir Path tmp) throws Exception {
        String url = "jdbc:h2:file:" + tmp.resolve("audit") + ";AUTO_SERVER=FALSE";
        DriverManagerDataSource ds = new DriverManagerDataSource(url, "sa", "");
        AuditLog.migrate(ds);
        KnowledgeArchive archive = new KnowledgeArchive(ds);

        // version 1: the shipped evidence, answering one request that is logged
        Knowledge v1 = KnowledgeLoader.load(Path.of("evidence"), Path.of("rules"));
        archive.retain(v1, Path.of("evidence"));
        PatientProfile profile = PatientProfile.of(Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0));
        EvidenceReport answer = new EvidenceFacade(v1).evaluate(profile);
        ObjectMapper json = new ObjectMapper();
        long id = new AuditLog(ds).record(new AuditLog.Entry("r1", "rest", null, json.writeValueAsString(profile.numbers()),
                answer.knowledgeVersion(), List.of(), AuditLog.digest(json.writeValueAsString(answer))));

        // version 2: an evidence update (the healing estimate corrected) in another folder
        Path evidence2 = tmp.resolve("evidence");
        Path pack2 = Files.createDirectories(evidence2.resolve("dfu-cell-therapy"));
        for (String name : PackLoader.FILES) {
            String text = Files.readString(Path.of("evidence/dfu-cell-therapy").resolve(name));
            if (name.equals(PackLoader.ESTIMATES_FILE)) {
                text = text.replace("numeric,OR,4.64,3.11,6.90", "numeric,OR,4.60,3.11,6.90");
            }
            Files.writeString(pack2.resolve(name), text);
        }
        Path rules2 = tmp.resolve("rules");
        Files.createDirectories(rules2.resolve("hand-written"));
        Files.copy(Path.of("rules/hand-written/assembly.drl"), rules2.resolve("hand-written/assembly.drl"));
        RuleFiles.write(rules2, List.of(RuleCompiler.compile(PackLoader.load(pack2))));
        Knowledge v2 = KnowledgeLoader.load(evidence2, rules2);
        archive.retain(v2, evidence2);
        assertThat(archive.versions()).containsExactly(v1.version(), v2.version());
        assertThat(archive.load(v1.version())).get().extracting(Knowledge::version).isEqualTo(v1.version());

        CliRunner replay = CliRunner.run("audit", "replay", String.valueOf(id), "--db-url", url,
                "--evidence", evidence2.toString(), "--rules", rules2.toString());
        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed answer identical to the one logged (digest matches)",
                "dfu-cell-therapy headline ulcer-healing: dfu-cell-therapy/ulcer-healing/overall OR 4.64 (95% CI 3.11 to 6.90)",
                "-> dfu-cell-therapy/ulcer-healing/overall OR 4.60 (95% CI 3.11 to 6.90)");

        Path profiles = tmp.resolve("profiles.csv");
        // the third patient has a foot ulcer with no area recorded (without one the foot-ulcer evidence does not apply)
        Files.writeString(profiles, "ulcerAreaCm2,diabetesDurationYears,footUlcer\n12,6,\n3,,\n,15,yes\n");
        CliRunner diff = CliRunner.run("diff", "--from", v1.version(), "--to", v2.version(), "--profiles", profiles.toString(),
                "--db-url", url, "--evidence", evidence2.toString(), "--rules", rules2.toString());
        assertThat(diff.exitCode()).as(diff.err()).isZero();
        assertThat(diff.out()).contains("3 of 3 profiles change", "line 2 (Ulcer area: 12 cm²; Diabetes duration: 6 years; Current diabetic foot ulcer: yes):");
        CliRunner same = CliRunner.run("diff", "--from", v1.version(), "--to", "current", "--profiles", profiles.toString(), "--db-url", url);
        assertThat(same.out()).contains("0 of 3 profiles change");
        CliRunner unknown = CliRunner.run("diff", "--from", "nope", "--to", "current", "--profiles", profiles.toString(), "--db-url", url);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("knowledge version nope is not in the archive");
    }
}
