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
        return writeAll(generatedDir(rulesDir), byFile(compiled));
    }

    /** Every difference between the committed generated files and what the evidence compiles to. */
    public static List<String> check(Path rulesDir, List<RuleCompiler.CompiledPack> compiled) {
        Map<String, String> origins = new TreeMap<>();
        compiled.forEach(c -> origins.put(c.fileName(), "evidence/" + c.packId()));
        return checkAll(generatedDir(rulesDir), byFile(compiled), origins, "no evidence pack compiles to this file (delete it or restore its pack)");
    }

    private static Map<String, String> byFile(List<RuleCompiler.CompiledPack> compiled) {
        Map<String, String> files = new java.util.LinkedHashMap<>();
        compiled.forEach(c -> files.put(c.fileName(), c.drl()));
        return files;
    }

    /** Writes generated files (name to text) into a folder; returns the files written. */
    public static List<Path> writeAll(Path dir, Map<String, String> files) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path file = dir.resolve(e.getKey());
                Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
                written.add(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /**
     * Every difference between a folder of committed generated files and what they should be: a file
     * missing, out of date with its origin (named in {@code origins}), or left over with no origin.
     */
    public static List<String> checkAll(Path dir, Map<String, String> files, Map<String, String> origins, String leftOver) {
        List<String> stale = new ArrayList<>();
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path file = dir.resolve(e.getKey());
            try {
                if (!Files.isRegularFile(file)) {
                    stale.add(file + ": missing (run `java -jar target/evidence-cds.jar compile`)");
                } else if (!Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").equals(e.getValue())) {
                    stale.add(file + ": out of date with " + origins.get(e.getKey()) + " (run `java -jar target/evidence-cds.jar compile`)");
                }
            } catch (IOException ex) {
                stale.add(file + ": cannot be read: " + ex.getMessage());
            }
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> listed = Files.list(dir)) {
                listed.filter(p -> p.toString().endsWith(".drl"))
                        .filter(p -> !files.containsKey(p.getFileName().toString()))
                        .sorted()
                        .forEach(p -> stale.add(p + ": " + leftOver));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return stale;
    }
}
