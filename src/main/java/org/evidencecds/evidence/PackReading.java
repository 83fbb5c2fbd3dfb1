package org.evidencecds.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One load of one pack folder, shared by the readers of its files: the problems found in any file (each
 * located as {@code file:line:column}), the files that could not be read, what the files read so far hold
 * (a later file's references are checked against it), and reading a file as text, YAML or CSV.
 */
final class PackReading {

    final Path dir;
    final String packId;
    private final List<Problem> problems = new ArrayList<>();
    /** Files that could not be read at all: references into them are not checked (no cascades). */
    final Set<String> unreadable = new HashSet<>();

    // What has been read, in the order the files are read; each reader fills its own part.
    PackInfo info;
    final Map<String, Source> sources = new LinkedHashMap<>();
    final Map<String, OutcomeDefinition> outcomes = new LinkedHashMap<>();
    final Map<String, Dimension> dimensions = new LinkedHashMap<>();
    final Map<String, Study> studies = new LinkedHashMap<>();
    final Map<String, StudyOutcome> studyOutcomes = new LinkedHashMap<>();
    final Map<String, ReportedEstimate> estimates = new LinkedHashMap<>();
    final List<Conflict> conflicts = new ArrayList<>();
    /** pack.yaml's stated protocols (their elements are checked once dimensions.yaml is read). */
    final List<StatedProtocol> protocols = new ArrayList<>();
    final List<Incompatibility> incompatibilities = new ArrayList<>();
    /** The rows behind the studies and estimates: their cells are checked by column (dimension levels, conflicts). */
    final Map<String, CsvFile.Row> studyRows = new HashMap<>();
    final Map<String, CsvFile.Row> estimateRows = new HashMap<>();

    PackReading(Path dir) {
        this.dir = dir;
        this.packId = dir.getFileName().toString();
    }

    /** Refuses the whole pack when any file had a problem, listing them all in file, line and column order. */
    void refuseIfProblems() {
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                    .thenComparingInt(Problem::column).thenComparing(Problem::field));
            throw new PackValidationException(problems);
        }
    }

    /** The pack as read; only once {@link #refuseIfProblems()} found nothing. */
    EvidencePack pack(String contentHash) {
        return new EvidencePack(info, List.copyOf(sources.values()), List.copyOf(outcomes.values()),
                List.copyOf(dimensions.values()), List.copyOf(studies.values()), List.copyOf(studyOutcomes.values()),
                List.copyOf(estimates.values()), conflicts, contentHash, protocols, incompatibilities);
    }

    // ---- problems --------------------------------------------------------------------------------

    /** A file of this pack as problems and origins name it: {@code <pack id>/<file>}. */
    String file(String name) {
        return packId + "/" + name;
    }

    void problem(String fileName, int line, int column, String field, String reason) {
        problems.add(new Problem(file(fileName), line, column, field, reason));
    }

    void problem(String fileName, YamlNode node, String field, String reason) {
        problem(fileName, node.line, node.column, field, reason);
    }

    void problem(String fileName, CsvFile.Cell cell, String field, String reason) {
        problem(fileName, cell.line(), cell.column(), field, reason);
    }

    // ---- file access -----------------------------------------------------------------------------

    private String text(String name) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            problem(name, 0, 0, "file", "required file is missing");
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            problem(name, 0, 0, "file", "cannot be read as UTF-8 text: " + e.getMessage());
            return null;
        }
    }

    /** The file's top-level mapping, or null (with the problem reported) when it is missing or not a mapping. */
    YamlNode yaml(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try (Reader reader = new StringReader(text)) {
            YamlNode node = YamlNode.parse(reader);
            if (node.kind != YamlNode.Kind.MAP) {
                problem(name, node, "(document)", "must be a YAML mapping (key: value lines)");
                return null;
            }
            return node;
        } catch (YamlNode.DuplicateKeyException e) {
            problem(name, e.line, e.column, e.key, "key appears twice in the same mapping");
            return null;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            problem(name, line, column, "(yaml)", "malformed YAML: " + yamlMessage(e.getOriginalMessage()));
            return null;
        } catch (IOException e) {
            problem(name, 0, 0, "file", "cannot be read: " + e.getMessage());
            return null;
        }
    }

    /** SnakeYAML's message without its location lines and source excerpt (the location is in the prefix). */
    private static String yamlMessage(String message) {
        return message.lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("in 'reader'") && !l.startsWith("^") && !l.startsWith("..."))
                .filter(l -> l.startsWith("while") || l.startsWith("expected") || l.startsWith("found") || l.startsWith("mapping")
                        || l.startsWith("could not") || l.startsWith("did not") || l.startsWith("but found"))
                .reduce((a, b) -> a + ", " + b).orElse(message.lines().findFirst().orElse(""));
    }

    CsvFile csv(String name, List<String> columns, List<String> required) {
        return csv(name, columns, List.of(), required);
    }

    CsvFile csv(String name, List<String> columns, List<String> optional, List<String> required) {
        return csv(name, columns, optional::contains, optional.isEmpty() ? null : String.join(", ", optional), required);
    }

    /**
     * A CSV file whose header has the given columns, plus any the predicate accepts (described for the message);
     * null when the file is missing or its header is wrong. Rows missing a required value are reported here.
     */
    CsvFile csv(String name, List<String> columns, Predicate<String> optional, String optionalWords, List<String> required) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        CsvFile file;
        try (Reader reader = new StringReader(text)) {
            file = CsvFile.parse(reader);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            int column = e.getLocation() == null ? 0 : e.getLocation().getColumnNr();
            problem(name, line, column, "(csv)", "malformed CSV: " + e.getOriginalMessage().lines().findFirst().orElse(""));
            return null;
        } catch (IOException e) {
            problem(name, 0, 0, "file", "cannot be read: " + e.getMessage());
            return null;
        }
        if (file.header.isEmpty()) {
            problem(name, 1, 1, "header", "the file is empty; it needs at least the header row");
            return null;
        }
        Set<String> seen = new LinkedHashSet<>();
        boolean ok = true;
        for (CsvFile.Cell cell : file.header) {
            String column = cell.text().trim();
            if (!columns.contains(column) && !optional.test(column)) {
                problem(name, cell, column.isEmpty() ? "(empty)" : column,
                        "unknown column (allowed: " + String.join(", ", columns)
                                + (optionalWords == null ? "" : "; optional: " + optionalWords) + ")");
                ok = false;
            } else if (!seen.add(column)) {
                problem(name, cell, column, "column appears twice in the header");
                ok = false;
            }
        }
        List<String> missing = columns.stream().filter(c -> !seen.contains(c)).toList();
        if (!missing.isEmpty()) {
            problem(name, 1, 1, "header", "missing required column(s): " + String.join(", ", missing));
            ok = false;
        }
        if (!ok) {
            return null; // cells cannot be trusted to be in the columns they claim
        }
        for (CsvFile.Row row : file.rows) {
            for (CsvFile.Cell extra : row.extra()) {
                problem(name, extra, "(row)", "more cells than header columns (" + file.header.size() + ")");
            }
            for (String column : required) {
                CsvFile.Cell cell = row.cell(column);
                if (cell == null || cell.text().isBlank()) {
                    int column1 = cell == null ? 1 : cell.column();
                    problem(name, row.line(), column1, column, "required value is missing");
                }
            }
        }
        return file;
    }
}
