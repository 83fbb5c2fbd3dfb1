package org.evidencecds.screening;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.evidencecds.rules.RuleFiles;

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
        return RuleFiles.writeAll(generatedDir(rulesDir), byFile(compiled));
    }

    /** Every difference between the committed trial rules and what the protocols compile to. */
    public static List<String> check(Path rulesDir, List<CriteriaCompiler.CompiledTrial> compiled) {
        Map<String, String> origins = new LinkedHashMap<>();
        compiled.forEach(c -> origins.put(c.fileName(), "evidence/trials/" + c.trialId() + ".yaml"));
        return RuleFiles.checkAll(generatedDir(rulesDir), byFile(compiled), origins,
                "no trial protocol compiles to this file (delete it or restore its protocol)");
    }

    private static Map<String, String> byFile(List<CriteriaCompiler.CompiledTrial> compiled) {
        Map<String, String> files = new LinkedHashMap<>();
        compiled.forEach(c -> files.put(c.fileName(), c.drl()));
        return files;
    }
}
