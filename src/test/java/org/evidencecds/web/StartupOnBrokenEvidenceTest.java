package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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

        Run run = serve("--evidence.dir=" + evidence, "--rules.dir=" + Path.of("rules").toAbsolutePath(), "--server.port=0");

        assertThat(run.code).isEqualTo(2);
        String all = run.out + run.err;
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

        Run run = serve("--evidence.dir=" + evidence, "--rules.dir=" + Path.of("rules").toAbsolutePath(), "--server.port=0");

        assertThat(run.code).isEqualTo(2);
        List<String> lines = run.err.lines().toList();
        assertThat(lines).hasSizeBetween(2, 5);
        assertThat(lines.get(0)).contains("dfu-cell-therapy.drl");
        assertThat(run.out + run.err).doesNotContain("at org.", "Exception");
    }

    private record Run(int code, String out, String err) {
    }

    /** Starts Main in a new JVM with the test class path, in a scratch folder (nothing is written to the project). */
    private Run serve(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.evidencecds.Main"));
        command.addAll(List.of(args));
        Path work = Files.createDirectories(dir.resolve("work"));
        Process process = new ProcessBuilder(command).directory(work.toFile()).start();
        var err = new java.util.concurrent.CompletableFuture<String>();
        Thread errReader = new Thread(() -> {
            try {
                err.complete(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                err.completeExceptionally(e);
            }
        });
        errReader.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the server did not stop: it started on broken evidence");
        }
        return new Run(process.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }
}
