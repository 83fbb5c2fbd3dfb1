package org.evidencecds.evidence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.evidencecds.evidence.Vocabulary.Basis;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.profile.ProfileSchema;

/**
 * Reads {@code dimensions.yaml}: the dimensions results are sliced by, each with its levels (numeric bands that
 * must tile the line without gap or overlap, or categories), where each cut-off comes from, and the study column
 * and profile field that carry a dimension's value.
 */
final class DimensionsReader {

    private static final String FILE = PackLoader.DIMENSIONS_FILE;
    /** A pack adds its own study columns by naming them as a dimension's studyColumn. */
    private static final Pattern STUDY_COLUMN = Pattern.compile("[a-z][a-z0-9_]*");

    private final PackReading reading;
    private final YamlFields yaml;

    DimensionsReader(PackReading reading) {
        this.reading = reading;
        this.yaml = new YamlFields(reading, FILE);
    }

    /** Fills the pack's dimensions. */
    void read() {
        YamlNode root = reading.yaml(FILE);
        if (root == null) {
            reading.unreadable.add(FILE);
            return;
        }
        yaml.allowedKeys(root, "dimensions", "incompatible");
        for (YamlNode d : yaml.list(root, "dimensions", true)) {
            if (d.kind != YamlNode.Kind.MAP) {
                yaml.problem(d, "dimensions", "each dimension must be a mapping");
                continue;
            }
            readDimension(d);
        }
        for (YamlNode i : yaml.list(root, "incompatible", false)) {
            readIncompatibility(i);
        }
        checkProtocolElements();
    }

    /** Levels of different dimensions that no treatment combines, with the basis for saying so. */
    private void readIncompatibility(YamlNode i) {
        if (i.kind != YamlNode.Kind.MAP) {
            yaml.problem(i, "incompatible", "each entry must be a mapping: levels, basis, and source/locator/snippet or rationale");
            return;
        }
        yaml.allowedKeys(i, "levels", "basis", "source", "locator", "snippet", "rationale");
        List<String> levels = new ArrayList<>();
        for (YamlNode l : yaml.list(i, "levels", true)) {
            String ref = l.kind == YamlNode.Kind.SCALAR ? l.text.trim() : null;
            String why = ref == null ? "each level is dimension/level" : levelProblem(ref);
            if (why != null) {
                yaml.problem(l, "incompatible.levels", why);
            } else {
                levels.add(ref);
            }
        }
        boolean valid = levels.size() >= 2 && levels.size() == yaml.list(i, "levels", false).size();
        if (levels.size() < 2 || levels.stream().map(x -> x.substring(0, x.indexOf('/'))).distinct().count() != levels.size()) {
            yaml.problem(i, "incompatible.levels", "name at least two levels, each of a different dimension");
            valid = false;
        }
        Evidenced basis = yaml.evidenced(i, "incompatible");
        if (basis != null && valid) {
            reading.incompatibilities.add(new Incompatibility(levels, basis, new Origin(reading.file(FILE), i.line)));
        }
    }

