package org.evidencecds.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The {@code rules/} folder: {@code generated/<pack>.drl} (written by the compiler, committed, checked
 * against the evidence) and {@code hand-written/*.drl}.
 */
public final class RuleFiles {

    private RuleFiles() {
    }

    public static Path generatedDir(Path rulesDir) {
        return rulesDir.resolve("generated");
    }

    /** Hand-written DRL files by file name. */
    public static Map<String, String> handWritten(Path rulesDir) {
        Path dir = rulesDir.resolve("hand-written");
        Map<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                out.put(f.getFileName().toString(), Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Writes each pack's DRL; returns the files written. */
    public static List<Path> write(Path rulesDir, List<RuleCompiler.CompiledPack> compiled) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(generatedDir(rulesDir));
            for (RuleCompiler.CompiledPack c : compiled) {
                Path file = generatedDir(rulesDir).resolve(c.fileName());
                Files.writeString(file, c.drl(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** Every difference between the committed generated files and what the evidence compiles to. */
    public static List<String> check(Path rulesDir, List<RuleCompiler.CompiledPack> compiled) {
        List<String> stale = new ArrayList<>();
        List<String> expectedNames = new ArrayList<>();
        for (RuleCompiler.CompiledPack c : compiled) {
            Path file = generatedDir(rulesDir).resolve(c.fileName());
            expectedNames.add(c.fileName());
            try {
                if (!Files.isRegularFile(file)) {
                    stale.add(file + ": missing (run `java -jar target/evidence-cds.jar compile`)");
                } else if (!Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").equals(c.drl())) {
                    stale.add(file + ": out of date with evidence/" + c.packId() + " (run `java -jar target/evidence-cds.jar compile`)");
                }
            } catch (IOException e) {
                stale.add(file + ": cannot be read: " + e.getMessage());
            }
        }
        if (Files.isDirectory(generatedDir(rulesDir))) {
            try (Stream<Path> files = Files.list(generatedDir(rulesDir))) {
                files.filter(p -> p.toString().endsWith(".drl"))
                        .filter(p -> !expectedNames.contains(p.getFileName().toString()))
                        .sorted()
                        .forEach(p -> stale.add(p + ": no evidence pack compiles to this file (delete it or restore its pack)"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale;
    }
}
