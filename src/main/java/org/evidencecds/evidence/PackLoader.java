package org.evidencecds.evidence;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.Basis;
import org.evidencecds.evidence.Vocabulary.Benefit;
import org.evidencecds.evidence.Vocabulary.Contrast;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.evidence.Vocabulary.Direction;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.RiskOfBias;
import org.evidencecds.evidence.Vocabulary.RowHolds;
import org.evidencecds.evidence.Vocabulary.SourceKind;
import org.evidencecds.evidence.Vocabulary.Statistic;
import org.evidencecds.evidence.Vocabulary.UnitOfAnalysis;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * Loads an evidence pack (format: {@code evidence/FORMAT.md}) and validates all of it. The whole pack is
 * refused with a {@link PackValidationException} listing every problem as {@code file:line:column:
 * field: reason}; a pack that loads is complete and consistent.
 */
public final class PackLoader {

    public static final String PACK_FILE = "pack.yaml";
    public static final String DIMENSIONS_FILE = "dimensions.yaml";
    public static final String STUDIES_FILE = "studies.csv";
    public static final String OUTCOMES_FILE = "study_outcomes.csv";
    public static final String ESTIMATES_FILE = "reported_estimates.csv";
    public static final String CONFLICTS_FILE = "conflicts.csv";
    /** Files that make up a pack, in the order they are hashed. */
    public static final List<String> FILES = List.of(PACK_FILE, DIMENSIONS_FILE, STUDIES_FILE, OUTCOMES_FILE,
            ESTIMATES_FILE, CONFLICTS_FILE);

    static final List<String> STUDY_COLUMNS = List.of("id", "trial", "first_author", "year", "country", "design",
            "design_as_reported", "cell_type", "cell_type_as_reported", "cell_origin", "dose_cells_low",
            "dose_cells_high", "dose_unit", "dose_as_reported", "route", "route_as_reported", "control", "n_t", "n_c",
            "followup_weeks", "population", "risk_of_bias", "source", "locator", "status", "note");
    /** A pack adds its own study columns by naming them as a dimension's studyColumn. */
    private static final Pattern STUDY_COLUMN = Pattern.compile("[a-z][a-z0-9_]*");
    /**
     * Baseline characteristics a pack records for its studies: numeric columns named what_unit (e.g.
     * ulcer_area_cm2, diabetes_duration_years, hba1c_percent); values must be numbers >= 0.
     */
    static final Pattern BASELINE_COLUMN = Pattern.compile("[a-z][a-z0-9_]*_(years|months|weeks|days|cm2|mmhg|percent|kg|units|nmol_l|mmol_l|mg_dl|index)");
    static final List<String> OUTCOME_COLUMNS = List.of("id", "study", "outcome", "outcome_as_reported", "timepoint",
            "unit_of_analysis", "contrast", "statistic", "events_t", "total_t", "events_c", "total_c", "mean_t", "sd_t",
            "n_t", "mean_c", "sd_c", "n_c", "unit", "source", "locator", "snippet", "status", "note");
    static final List<String> ESTIMATE_COLUMNS = List.of("id", "outcome", "dimension", "level", "level_as_reported",
            "kind", "measure", "estimate", "ci_low", "ci_high", "p_value", "k", "n", "i2", "tau2", "model", "direction",
            "source", "locator", "snippet", "status", "note");
    /** Columns a file may have but need not (added after the first packs were written). */
    static final List<String> ESTIMATE_OPTIONAL_COLUMNS = List.of("p_interaction", "comparison", "sign");
    static final List<String> CONFLICT_COLUMNS = List.of("id", "subject", "field", "value_a", "source_a", "locator_a",
            "value_b", "source_b", "locator_b", "row_holds", "note");

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ROW_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
    private static final Pattern PMID = Pattern.compile("\\d+");
    private static final Pattern P_VALUE = Pattern.compile("[<>=]?\\s*(0?\\.\\d+|1(\\.0+)?|0)");

    private PackLoader() {
    }