    /** Why "dimension/level" names no level of this pack (null when it does). */
    private String levelProblem(String ref) {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return "\"" + ref + "\" is not dimension/level";
        }
        Dimension d = reading.dimensions.get(ref.substring(0, slash));
        if (d == null) {
            return "unknown dimension \"" + ref.substring(0, slash) + "\"";
        }
        return d.level(ref.substring(slash + 1)).isPresent() ? null
                : "\"" + ref.substring(slash + 1) + "\" is not a level of dimension " + d.id();
    }

    /**
     * pack.yaml's stated protocols name levels of protocol dimensions (a treatment's cell type, origin,
     * dose, route), at most one per dimension.
     */
    private void checkProtocolElements() {
        for (StatedProtocol p : reading.protocols) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String element : p.elements()) {
                String why = levelProblem(element);
                Dimension d = reading.dimensions.get(element.substring(0, element.indexOf('/')));
                if (why == null && (d.profileField() != null || d.timepoint())) {
                    why = "dimension " + d.id() + " describes the " + (d.timepoint() ? "follow-up time" : "patient")
                            + ", not the treatment: it cannot be a protocol element";
                }
                if (why == null && !seen.add(d.id())) {
                    why = "two levels of dimension " + d.id() + " in one protocol";
                }
                if (why != null) {
                    reading.problem(PackLoader.PACK_FILE, p.origin().line(), 1, "protocols[" + p.id() + "].elements", element + ": " + why);
                }
            }
        }
    }

    private void readDimension(YamlNode d) {
        yaml.allowedKeys(d, "id", "name", "kind", "unit", "profileField", "studyColumn", "note", "levels", "apriori", "role");
        String id = yaml.scalar(d, "id", true);
        if (id != null && !YamlFields.ID.matcher(id).matches()) {
            yaml.problem(d.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
        }
        DimensionKind kind = yaml.enumValue(d, "kind", DimensionKind.class, true);
        String unit = yaml.scalar(d, "unit", false);
        String profileField = yaml.scalar(d, "profileField", false);
        String studyColumn = yaml.scalar(d, "studyColumn", false);
        if (kind == DimensionKind.NUMERIC && unit == null) {
            yaml.problem(d, "unit", "a numeric dimension needs a unit");
        }
        if (kind == DimensionKind.CATEGORICAL && unit != null) {
            yaml.problem(d.get("unit"), "unit", "a categorical dimension has no unit");
        }
        if (unit != null) {
            checkUnitSuffix(d, "studyColumn", studyColumn, unit, columnSuffix(studyColumn, unit));
            checkUnitSuffix(d, "profileField", profileField, unit, fieldUnit(profileField));
        }
        if (studyColumn != null && !STUDY_COLUMN.matcher(studyColumn).matches()) {
            yaml.problem(d.get("studyColumn"), "studyColumn", "\"" + studyColumn + "\" is not a column name (lower-case letters, digits, _)");
        }
        List<Level> levels = new ArrayList<>();
        Set<String> levelIds = new LinkedHashSet<>();
        for (YamlNode l : yaml.list(d, "levels", true)) {
            Level level = readLevel(l, kind);
            if (level == null) {
                continue;
            }
            if (!levelIds.add(level.id())) {
                yaml.problem(l.get("id"), "id", "duplicate level id \"" + level.id() + "\" in dimension " + id);
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
            yaml.allowedKeys(a, "level", "direction", "source", "locator", "snippet");
            String level = yaml.scalar(a, "level", true);
            if (level != null && !levelIds.contains(level)) {
                yaml.problem(a.get("level"), "level", "\"" + level + "\" is not a level of dimension " + id);
            }
            String direction = yaml.scalar(a, "direction", true);
            if (direction != null && !List.of("larger-benefit", "smaller-benefit").contains(direction)) {
                yaml.problem(a.get("direction"), "direction", "\"" + direction + "\" is not allowed (allowed: larger-benefit, smaller-benefit)");
            }
            String source = yaml.scalar(a, "source", true);
            if (source != null && !reading.sources.containsKey(source)) {
                yaml.problem(a.get("source"), "source", "unknown source key \"" + source + "\" (not in pack.yaml sources)");
            }
            apriori = new Dimension.Apriori(level, direction, source, yaml.scalar(a, "locator", true), yaml.scalar(a, "snippet", true));
        } else if (a != null && a.kind != YamlNode.Kind.NULL) {
            yaml.problem(a, "apriori", "must be a mapping with level, direction, source, locator, snippet");
        }
        String role = yaml.scalar(d, "role", false);
        if (role != null && !role.equals("timepoint")) {
            yaml.problem(d.get("role"), "role", "\"" + role + "\" is not allowed (allowed: timepoint; leave it out for patient or protocol dimensions)");
        }
        boolean timepoint = "timepoint".equals(role);
        if (timepoint && profileField != null) {
            yaml.problem(d.get("profileField"), "profileField", "a timepoint dimension slices results by follow-up, not by a patient field");
        }
        if (id != null) {
            if (reading.dimensions.containsKey(id)) {
                yaml.problem(d.get("id"), "id", "duplicate dimension id \"" + id + "\"");
            } else {
                reading.dimensions.put(id, new Dimension(id, yaml.scalar(d, "name", true), kind, unit, profileField,
                        studyColumn, yaml.scalar(d, "note", false), levels, apriori, new Origin(reading.file(FILE), d.line), timepoint));
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
        String written = unit.toLowerCase(Locale.ROOT).replace('/', '_');
        if (column.endsWith("_" + written)) {
            return unit;
        }
        int i = column.lastIndexOf('_');
        return i < 0 ? column : column.substring(i + 1);
    }

    /** The unit of a profile field, as the profile schema (fields.yaml) declares it. */
    private static String fieldUnit(String field) {
        // an unknown field is the rule compiler's to report (with the fields the profile has)
        return field == null ? null : ProfileSchema.field(field)
                .map(f -> f.unit() == null ? "(categorical)" : f.unit()).orElse(null);
    }

    private void checkUnitSuffix(YamlNode d, String key, String name, String unit, String suffix) {
        if (name != null && suffix != null && !unit.equals(suffix)) {
            yaml.problem(d.get(key), key, "unit mismatch: \"" + name + "\" is in " + suffix
                    + " but the dimension's unit is " + unit);
        }
    }

    private Level readLevel(YamlNode l, DimensionKind kind) {
        if (l.kind != YamlNode.Kind.MAP) {
            yaml.problem(l, "levels", "each level must be a mapping");
            return null;
        }
        yaml.allowedKeys(l, "id", "label", "lower", "lowerInclusive", "upper", "upperInclusive", "basis", "source",
                "locator", "snippet", "rationale");
        String id = yaml.scalar(l, "id", true);
        if (id != null && !YamlFields.ID.matcher(id).matches()) {
            yaml.problem(l.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
        }
        Interval interval = null;
        if (kind == DimensionKind.NUMERIC) {
            Double lower = yaml.number(l, "lower");
            Double upper = yaml.number(l, "upper");
            boolean lowerInclusive = yaml.bool(l, "lowerInclusive", lower != null);
            boolean upperInclusive = yaml.bool(l, "upperInclusive", upper != null);
            if (!l.fields.containsKey("lower") || !l.fields.containsKey("upper")) {
                yaml.problem(l, "lower/upper", "a numeric level needs lower and upper (null for unbounded)");
            }
            if (lower != null && upper != null && (lower > upper || (lower.equals(upper) && !(lowerInclusive && upperInclusive)))) {
                yaml.problem(l, "lower", "band is empty: lower " + lower + " and upper " + upper);
            }
            if ((lower == null && lowerInclusive) || (upper == null && upperInclusive)) {
                yaml.problem(l, "lowerInclusive/upperInclusive", "an unbounded side cannot be inclusive");
            }
            boolean boundsParsed = (lower != null || l.isNullOrMissing("lower")) && (upper != null || l.isNullOrMissing("upper"));
            interval = boundsParsed ? new Interval(lower, lowerInclusive, upper, upperInclusive) : null;
        } else if (kind == DimensionKind.CATEGORICAL) {
            for (String key : List.of("lower", "upper", "lowerInclusive", "upperInclusive")) {
                if (l.fields.containsKey(key)) {
                    yaml.problem(l.get(key), key, "a categorical level has no bounds");
                }
            }
        }
        Basis basis = yaml.enumValue(l, "basis", Basis.class, true);
        String source = yaml.scalar(l, "source", false);
        String locator = yaml.scalar(l, "locator", false);
        String snippet = yaml.scalar(l, "snippet", false);
        String rationale = yaml.scalar(l, "rationale", false);
        if (basis == Basis.SOURCE) {
            if (source == null) {
                yaml.problem(l, "source", "basis source needs the source key");
            } else if (!reading.sources.containsKey(source)) {
                yaml.problem(l.get("source"), "source", "unknown source key \"" + source + "\" (not in pack.yaml sources)");
            }
            if (locator == null) {
                yaml.problem(l, "locator", "basis source needs a locator (where in the source)");
            }
            if (snippet == null) {
                yaml.problem(l, "snippet", "basis source needs a verbatim snippet");
            }
        } else if (basis == Basis.PROJECT && rationale == null) {
            yaml.problem(l, "rationale", "basis project needs a rationale: why this cut-off");
        }
        return id == null ? null : new Level(id, yaml.scalar(l, "label", true), interval, basis, source, locator, snippet,
                rationale, new Origin(reading.file(FILE), l.line));
    }

    /** Numeric bands must tile the line: a value in a gap would fit no level, one in an overlap two. */
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
            int line = at.origin().line();
            if (prevUpper < nextLower) {
                yaml.problem(line, 1, "lower", "gap between bands " + pair + " of dimension " + dimension);
            } else if (prevUpper > nextLower) {
                yaml.problem(line, 1, "lower", "bands overlap: " + pair + " of dimension " + dimension);
            } else if (prev.upperInclusive() && next.lowerInclusive()) {
                yaml.problem(line, 1, "lowerInclusive", "bands overlap at " + Interval.format(nextLower) + ": " + pair + " both include it");
            } else if (!prev.upperInclusive() && !next.lowerInclusive()) {
                yaml.problem(line, 1, "lowerInclusive", "gap at " + Interval.format(nextLower) + ": " + pair + " both exclude it");
            }
        }
    }
}
