package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.evidencecds.ChildJvm;
import org.evidencecds.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server started on evidence that does not load says why in a few lines and exits with 2: every problem
 * as file:line:column: field: reason, one summary line, no log and no stack trace (before: 78 lines, 55 stack
 * frames, only the first problem, exit status 1). Run as users run it, {@code org.evidencecds.Main} in a new JVM.
 */
class StartupOnBrokenEvidenceTest {

    @TempDir
    Path dir;

    @Test
    void everyProblemOfABrokenPackAndExitTwo() throws Exception {
        Path evidence = dir.resolve("evidence");
        TestFiles.copyTree(Path.of("evidence"), evidence);
        TestFiles.copyTree(Path.of("src/test/resources/packs/broken/many-problems/many-problems"), evidence.resolve("many-problems"));
        List<String> expected = Files.readAllLines(Path.of("src/test/resources/packs/broken/many-problems/expected-problems.txt"))
                .stream().filter(l -> !l.isBlank()).toList();
        assertThat(expected).hasSizeGreaterThan(10);

        ChildJvm.Run run = serve("--evidence.dir=" + evidence, "--rules.dir=" + Path.of("rules").toAbsolutePath(), "--server.port=0");

        assertThat(run.code()).isEqualTo(2);
        String all = run.out() + run.err();
        List<String> lines = all.lines().toList();
        assertThat(lines).containsAll(expected);
        assertThat(lines).hasSize(expected.size() + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("error: the server did not start: " + expected.size() + " problem(s) in evidence.dir=");
        assertThat(all).doesNotContain("at org.", "Exception", "INFO", "ERROR", "Tomcat");
    }

    @Test
    void rulesOutOfDateWithTheEvidenceStopItToo() throws Exception {
        Path evidence = dir.resolve("evidence");
        TestFiles.copyTree(Path.of("evidence"), evidence);
        Path pack = evidence.resolve("dfu-cell-therapy/pack.yaml");
        Files.writeString(pack, Files.readString(pack).replaceFirst("(?m)^version: 1\\.2\\.0", "version: 1.2.1"));

        ChildJvm.Run run = serve("--evidence.dir=" + evidence, "--rules.dir=" + Path.of("rules").toAbsolutePath(), "--server.port=0");

        assertThat(run.code()).isEqualTo(2);
        List<String> lines = run.err().lines().toList();
        assertThat(lines).hasSizeBetween(2, 5);
        assertThat(lines.get(0)).contains("dfu-cell-therapy.drl");
        assertThat(run.out() + run.err()).doesNotContain("at org.", "Exception");
    }

    /** Starts Main in a new JVM, in a scratch folder (nothing is written to the project); on broken evidence it must exit. */
    private ChildJvm.Run serve(String... args) throws Exception {
        return ChildJvm.main(Files.createDirectories(dir.resolve("work")), args);
    }
}