    /** Loads every pack (each subfolder holding a pack.yaml) under the evidence root, sorted by id. */
    public static List<EvidencePack> loadAll(Path evidenceRoot) {
        List<Path> dirs;
        try (Stream<Path> children = Files.list(evidenceRoot)) {
            dirs = children.filter(p -> Files.isRegularFile(p.resolve(PACK_FILE))).sorted().toList();
        } catch (IOException e) {
            throw new PackValidationException(List.of(new Problem(evidenceRoot.toString(), 0, 0, "evidence",
                    "cannot list the evidence folder: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        List<EvidencePack> packs = new ArrayList<>();
        for (Path dir : dirs) {
            try {
                packs.add(load(dir));
            } catch (PackValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PackValidationException(problems);
        }
        return packs;
    }

    /** Loads and validates one pack folder. */
    public static EvidencePack load(Path packDir) {
        return new Reading(packDir).read();
    }

    /** SHA-256 over the pack's files (name, newline, content with line endings normalised), in a fixed order. */
    public static String contentHash(Path packDir) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String name : FILES) {
                Path file = packDir.resolve(name);
                digest.update((name + "\n").getBytes(StandardCharsets.UTF_8));
                if (Files.isRegularFile(file)) {
                    String text = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
                    digest.update(text.getBytes(StandardCharsets.UTF_8));
                }
                digest.update((byte) 0);
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new PackValidationException(List.of(new Problem(packDir.toString(), 0, 0, "files", "cannot read: " + e.getMessage())));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** State of one load: the problems found so far and what has been read. */
    private static final class Reading {
        private final Path dir;
        private final String packId;
        private final List<Problem> problems = new ArrayList<>();
        private final Map<String, Source> sources = new LinkedHashMap<>();
        private final Map<String, OutcomeDefinition> outcomes = new LinkedHashMap<>();
        private final Map<String, Dimension> dimensions = new LinkedHashMap<>();
        private final Map<String, Study> studies = new LinkedHashMap<>();
        private final Map<String, StudyOutcome> studyOutcomes = new LinkedHashMap<>();
        private final Map<String, ReportedEstimate> estimates = new LinkedHashMap<>();
        private final List<Conflict> conflicts = new ArrayList<>();
        private final Map<String, CsvFile.Row> studyRows = new HashMap<>();
        private final Map<String, CsvFile.Row> estimateRows = new HashMap<>();
        private PackInfo info;
        /** Files that could not be read at all: references into them are not checked (no cascades). */
        private final Set<String> unreadable = new java.util.HashSet<>();

        Reading(Path dir) {
            this.dir = dir;
            this.packId = dir.getFileName().toString();
        }

        EvidencePack read() {
            YamlNode pack = yaml(PACK_FILE);
            if (pack == null) {
                unreadable.add(PACK_FILE);
            }
            if (pack != null) {
                readPack(pack);
            }
            YamlNode dims = yaml(DIMENSIONS_FILE);
            if (dims == null) {
                unreadable.add(DIMENSIONS_FILE);
            }
            if (dims != null) {
                readDimensions(dims);
            }
            CsvFile studyFile = csv(STUDIES_FILE, STUDY_COLUMNS,
                    column -> dimensionColumns().contains(column) || BASELINE_COLUMN.matcher(column).matches(),
                    "a dimension's studyColumn, or a baseline column named what_unit (e.g. duration_years)",
                    List.of("id", "trial", "design", "source", "locator", "status"));
            if (studyFile != null) {
                studyFile.rows.forEach(this::readStudy);
            } else {
                unreadable.add(STUDIES_FILE);
            }
            checkDimensionColumns();
            CsvFile outcomeFile = csv(OUTCOMES_FILE, OUTCOME_COLUMNS,
                    List.of("id", "study", "outcome", "unit_of_analysis", "contrast", "source", "locator", "status"));
            if (outcomeFile != null) {
                outcomeFile.rows.forEach(this::readStudyOutcome);
            }
            CsvFile estimateFile = csv(ESTIMATES_FILE, ESTIMATE_COLUMNS, ESTIMATE_OPTIONAL_COLUMNS,
                    List.of("id", "kind", "source", "locator", "snippet", "status"));
            if (estimateFile != null) {
                estimateFile.rows.forEach(this::readEstimate);
            } else {
                unreadable.add(ESTIMATES_FILE);
            }
            CsvFile conflictFile = csv(CONFLICTS_FILE, CONFLICT_COLUMNS, List.of("id", "subject", "field", "value_a",
                    "source_a", "locator_a", "value_b", "source_b", "locator_b", "row_holds"));
            if (conflictFile != null) {
                conflictFile.rows.forEach(this::readConflict);
            }
            if (!problems.isEmpty()) {
                problems.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line)
                        .thenComparingInt(Problem::column).thenComparing(Problem::field));
                throw new PackValidationException(problems);
            }
            return new EvidencePack(info, List.copyOf(sources.values()), List.copyOf(outcomes.values()),
                    List.copyOf(dimensions.values()), List.copyOf(studies.values()), List.copyOf(studyOutcomes.values()),
                    List.copyOf(estimates.values()), conflicts, contentHash(dir));
        }

        // ---- problems --------------------------------------------------------------------------------

        private String file(String name) {
            return packId + "/" + name;
        }

        private void problem(String fileName, int line, int column, String field, String reason) {
            problems.add(new Problem(file(fileName), line, column, field, reason));
        }

        private void problem(String fileName, YamlNode node, String field, String reason) {
            problem(fileName, node.line, node.column, field, reason);
        }

        private void problem(String fileName, CsvFile.Cell cell, String field, String reason) {
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

        private YamlNode yaml(String name) {
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

        private CsvFile csv(String name, List<String> columns, List<String> required) {
            return csv(name, columns, List.of(), required);
        }

        private CsvFile csv(String name, List<String> columns, List<String> optional, List<String> required) {
            return csv(name, columns, optional::contains, optional.isEmpty() ? null : String.join(", ", optional), required);
        }

        /** A CSV file whose header has the given columns, plus any the predicate accepts (described for the message). */
        private CsvFile csv(String name, List<String> columns, java.util.function.Predicate<String> optional, String optionalWords,
                            List<String> required) {
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

        // ---- cell readers ----------------------------------------------------------------------------

        private static String str(CsvFile.Row row, String column) {
            CsvFile.Cell cell = row.cell(column);
            if (cell == null) {
                return null;
            }
            String t = cell.text().trim();
            return t.isEmpty() ? null : t;
        }

        private CsvFile.Cell at(CsvFile.Row row, String column) {
            CsvFile.Cell cell = row.cell(column);
            return cell != null ? cell : new CsvFile.Cell("", row.line(), 1);
        }

        private Integer integer(String file, CsvFile.Row row, String column, int min) {
            String t = str(row, column);
            if (t == null) {
                return null;
            }
            try {
                int v = Integer.parseInt(t);
                if (v < min) {
                    problem(file, at(row, column), column, "must be " + (min == 0 ? ">= 0" : ">= " + min) + ", found " + v);
                }
                return v;
            } catch (NumberFormatException e) {
                problem(file, at(row, column), column, "not a whole number: \"" + t + "\"");
                return null;
            }
        }

        private Double number(String file, CsvFile.Row row, String column) {
            String t = str(row, column);
            if (t == null) {
                return null;
            }
            try {
                double v = Double.parseDouble(t);
                if (!Double.isFinite(v) || t.endsWith("d") || t.endsWith("f") || t.endsWith("D") || t.endsWith("F")) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                problem(file, at(row, column), column, "not a number: \"" + t + "\" (use a plain decimal such as 4.64 or 1e7)");
                return null;
            }
        }

        private <E extends Enum<E>> E enumCell(String file, CsvFile.Row row, String column, Class<E> type) {
            String t = str(row, column);
            if (t == null) {
                return null;
            }
            E e = Enums.parse(type, t);
            if (e == null) {
                problem(file, at(row, column), column, "\"" + t + "\" is not allowed (allowed: " + Enums.allowed(type) + ")");
            }
            return e;
        }

        private List<String> sourceKeys(String file, CsvFile.Row row, String column) {
            String t = str(row, column);
            if (t == null) {
                return List.of();
            }
            List<String> keys = Arrays.stream(t.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            for (String key : keys) {
                if (!sources.containsKey(key) && !unreadable.contains(PACK_FILE)) {
                    problem(file, at(row, column), column, "unknown source key \"" + key + "\" (not in pack.yaml sources)");
                }
            }
            return keys;
        }

        private boolean uniqueId(String file, CsvFile.Row row, String id, Map<String, Integer> firstLines) {
            if (id == null) {
                return false;
            }
            if (!ROW_ID.matcher(id).matches()) {
                problem(file, at(row, "id"), "id", "\"" + id + "\" is not a valid id (letters, digits, _ . -)");
            }
            Integer first = firstLines.putIfAbsent(id, row.line());
            if (first != null) {
                problem(file, at(row, "id"), "id", "duplicate id \"" + id + "\" (first defined on line " + first + ")");
                return false;
            }
            return true;
        }

        private final Map<String, Map<String, Integer>> idLines = new HashMap<>();

        private Map<String, Integer> ids(String file) {
            return idLines.computeIfAbsent(file, f -> new HashMap<>());
        }

        // ---- pack.yaml -------------------------------------------------------------------------------

        private void readPack(YamlNode root) {
            String f = PACK_FILE;
            allowedKeys(f, root, "id", "version", "title", "description", "population", "intervention", "comparator",
                    "review", "poolDesigns", "recomputeFindings", "certaintyThresholds", "sources", "outcomes", "appliesTo");
            String id = scalar(f, root, "id", true);
            if (id != null && !id.equals(packId)) {
                problem(f, root.get("id"), "id", "\"" + id + "\" must equal the folder name \"" + packId + "\"");
            }
            String version = scalar(f, root, "version", true);
            if (version != null && !VERSION.matcher(version).matches()) {
                problem(f, root.get("version"), "version", "\"" + version + "\" is not a semantic version such as 1.0.0");
            }
            String review = scalar(f, root, "review", true);
            List<Design> poolDesigns = new ArrayList<>();
            for (YamlNode d : list(f, root, "poolDesigns", false)) {
                Design design = d.kind == YamlNode.Kind.SCALAR ? Enums.parse(Design.class, d.text.trim()) : null;
                if (design == null) {
                    problem(f, d, "poolDesigns", "\"" + d.text + "\" is not allowed (allowed: " + Enums.allowed(Design.class) + ")");
                } else {
                    poolDesigns.add(design);
                }
            }
            if (poolDesigns.isEmpty()) {
                poolDesigns.addAll(List.of(Design.values()));
            }
            List<org.evidencecds.profile.Condition> appliesTo = new ArrayList<>();
            for (YamlNode c : list(f, root, "appliesTo", false)) {
                org.evidencecds.profile.Condition condition = ConditionReader.read(c, "appliesTo[]",
                        (line, column, field, reason) -> problems.add(new Problem(file(f), line, column, field, reason)));
                if (condition != null) {
                    appliesTo.add(condition);
                }
            }
            info = new PackInfo(id, version, scalar(f, root, "title", true), scalar(f, root, "description", false),
                    scalar(f, root, "population", false), scalar(f, root, "intervention", false),
                    scalar(f, root, "comparator", false), review, poolDesigns, yamlBool(f, root, "recomputeFindings", false),
                    thresholds(root), appliesTo);
            for (YamlNode s : list(f, root, "sources", true)) {
                readSource(s);
            }
            if (review != null && !sources.containsKey(review)) {
                problem(f, root.get("review"), "review", "unknown source key \"" + review + "\" (not in sources)");
            }
            for (YamlNode o : list(f, root, "outcomes", true)) {
                readOutcome(o);
            }
        }

        private Map<String, Double> thresholds(YamlNode root) {
            Map<String, Double> out = new LinkedHashMap<>();
            YamlNode t = root.get("certaintyThresholds");
            if (t == null || t.kind == YamlNode.Kind.NULL) {
                return out;
            }
            if (t.kind != YamlNode.Kind.MAP) {
                problem(PACK_FILE, t, "certaintyThresholds", "must be a mapping of threshold name to number");
                return out;
            }
            for (String name : t.fields.keySet()) {
                Double v = yamlNumber(PACK_FILE, t, name);
                if (v != null) {
                    out.put(name, v);
                }
            }
            return out;
        }

        private void readSource(YamlNode s) {
            String f = PACK_FILE;
            if (s.kind != YamlNode.Kind.MAP) {
                problem(f, s, "sources", "each source must be a mapping");
                return;
            }
            allowedKeys(f, s, "key", "citation", "doi", "pmid", "pmcid", "year", "url", "kind", "access", "note");
            String key = scalar(f, s, "key", true);
            if (key != null && !ID.matcher(key).matches()) {
                problem(f, s.get("key"), "key", "\"" + key + "\" is not a valid key (lower-case letters, digits, -)");
            }
            String pmid = scalar(f, s, "pmid", false);
            if (pmid != null && !PMID.matcher(pmid).matches()) {
                problem(f, s.get("pmid"), "pmid", "\"" + pmid + "\" is not a PubMed id (digits only)");
            }
            String doi = scalar(f, s, "doi", false);
            if (doi != null && !doi.startsWith("10.")) {
                problem(f, s.get("doi"), "doi", "\"" + doi + "\" is not a DOI (starts with 10.)");
            }
            Integer year = yamlInt(f, s, "year", false);
            SourceKind kind = yamlEnum(f, s, "kind", SourceKind.class, true);
            Access access = yamlEnum(f, s, "access", Access.class, true);
            String citation = scalar(f, s, "citation", true);
            if (key != null) {
                if (sources.containsKey(key)) {
                    problem(f, s.get("key"), "key", "duplicate source key \"" + key + "\"");
                } else {
                    sources.put(key, new Source(key, citation, doi, pmid, scalar(f, s, "pmcid", false),
                            year, scalar(f, s, "url", false), kind, access, scalar(f, s, "note", false)));
                }
            }
        }

        private void readOutcome(YamlNode o) {
            String f = PACK_FILE;
            if (o.kind != YamlNode.Kind.MAP) {
                problem(f, o, "outcomes", "each outcome must be a mapping");
                return;
            }
            allowedKeys(f, o, "id", "name", "type", "measure", "unit", "benefit", "note", "comparator");
            String id = scalar(f, o, "id", true);
            if (id != null && !ID.matcher(id).matches()) {
                problem(f, o.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
            }
            OutcomeType type = yamlEnum(f, o, "type", OutcomeType.class, true);
            EffectMeasure measure = yamlEnumUpper(f, o, "measure", true);
            String unit = scalar(f, o, "unit", false);
            if (type != null && measure != null && (type == OutcomeType.BINARY) != measure.isBinary()) {
                problem(f, o.get("measure"), "measure", measure + " does not fit a " + Enums.token(type)
                        + " outcome (binary: OR, RR; continuous: MD, SMD)");
            }
            if (measure == EffectMeasure.MD && unit == null) {
                problem(f, o, "unit", "a mean difference needs its unit (e.g. days, cm2, mmHg)");
            }
            if (measure != null && measure != EffectMeasure.MD && unit != null) {
                problem(f, o.get("unit"), "unit", measure + " has no unit; leave unit empty (null)");
            }
            Benefit benefit = yamlEnum(f, o, "benefit", Benefit.class, true);
            Vocabulary.Comparator comparator = yamlEnum(f, o, "comparator", Vocabulary.Comparator.class, false);
            if (id != null) {
                if (outcomes.containsKey(id)) {
                    problem(f, o.get("id"), "id", "duplicate outcome id \"" + id + "\"");
                } else {
                    outcomes.put(id, new OutcomeDefinition(id, scalar(f, o, "name", true), type, measure, unit, benefit,
                            scalar(f, o, "note", false), comparator));
                }
            }
        }

        // ---- dimensions.yaml -------------------------------------------------------------------------

        private void readDimensions(YamlNode root) {
            String f = DIMENSIONS_FILE;
            allowedKeys(f, root, "dimensions");
            for (YamlNode d : list(f, root, "dimensions", true)) {
                if (d.kind != YamlNode.Kind.MAP) {
                    problem(f, d, "dimensions", "each dimension must be a mapping");
                    continue;
                }
                allowedKeys(f, d, "id", "name", "kind", "unit", "profileField", "studyColumn", "note", "levels", "apriori", "role");
                String id = scalar(f, d, "id", true);
                if (id != null && !ID.matcher(id).matches()) {
                    problem(f, d.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
                }
                DimensionKind kind = yamlEnum(f, d, "kind", DimensionKind.class, true);
                String unit = scalar(f, d, "unit", false);
                String profileField = scalar(f, d, "profileField", false);
                String studyColumn = scalar(f, d, "studyColumn", false);
                if (kind == DimensionKind.NUMERIC && unit == null) {
                    problem(f, d, "unit", "a numeric dimension needs a unit");
                }
                if (kind == DimensionKind.CATEGORICAL && unit != null) {
                    problem(f, d.get("unit"), "unit", "a categorical dimension has no unit");
                }
                if (unit != null) {
                    checkUnitSuffix(d, "studyColumn", studyColumn, unit, columnSuffix(studyColumn, unit));
                    checkUnitSuffix(d, "profileField", profileField, unit, fieldUnit(profileField));
                }
                if (studyColumn != null && !STUDY_COLUMN.matcher(studyColumn).matches()) {
                    problem(f, d.get("studyColumn"), "studyColumn", "\"" + studyColumn + "\" is not a column name (lower-case letters, digits, _)");
                }
                List<Level> levels = new ArrayList<>();
                Set<String> levelIds = new LinkedHashSet<>();
                for (YamlNode l : list(f, d, "levels", true)) {
                    Level level = readLevel(l, kind);
                    if (level == null) {
                        continue;
                    }
                    if (!levelIds.add(level.id())) {
                        problem(f, l.get("id"), "id", "duplicate level id \"" + level.id() + "\" in dimension " + id);
                        continue;
                    }
                    levels.add(level);
                }
                if (kind == DimensionKind.NUMERIC) {
                    checkBands(id, levels);
                }
                Dimension.Apriori apriori = null;
                YamlNode a = d.get("apriori");
                if (a != null && a.kind == YamlNode.Kind.MAP) {
                    allowedKeys(f, a, "level", "direction", "source", "locator", "snippet");
                    String level = scalar(f, a, "level", true);
                    if (level != null && !levelIds.contains(level)) {
                        problem(f, a.get("level"), "level", "\"" + level + "\" is not a level of dimension " + id);
                    }
                    String direction = scalar(f, a, "direction", true);
                    if (direction != null && !List.of("larger-benefit", "smaller-benefit").contains(direction)) {
                        problem(f, a.get("direction"), "direction", "\"" + direction + "\" is not allowed (allowed: larger-benefit, smaller-benefit)");
                    }
                    String source = scalar(f, a, "source", true);
                    if (source != null && !sources.containsKey(source)) {
                        problem(f, a.get("source"), "source", "unknown source key \"" + source + "\" (not in pack.yaml sources)");
                    }
                    apriori = new Dimension.Apriori(level, direction, source, scalar(f, a, "locator", true), scalar(f, a, "snippet", true));
                } else if (a != null && a.kind != YamlNode.Kind.NULL) {
                    problem(f, a, "apriori", "must be a mapping with level, direction, source, locator, snippet");
                }
                String role = scalar(f, d, "role", false);
                if (role != null && !role.equals("timepoint")) {
                    problem(f, d.get("role"), "role", "\"" + role + "\" is not allowed (allowed: timepoint; leave it out for patient or protocol dimensions)");
                }
                boolean timepoint = "timepoint".equals(role);
                if (timepoint && profileField != null) {
                    problem(f, d.get("profileField"), "profileField", "a timepoint dimension slices results by follow-up, not by a patient field");
                }
                if (id != null) {
                    if (dimensions.containsKey(id)) {
                        problem(f, d.get("id"), "id", "duplicate dimension id \"" + id + "\"");
                    } else {
                        dimensions.put(id, new Dimension(id, scalar(f, d, "name", true), kind, unit, profileField,
                                studyColumn, scalar(f, d, "note", false), levels, apriori, new Origin(file(f), d.line), timepoint));
                    }
                }
            }
        }

        /** The unit a column name ends with, for a dimension in this unit (nmol/L is written _nmol_l). */
        private static String columnSuffix(String column, String unit) {
            if (column == null) {
                return null;
            }
            if (column.startsWith("dose_cells")) {
                return "cells";
            }
            String written = unit.toLowerCase(java.util.Locale.ROOT).replace('/', '_');
            if (column.endsWith("_" + written)) {
                return unit;
            }
            int i = column.lastIndexOf('_');
            return i < 0 ? column : column.substring(i + 1);
        }

        /** The unit of a profile field, as the profile schema (fields.yaml) declares it. */
        private static String fieldUnit(String field) {
            // an unknown field is the rule compiler's to report (with the fields the profile has)
            return field == null ? null : org.evidencecds.profile.ProfileSchema.field(field)
                    .map(f -> f.unit() == null ? "(categorical)" : f.unit()).orElse(null);
        }

        private void checkUnitSuffix(YamlNode d, String key, String name, String unit, String suffix) {
            if (name != null && suffix != null && !unit.equals(suffix)) {
                problem(DIMENSIONS_FILE, d.get(key), key, "unit mismatch: \"" + name + "\" is in " + suffix
                        + " but the dimension's unit is " + unit);
            }
        }

        private Level readLevel(YamlNode l, DimensionKind kind) {
            String f = DIMENSIONS_FILE;
            if (l.kind != YamlNode.Kind.MAP) {
                problem(f, l, "levels", "each level must be a mapping");
                return null;
            }
            allowedKeys(f, l, "id", "label", "lower", "lowerInclusive", "upper", "upperInclusive", "basis", "source",
                    "locator", "snippet", "rationale");
            String id = scalar(f, l, "id", true);
            if (id != null && !ID.matcher(id).matches()) {
                problem(f, l.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
            }
            Interval interval = null;
            if (kind == DimensionKind.NUMERIC) {
                Double lower = yamlNumber(f, l, "lower");
                Double upper = yamlNumber(f, l, "upper");
                boolean lowerInclusive = yamlBool(f, l, "lowerInclusive", lower != null);
                boolean upperInclusive = yamlBool(f, l, "upperInclusive", upper != null);
                if (!l.fields.containsKey("lower") || !l.fields.containsKey("upper")) {
                    problem(f, l, "lower/upper", "a numeric level needs lower and upper (null for unbounded)");
                }
                if (lower != null && upper != null && (lower > upper || (lower.equals(upper) && !(lowerInclusive && upperInclusive)))) {
                    problem(f, l, "lower", "band is empty: lower " + lower + " and upper " + upper);
                }
                if ((lower == null && lowerInclusive) || (upper == null && upperInclusive)) {
                    problem(f, l, "lowerInclusive/upperInclusive", "an unbounded side cannot be inclusive");
                }
                boolean boundsParsed = (lower != null || l.isNullOrMissing("lower")) && (upper != null || l.isNullOrMissing("upper"));
                interval = boundsParsed ? new Interval(lower, lowerInclusive, upper, upperInclusive) : null;
            } else if (kind == DimensionKind.CATEGORICAL) {
                for (String key : List.of("lower", "upper", "lowerInclusive", "upperInclusive")) {
                    if (l.fields.containsKey(key)) {
                        problem(f, l.get(key), key, "a categorical level has no bounds");
                    }
                }
            }
            Basis basis = yamlEnum(f, l, "basis", Basis.class, true);
            String source = scalar(f, l, "source", false);
            String locator = scalar(f, l, "locator", false);
            String snippet = scalar(f, l, "snippet", false);
            String rationale = scalar(f, l, "rationale", false);
            if (basis == Basis.SOURCE) {
                if (source == null) {
                    problem(f, l, "source", "basis source needs the source key");
                } else if (!sources.containsKey(source)) {
                    problem(f, l.get("source"), "source", "unknown source key \"" + source + "\" (not in pack.yaml sources)");
                }
                if (locator == null) {
                    problem(f, l, "locator", "basis source needs a locator (where in the source)");
                }
                if (snippet == null) {
                    problem(f, l, "snippet", "basis source needs a verbatim snippet");
                }
            } else if (basis == Basis.PROJECT && rationale == null) {
                problem(f, l, "rationale", "basis project needs a rationale: why this cut-off");
            }
            return id == null ? null : new Level(id, scalar(f, l, "label", true), interval, basis, source, locator, snippet,
                    rationale, new Origin(file(f), l.line));
        }

        private void checkBands(String dimension, List<Level> levels) {
            if (levels.stream().anyMatch(l -> l.interval() == null)) {
                return; // a bound did not parse; that problem is reported already
            }
            List<Level> sorted = new ArrayList<>(levels);
            sorted.sort(Comparator.comparing(l -> l.interval().lower() == null ? Double.NEGATIVE_INFINITY : l.interval().lower()));
            for (int i = 1; i < sorted.size(); i++) {
                Interval prev = sorted.get(i - 1).interval();
                Interval next = sorted.get(i).interval();
                Level at = sorted.get(i);
                String pair = sorted.get(i - 1).id() + " " + prev + " and " + at.id() + " " + next;
                double prevUpper = prev.upper() == null ? Double.POSITIVE_INFINITY : prev.upper();
                double nextLower = next.lower() == null ? Double.NEGATIVE_INFINITY : next.lower();
                if (prevUpper < nextLower) {
                    problem(DIMENSIONS_FILE, at.origin().line(), 1, "lower", "gap between bands " + pair + " of dimension " + dimension);
                } else if (prevUpper > nextLower) {
                    problem(DIMENSIONS_FILE, at.origin().line(), 1, "lower", "bands overlap: " + pair + " of dimension " + dimension);
                } else if (prev.upperInclusive() && next.lowerInclusive()) {
                    problem(DIMENSIONS_FILE, at.origin().line(), 1, "lowerInclusive",
                            "bands overlap at " + Interval.format(nextLower) + ": " + pair + " both include it");
                } else if (!prev.upperInclusive() && !next.lowerInclusive()) {
                    problem(DIMENSIONS_FILE, at.origin().line(), 1, "lowerInclusive",
                            "gap at " + Interval.format(nextLower) + ": " + pair + " both exclude it");
                }
            }
        }

        /** Study columns this pack adds through its dimensions' studyColumn, beyond the core columns. */
        private List<String> dimensionColumns() {
            return dimensions.values().stream().map(Dimension::studyColumn).filter(c -> c != null && !STUDY_COLUMNS.contains(c))
                    .distinct().sorted().toList();
        }

        private boolean numericDimensionColumn(String column) {
            return dimensions.values().stream().anyMatch(d -> column.equals(d.studyColumn()) && d.kind() == DimensionKind.NUMERIC);
        }

        private void checkDimensionColumns() {
            for (Dimension d : dimensions.values()) {
                if (d.studyColumn() == null
                        || (d.kind() == DimensionKind.NUMERIC && d.levels().stream().anyMatch(l -> l.interval() == null))) {
                    continue; // no column, or a band that did not parse (reported already)
                }
                for (Study s : studies.values()) {
                    String value = s.cell(d.studyColumn());
                    if (value == null) {
                        continue;
                    }
                    CsvFile.Cell cell = at(studyRows.get(s.id()), d.studyColumn());
                    if (d.kind() == DimensionKind.CATEGORICAL) {
                        if (d.level(value).isEmpty()) {
                            problem(STUDIES_FILE, cell, d.studyColumn(), "\"" + value + "\" is not a level of dimension "
                                    + d.id() + " (levels: " + String.join(", ", d.levels().stream().map(Level::id).toList()) + ")");
                        }
                    } else {
                        try {
                            double x = Double.parseDouble(value);
                            if (d.levelContaining(x).isEmpty()) {
                                problem(STUDIES_FILE, cell, d.studyColumn(), value + " is outside every band of dimension " + d.id());
                            }
                        } catch (NumberFormatException e) {
                            // reported when the study row was read
                        }
                    }
                }
            }
        }

        // ---- studies.csv -----------------------------------------------------------------------------

        private void readStudy(CsvFile.Row row) {
            String f = STUDIES_FILE;
            String id = str(row, "id");
            boolean unique = uniqueId(f, row, id, ids(f));
            Integer year = integer(f, row, "year", 0);
            Design design = enumCell(f, row, "design", Design.class);
            Double doseLow = positiveNumber(f, row, "dose_cells_low");
            Double doseHigh = positiveNumber(f, row, "dose_cells_high");
            if (doseLow != null && doseHigh != null && doseLow > doseHigh) {
                problem(f, at(row, "dose_cells_high"), "dose_cells_high", "must be >= dose_cells_low (" + doseLow + ")");
            }
            if ((doseLow == null) != (doseHigh == null)) {
                problem(f, at(row, doseLow == null ? "dose_cells_low" : "dose_cells_high"), doseLow == null ? "dose_cells_low" : "dose_cells_high",
                        "give both dose_cells_low and dose_cells_high (equal for a single dose)");
            }
            String doseUnit = str(row, "dose_unit");
            if (doseLow != null && doseUnit == null) {
                problem(f, at(row, "dose_unit"), "dose_unit", "required when a dose is given: what the cell count is per");
            }
            Integer nT = integer(f, row, "n_t", 0);
            Integer nC = integer(f, row, "n_c", 0);
            Double followup = positiveNumber(f, row, "followup_weeks");
            for (String column : row.cells().keySet()) {
                if (!STUDY_COLUMNS.contains(column) && (BASELINE_COLUMN.matcher(column).matches() || numericDimensionColumn(column))) {
                    Double v = number(f, row, column); // unparseable numbers are reported here
                    if (v != null && v < 0) {
                        problem(f, at(row, column), column, "must be >= 0, found " + v);
                    }
                }
            }
            RiskOfBias rob = enumCell(f, row, "risk_of_bias", RiskOfBias.class);
            List<String> keys = sourceKeys(f, row, "source");
            VerificationStatus status = enumCell(f, row, "status", VerificationStatus.class);
            Map<String, String> cells = new LinkedHashMap<>();
            row.cells().forEach((k, v) -> cells.put(k, v.text().trim()));
            if (unique) {
                studyRows.put(id, row);
                studies.put(id, new Study(id, str(row, "trial"), str(row, "first_author"), year, design, str(row, "cell_type"),
                        str(row, "cell_origin"), str(row, "route"), doseLow, doseHigh, doseUnit, nT, nC, followup, rob, keys,
                        str(row, "locator"), status, cells, new Origin(file(f), row.line())));
            }
        }

        private Double positiveNumber(String f, CsvFile.Row row, String column) {
            Double v = number(f, row, column);
            if (v != null && !(v > 0)) {
                problem(f, at(row, column), column, "must be > 0, found " + v);
            }
            return v;
        }

        // ---- study_outcomes.csv ----------------------------------------------------------------------

        private void readStudyOutcome(CsvFile.Row row) {
            String f = OUTCOMES_FILE;
            String id = str(row, "id");
            boolean unique = uniqueId(f, row, id, ids(f));
            String study = str(row, "study");
            if (study != null && !studies.containsKey(study) && !unreadable.contains(STUDIES_FILE)) {
                problem(f, at(row, "study"), "study", "unknown study \"" + study + "\" (not in studies.csv)");
            }
            String outcomeId = str(row, "outcome");
            OutcomeDefinition outcome = outcomeId == null ? null : outcomes.get(outcomeId);
            if (outcomeId != null && outcome == null && !unreadable.contains(PACK_FILE)) {
                problem(f, at(row, "outcome"), "outcome", "unknown outcome \"" + outcomeId + "\" (not in pack.yaml outcomes)");
            }
            UnitOfAnalysis unitOfAnalysis = enumCell(f, row, "unit_of_analysis", UnitOfAnalysis.class);
            Contrast contrast = enumCell(f, row, "contrast", Contrast.class);
            if (contrast == Contrast.BETWEEN_ARMS && outcome != null && outcome.comparator() == Vocabulary.Comparator.VS_BASELINE) {
                problem(f, at(row, "contrast"), "contrast", "a comparison with a control arm cannot be recorded under outcome \""
                        + outcomeId + "\", which is a change from baseline (comparator vs-baseline); use its vs-control outcome");
            }
            Statistic statistic = str(row, "statistic") == null ? Statistic.MEAN : enumCell(f, row, "statistic", Statistic.class);
            Integer eventsT = integer(f, row, "events_t", 0);
            Integer totalT = integer(f, row, "total_t", 1);
            Integer eventsC = integer(f, row, "events_c", 0);
            Integer totalC = integer(f, row, "total_c", 1);
            checkEvents(row, "events_t", eventsT, "total_t", totalT);
            checkEvents(row, "events_c", eventsC, "total_c", totalC);
            Double meanT = number(f, row, "mean_t");
            Double sdT = number(f, row, "sd_t");
            Integer nT = integer(f, row, "n_t", 1);
            Double meanC = number(f, row, "mean_c");
            Double sdC = number(f, row, "sd_c");
            Integer nC = integer(f, row, "n_c", 1);
            for (String column : List.of("sd_t", "sd_c")) {
                Double sd = "sd_t".equals(column) ? sdT : sdC;
                if (sd != null && !(sd > 0)) {
                    problem(f, at(row, column), column, "a standard deviation must be > 0, found " + sd);
                }
            }
            String unit = str(row, "unit");
            if (outcome != null && outcome.type() != null) {
                List<String> wrong = outcome.type() == OutcomeType.BINARY
                        ? List.of("mean_t", "sd_t", "n_t", "mean_c", "sd_c", "n_c")
                        : List.of("events_t", "total_t", "events_c", "total_c");
                for (String column : wrong) {
                    if (str(row, column) != null) {
                        problem(f, at(row, column), column, "outcome " + outcomeId + " is " + Enums.token(outcome.type())
                                + (outcome.type() == OutcomeType.BINARY ? ": use events/total columns" : ": use mean/sd/n columns"));
                    }
                }
                if (outcome.type() == OutcomeType.CONTINUOUS && outcome.unit() != null) {
                    if (unit == null) {
                        problem(f, at(row, "unit"), "unit", "required for a continuous outcome (expected " + outcome.unit() + ")");
                    } else if (!unit.equals(outcome.unit())) {
                        problem(f, at(row, "unit"), "unit", "unit mismatch: outcome " + outcomeId + " is in "
                                + outcome.unit() + ", this row is in " + unit);
                    }
                }
            }
            List<String> keys = sourceKeys(f, row, "source");
            VerificationStatus status = enumCell(f, row, "status", VerificationStatus.class);
            if (unique) {
                studyOutcomes.put(id, new StudyOutcome(id, study, outcomeId, str(row, "outcome_as_reported"),
                        str(row, "timepoint"), unitOfAnalysis, contrast, statistic, eventsT, totalT, eventsC, totalC,
                        meanT, sdT, nT, meanC, sdC, nC, unit, keys, str(row, "locator"), str(row, "snippet"), status,
                        str(row, "note"), new Origin(file(f), row.line())));
            }
        }

        private void checkEvents(CsvFile.Row row, String eventsColumn, Integer events, String totalColumn, Integer total) {
            if (events != null && total != null && events > total) {
                problem(OUTCOMES_FILE, at(row, eventsColumn), eventsColumn, "events (" + events + ") exceed " + totalColumn
                        + " (" + total + ")");
            }
        }

        // ---- reported_estimates.csv ------------------------------------------------------------------

        private void readEstimate(CsvFile.Row row) {
            String f = ESTIMATES_FILE;
            String id = str(row, "id");
            boolean unique = uniqueId(f, row, id, ids(f));
            EstimateKind kind = enumCell(f, row, "kind", EstimateKind.class);
            String outcomeId = str(row, "outcome");
            OutcomeDefinition outcome = outcomeId == null ? null : outcomes.get(outcomeId);
            if (outcomeId != null && outcome == null && !unreadable.contains(PACK_FILE)) {
                problem(f, at(row, "outcome"), "outcome", "unknown outcome \"" + outcomeId + "\" (not in pack.yaml outcomes)");
            }
            if (outcomeId == null && kind == EstimateKind.NUMERIC) {
                problem(f, at(row, "outcome"), "outcome", "required for a numeric estimate");
            }
            String dimensionId = str(row, "dimension");
            String levelId = str(row, "level");
            String levelAsReported = str(row, "level_as_reported");
            if (dimensionId == null && levelId != null) {
                problem(f, at(row, "dimension"), "dimension", "a level needs its dimension");
            }
            if (dimensionId != null && !unreadable.contains(DIMENSIONS_FILE)) {
                Dimension d = dimensions.get(dimensionId);
                if (d == null) {
                    problem(f, at(row, "dimension"), "dimension", "unknown dimension \"" + dimensionId + "\" (not in dimensions.yaml)");
                } else if (levelId != null && d.level(levelId).isEmpty()) {
                    problem(f, at(row, "level"), "level", "\"" + levelId + "\" is not a level of dimension " + dimensionId);
                } else if (levelId == null && levelAsReported == null) {
                    problem(f, at(row, "level"), "level", "a subgroup estimate needs a level, or level_as_reported when the source's level has no definition");
                }
            }
            EffectMeasure measure = str(row, "measure") == null ? null : parseMeasure(row);
            Double estimate = number(f, row, "estimate");
            Double ciLow = number(f, row, "ci_low");
            Double ciHigh = number(f, row, "ci_high");
            Direction direction = enumCell(f, row, "direction", Direction.class);
            if (kind == EstimateKind.NUMERIC) {
                if (measure == null && str(row, "measure") == null) {
                    problem(f, at(row, "measure"), "measure", "required for a numeric estimate");
                }
                if (estimate == null && str(row, "estimate") == null) {
                    problem(f, at(row, "estimate"), "estimate", "required for a numeric estimate");
                }
                if (measure != null && outcome != null && outcome.type() != null
                        && measure.isBinary() != (outcome.type() == OutcomeType.BINARY)) {
                    problem(f, at(row, "measure"), "measure", measure + " does not fit outcome " + outcomeId + " ("
                            + Enums.token(outcome.type()) + ", pooled as " + outcome.measure() + ")");
                }
                if ((ciLow == null) != (ciHigh == null)) {
                    problem(f, at(row, ciLow == null ? "ci_low" : "ci_high"), ciLow == null ? "ci_low" : "ci_high",
                            "give both confidence limits or neither");
                }
                if (estimate != null && ciLow != null && ciHigh != null && !(ciLow <= estimate && estimate <= ciHigh)) {
                    problem(f, at(row, "estimate"), "estimate", "must lie within its confidence interval ["
                            + ciLow + ", " + ciHigh + "], found " + estimate);
                }
                if (measure != null && measure.isBinary()) {
                    for (String column : List.of("estimate", "ci_low", "ci_high")) {
                        Double v = "estimate".equals(column) ? estimate : "ci_low".equals(column) ? ciLow : ciHigh;
                        if (v != null && !(v > 0)) {
                            problem(f, at(row, column), column, measure + " values are on the ratio scale and must be > 0, found " + v);
                        }
                    }
                }
            } else if (kind == EstimateKind.DIRECTION_ONLY) {
                if (direction == null && str(row, "direction") == null) {
                    problem(f, at(row, "direction"), "direction", "required for a direction-only claim (allowed: "
                            + Enums.allowed(Direction.class) + ")");
                }
                for (String column : List.of("estimate", "ci_low", "ci_high")) {
                    if (str(row, column) != null) {
                        problem(f, at(row, column), column, "a direction-only claim has no number; use kind numeric");
                    }
                }
            }
            Integer k = integer(f, row, "k", 1);
            Integer n = integer(f, row, "n", 1);
            Double i2 = number(f, row, "i2");
            if (i2 != null && (i2 < 0 || i2 > 100)) {
                problem(f, at(row, "i2"), "i2", "I² is a percentage between 0 and 100, found " + i2);
            }
            Double tau2 = number(f, row, "tau2");
            if (tau2 != null && tau2 < 0) {
                problem(f, at(row, "tau2"), "tau2", "tau² cannot be negative, found " + tau2);
            }
            String comparison = str(row, "comparison");
            if (comparison != null && !List.of("within-trial", "between-trial").contains(comparison)) {
                problem(f, at(row, "comparison"), "comparison", "\"" + comparison + "\" is not allowed (allowed: within-trial, between-trial)");
            }
            if (comparison != null && dimensionId == null) {
                problem(f, at(row, "comparison"), "comparison", "only a subgroup estimate has an effect-modification comparison");
            }
            String pInteraction = str(row, "p_interaction");
            if (pInteraction != null && !P_VALUE.matcher(pInteraction).matches()) {
                problem(f, at(row, "p_interaction"), "p_interaction", "\"" + pInteraction + "\" is not a p value (e.g. 0.03, <0.01, >0.05)");
            }
            List<String> keys = sourceKeys(f, row, "source");
            VerificationStatus status = enumCell(f, row, "status", VerificationStatus.class);
            String sign = str(row, "sign");
            if (sign != null && !List.of("as-outcome", "reversed").contains(sign)) {
                problem(f, at(row, "sign"), "sign", "\"" + sign + "\" is not allowed (allowed: as-outcome, reversed)");
            } else if ("reversed".equals(sign) && kind != EstimateKind.NUMERIC) {
                problem(f, at(row, "sign"), "sign", "only a numeric estimate has a sign convention");
            }
            if (unique) {
                estimateRows.put(id, row);
                estimates.put(id, new ReportedEstimate(id, outcomeId, dimensionId, levelId, levelAsReported, kind, measure,
                        estimate, ciLow, ciHigh, str(row, "estimate"), str(row, "ci_low"), str(row, "ci_high"),
                        str(row, "p_value"), k, n, i2, tau2, str(row, "model"), direction, keys, str(row, "locator"),
                        str(row, "snippet"), status, str(row, "note"), pInteraction,
                        comparison == null && dimensionId != null ? "between-trial" : comparison, new Origin(file(f), row.line()),
                        "reversed".equals(sign)));
            }
        }

        private EffectMeasure parseMeasure(CsvFile.Row row) {
            String t = str(row, "measure");
            try {
                return EffectMeasure.valueOf(t);
            } catch (IllegalArgumentException e) {
                problem(ESTIMATES_FILE, at(row, "measure"), "measure", "\"" + t + "\" is not allowed (allowed: OR, RR, MD, SMD)");
                return null;
            }
        }

        // ---- conflicts.csv ---------------------------------------------------------------------------

        private void readConflict(CsvFile.Row row) {
            String f = CONFLICTS_FILE;
            String id = str(row, "id");
            boolean unique = uniqueId(f, row, id, ids(f));
            String subject = str(row, "subject");
            String field = str(row, "field");
            RowHolds holds = enumCell(f, row, "row_holds", RowHolds.class);
            String valueA = str(row, "value_a");
            String valueB = str(row, "value_b");
            sourceKeys(f, row, "source_a");
            sourceKeys(f, row, "source_b");
            if (subject != null) {
                checkConflictSubject(row, subject, field, holds, valueA, valueB);
            }
            if (unique) {
                conflicts.add(new Conflict(id, subject, field, valueA, str(row, "source_a"), str(row, "locator_a"), valueB,
                        str(row, "source_b"), str(row, "locator_b"), holds, str(row, "note"), new Origin(file(f), row.line())));
            }
        }

        private void checkConflictSubject(CsvFile.Row row, String subject, String field, RowHolds holds, String valueA, String valueB) {
            String f = CONFLICTS_FILE;
            int colon = subject.indexOf(':');
            String type = colon < 0 ? "" : subject.substring(0, colon);
            String key = colon < 0 ? "" : subject.substring(colon + 1);
            String held = null;
            boolean checkable = false;
            String target = switch (type) {
                case "study" -> STUDIES_FILE;
                case "estimate" -> ESTIMATES_FILE;
                case "level" -> DIMENSIONS_FILE;
                case "source" -> PACK_FILE;
                default -> "";
            };
            if (unreadable.contains(target)) {
                return;
            }
            switch (type) {
                case "study" -> {
                    CsvFile.Row studyRow = studyRows.get(key);
                    if (studyRow == null) {
                        problem(f, at(row, "subject"), "subject", "unknown study \"" + key + "\" (not in studies.csv)");
                        return;
                    }
                    if (field != null && !STUDY_COLUMNS.contains(field) && !studyRow.cells().containsKey(field)) {
                        problem(f, at(row, "field"), "field", "\"" + field + "\" is not a column of studies.csv");
                        return;
                    }
                    held = field == null ? null : str(studyRow, field);
                    checkable = field != null;
                }
                case "estimate" -> {
                    CsvFile.Row estimateRow = estimateRows.get(key);
                    if (estimateRow == null) {
                        problem(f, at(row, "subject"), "subject", "unknown reported estimate \"" + key + "\"");
                        return;
                    }
                    if (field != null && !ESTIMATE_COLUMNS.contains(field)) {
                        problem(f, at(row, "field"), "field", "\"" + field + "\" is not a column of reported_estimates.csv");
                        return;
                    }
                    held = field == null ? null : str(estimateRow, field);
                    checkable = field != null;
                }
                case "level" -> {
                    int slash = key.indexOf('/');
                    Dimension d = slash < 0 ? null : dimensions.get(key.substring(0, slash));
                    Level level = d == null ? null : d.level(key.substring(slash + 1)).orElse(null);
                    if (level == null) {
                        problem(f, at(row, "subject"), "subject", "unknown level \"" + key + "\" (use dimension/level)");
                        return;
                    }
                    if ("lower".equals(field) || "upper".equals(field)) {
                        Double bound = level.interval() == null ? null
                                : "lower".equals(field) ? level.interval().lower() : level.interval().upper();
                        held = bound == null ? null : String.valueOf(bound);
                        checkable = true;
                    }
                }
                case "source" -> {
                    if (!sources.containsKey(key)) {
                        problem(f, at(row, "subject"), "subject", "unknown source key \"" + key + "\"");
                    }
                    return;
                }
                default -> {
                    problem(f, at(row, "subject"), "subject", "\"" + subject
                            + "\" must be study:<id>, estimate:<id>, level:<dimension>/<level> or source:<key>");
                    return;
                }
            }
            if (!checkable || holds == null) {
                return;
            }
            String expected = switch (holds) {
                case A -> valueA;
                case B -> valueB;
                case NONE -> null;
            };
            if (!sameValue(held, expected)) {
                problem(f, at(row, "row_holds"), "row_holds", "row_holds is " + Enums.token(holds) + " but " + subject + " "
                        + field + " holds " + (held == null ? "nothing" : "\"" + held + "\"")
                        + (expected == null ? " (expected empty)" : " (expected \"" + expected + "\")"));
            }
        }

        private static boolean sameValue(String a, String b) {
            if (a == null || b == null) {
                return a == null && b == null;
            }
            if (a.equals(b)) {
                return true;
            }
            try {
                return Double.parseDouble(a) == Double.parseDouble(b);
            } catch (NumberFormatException e) {
                return false;
            }
        }

        // ---- YAML helpers ----------------------------------------------------------------------------

        private void allowedKeys(String f, YamlNode node, String... keys) {
            List<String> allowed = List.of(keys);
            node.fields.keySet().forEach(key -> {
                if (!allowed.contains(key)) {
                    int[] at = node.keyLocations.get(key);
                    problem(f, at[0], at[1], key, "unknown key (allowed: " + String.join(", ", allowed) + ")");
                }
            });
        }

        private String scalar(String f, YamlNode node, String key, boolean required) {
            YamlNode v = node.get(key);
            if (v == null || v.kind == YamlNode.Kind.NULL || (v.kind == YamlNode.Kind.SCALAR && v.text.isBlank())) {
                if (required) {
                    problem(f, v == null ? node : v, key, "required value is missing");
                }
                return null;
            }
            if (v.kind != YamlNode.Kind.SCALAR) {
                problem(f, v, key, "must be a single value, not a " + (v.kind == YamlNode.Kind.MAP ? "mapping" : "list"));
                return null;
            }
            return v.text.trim();
        }

        private List<YamlNode> list(String f, YamlNode node, String key, boolean required) {
            YamlNode v = node.get(key);
            if (v == null || v.kind == YamlNode.Kind.NULL) {
                if (required) {
                    problem(f, node, key, "required list is missing");
                }
                return List.of();
            }
            if (v.kind != YamlNode.Kind.LIST) {
                problem(f, v, key, "must be a list");
                return List.of();
            }
            return v.items;
        }

        private Integer yamlInt(String f, YamlNode node, String key, boolean required) {
            String t = scalar(f, node, key, required);
            if (t == null) {
                return null;
            }
            try {
                return Integer.parseInt(t);
            } catch (NumberFormatException e) {
                problem(f, node.get(key), key, "not a whole number: \"" + t + "\"");
                return null;
            }
        }

        private Double yamlNumber(String f, YamlNode node, String key) {
            String t = scalar(f, node, key, false);
            if (t == null) {
                return null;
            }
            try {
                double v = Double.parseDouble(t);
                if (!Double.isFinite(v)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                problem(f, node.get(key), key, "not a number: \"" + t + "\" (use null for unbounded)");
                return null;
            }
        }

        private boolean yamlBool(String f, YamlNode node, String key, boolean fallback) {
            String t = scalar(f, node, key, false);
            if (t == null) {
                return fallback;
            }
            if (!"true".equals(t) && !"false".equals(t)) {
                problem(f, node.get(key), key, "must be true or false, found \"" + t + "\"");
                return fallback;
            }
            return Boolean.parseBoolean(t);
        }

        private <E extends Enum<E>> E yamlEnum(String f, YamlNode node, String key, Class<E> type, boolean required) {
            String t = scalar(f, node, key, required);
            if (t == null) {
                return null;
            }
            E e = Enums.parse(type, t);
            if (e == null) {
                problem(f, node.get(key), key, "\"" + t + "\" is not allowed (allowed: " + Enums.allowed(type) + ")");
            }
            return e;
        }

        private EffectMeasure yamlEnumUpper(String f, YamlNode node, String key, boolean required) {
            String t = scalar(f, node, key, required);
            if (t == null) {
                return null;
            }
            try {
                return EffectMeasure.valueOf(t);
            } catch (IllegalArgumentException e) {
                problem(f, node.get(key), key, "\"" + t + "\" is not allowed (allowed: OR, RR, MD, SMD)");
                return null;
            }
        }
    }
}
