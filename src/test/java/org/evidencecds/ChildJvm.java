package org.evidencecds;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs {@code org.evidencecds.Main} in a new JVM with the test class path, as a user runs the jar. */
public final class ChildJvm {

    /** How the process ended: exit code, standard output, standard error. */
    public record Run(int code, String out, String err) {
    }

    private ChildJvm() {
    }

    /** Runs Main with the arguments in {@code workDir} (null: the project folder); fails if it has not ended within 120 s. */
    public static Run main(Path workDir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.evidencecds.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        if (workDir != null) {
            builder.directory(workDir.toFile());
        }
        Process process = builder.start();
        // read both streams fully before waiting, so a full pipe cannot block the child
        CompletableFuture<String> err = new CompletableFuture<>();
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
            throw new AssertionError("the process did not end within 120 s: " + String.join(" ", args));
        }
        return new Run(process.exitValue(), out, err.get(60, TimeUnit.SECONDS));
    }
}
