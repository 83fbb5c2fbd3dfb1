package org.evidencecds.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where screening rules live: {@code rules/generated/trials/<id>.drl} (compiled from the protocols,
 * committed, checked) and {@code rules/hand-written/screening/*.drl} (the verdict).
 */
public final class TrialRules {

    private TrialRules() {
    }

    public static Path generatedDir(Path rulesDir) {
        return rulesDir.resolve("generated").resolve("trials");
    }

    /** The hand-written screening rules, concatenated in file-name order with their names as comments. */
    public static String handWritten(Path rulesDir) {
        Path dir = rulesDir.resolve("hand-written").resolve("screening");
        StringBuilder all = new StringBuilder();
        if (!Files.isDirectory(dir)) {
            return "";
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }

    public static List<Path> write(Path rulesDir, List<CriteriaCompiler.CompiledTrial> compiled) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(generatedDir(rulesDir));
            for (CriteriaCompiler.CompiledTrial c : compiled) {
                Path f = generatedDir(rulesDir).resolve(c.fileName());
                Files.writeString(f, c.drl(), StandardCharsets.UTF_8);
                written.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** Every difference between the committed trial rules and what the protocols compile to. */
    public static List<String> check(Path rulesDir, List<CriteriaCompiler.CompiledTrial> compiled) {
        List<String> stale = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (CriteriaCompiler.CompiledTrial c : compiled) {
            Path f = generatedDir(rulesDir).resolve(c.fileName());
            names.add(c.fileName());
            try {
                if (!Files.isRegularFile(f)) {
                    stale.add(f + ": missing (run `java -jar target/evidence-cds.jar compile`)");
                } else if (!Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n").equals(c.drl())) {
                    stale.add(f + ": out of date with evidence/trials/" + c.trialId() + ".yaml (run `java -jar target/evidence-cds.jar compile`)");
                }
            } catch (IOException e) {
                stale.add(f + ": cannot be read: " + e.getMessage());
            }
        }
        if (Files.isDirectory(generatedDir(rulesDir))) {
            try (Stream<Path> files = Files.list(generatedDir(rulesDir))) {
                files.filter(p -> p.toString().endsWith(".drl")).filter(p -> !names.contains(p.getFileName().toString())).sorted()
                        .forEach(p -> stale.add(p + ": no trial protocol compiles to this file (delete it or restore its protocol)"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale;
    }
}
