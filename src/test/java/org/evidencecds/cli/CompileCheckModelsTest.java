package org.evidencecds.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.evidencecds.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compile --check} proves that the precompiled rule models on the classpath were built from the DRL the
 * evidence compiles to: it names each model's key, and fails (naming the index file) when the default folders'
 * rules have no model; for other folders a missing model is only noted, since they are compiled at start-up.
 */
class CompileCheckModelsTest {

    @Test
    void theBundledRulesHaveTheirModels() {
        CliRunner check = CliRunner.run("compile", "--check");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).startsWith("ok: rules").containsPattern("ok: precompiled model [0-9a-f]{64} holds the DRL of knowledge dfu-cell-therapy@")
                .containsPattern("ok: precompiled model [0-9a-f]{64} holds the DRL of trial NCT04569409@")
                .containsPattern("ok: precompiled model [0-9a-f]{64} holds the DRL of trial NCT06003530@")
                .contains("precompiled-rules/index.properties (built by Drools 10.2.0)");
    }

    @Test
    void otherRulesWithoutAModelAreNotedNotRefused(@TempDir Path dir) throws IOException {
        Path rules = changedRules(dir);
        CliRunner check = CliRunner.run("compile", "--check", "--rules", rules.toString());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("note: ", "index.properties: no precompiled model for knowledge dfu-cell-therapy@",
                "would be compiled from DRL at start-up").containsPattern("ok: precompiled model [0-9a-f]{64} holds the DRL of trial NCT04569409@");
    }

    @Test
    void theDefaultFoldersWithoutAModelFail(@TempDir Path dir) throws Exception {
        changedRules(dir);
        org.evidencecds.TestFiles.copyTree(Path.of("evidence"), dir.resolve("evidence"));
        ChildJvm.Run run = ChildJvm.main(dir, "compile", "--check");
        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(2);
        assertThat(run.err()).contains("error: ", "precompiled-rules/index.properties: no precompiled model for knowledge dfu-cell-therapy@",
                "(rebuild with `mvn package`)");
    }

    /** A copy of rules/ whose hand-written rules differ by a comment: still up to date with the evidence, but never precompiled. */
    private static Path changedRules(Path dir) throws IOException {
        Path rules = dir.resolve("rules");
        org.evidencecds.TestFiles.copyTree(Path.of("rules"), rules);
        Files.writeString(rules.resolve("hand-written/assembly.drl"), "\n// changed\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return rules;
    }
}
