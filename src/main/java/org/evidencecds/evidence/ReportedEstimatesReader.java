package org.evidencecds.evidence;

import java.util.List;
import java.util.regex.Pattern;
import org.evidencecds.evidence.Vocabulary.Direction;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.EstimateKind;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * Reads {@code reported_estimates.csv}: what the sources themselves report, a pooled number (with its interval
 * and heterogeneity) or a direction-only claim, overall or for one level of a dimension (a subgroup estimate).
 */
final class ReportedEstimatesReader {

    static final List<String> COLUMNS = List.of("id", "outcome", "dimension", "level", "level_as_reported",
            "kind", "measure", "estimate", "ci_low", "ci_high", "p_value", "k", "n", "i2", "tau2", "model", "direction",
            "source", "locator", "snippet", "status", "note");
    /** Columns a file may have but need not (added after the first packs were written). */
    static final List<String> OPTIONAL_COLUMNS = List.of("p_interaction", "comparison", "sign", "pooled_levels", "topic");
    private static final String FILE = PackLoader.ESTIMATES_FILE;
    private static final Pattern P_VALUE = Pattern.compile("[<>=]?\\s*(0?\\.\\d+|1(\\.0+)?|0)");

    private final PackReading reading;
    private final CsvCells cells;

    ReportedEstimatesReader(PackReading reading) {
        this.reading = reading;
        this.cells = new CsvCells(reading, FILE);
    }

    /** Fills the pack's reported estimates (and their rows). */
    void read() {
        CsvFile file = reading.csv(FILE, COLUMNS, OPTIONAL_COLUMNS, List.of("id", "kind", "source", "locator", "snippet", "status"));
        if (file != null) {
            file.rows.forEach(this::readEstimate);
        } else {
            reading.unreadable.add(FILE);
        }
    }

    private void readEstimate(CsvFile.Row row) {
        String id = cells.str(row, "id");
        boolean unique = cells.uniqueId(row, id);
        EstimateKind kind = cells.enumCell(row, "kind", EstimateKind.class);
        String outcomeId = cells.str(row, "outcome");
        OutcomeDefinition outcome = outcomeId == null ? null : reading.outcomes.get(outcomeId);
        if (outcomeId != null && outcome == null && !reading.unreadable.contains(PackLoader.PACK_FILE)) {
            cells.problem(row, "outcome", "unknown outcome \"" + outcomeId + "\" (not in pack.yaml outcomes)");
        }
        if (outcomeId == null && kind == EstimateKind.NUMERIC) {
            cells.problem(row, "outcome", "required for a numeric estimate");
        }
        String dimensionId = cells.str(row, "dimension");
        String levelId = cells.str(row, "level");
        String levelAsReported = cells.str(row, "level_as_reported");
        if (dimensionId == null && levelId != null) {
            cells.problem(row, "dimension", "a level needs its dimension");
        }
        if (dimensionId != null && !reading.unreadable.contains(PackLoader.DIMENSIONS_FILE)) {
            Dimension d = reading.dimensions.get(dimensionId);
            if (d == null) {
                cells.problem(row, "dimension", "unknown dimension \"" + dimensionId + "\" (not in dimensions.yaml)");
            } else if (levelId != null && d.level(levelId).isEmpty()) {
                cells.problem(row, "level", "\"" + levelId + "\" is not a level of dimension " + dimensionId);
            } else if (levelId == null && levelAsReported == null) {
                cells.problem(row, "level", "a subgroup estimate needs a level, or level_as_reported when the source's level has no definition");
            }
        }
        EffectMeasure measure = cells.str(row, "measure") == null ? null : parseMeasure(row);
        Double estimate = cells.number(row, "estimate");
        Double ciLow = cells.number(row, "ci_low");
        Double ciHigh = cells.number(row, "ci_high");
        Direction direction = cells.enumCell(row, "direction", Direction.class);
        if (kind == EstimateKind.NUMERIC) {
            if (measure == null && cells.str(row, "measure") == null) {
                cells.problem(row, "measure", "required for a numeric estimate");
            }
            if (estimate == null && cells.str(row, "estimate") == null) {
                cells.problem(row, "estimate", "required for a numeric estimate");
            }
            if (measure != null && outcome != null && outcome.type() != null
                    && measure.isBinary() != (outcome.type() == OutcomeType.BINARY)) {
                cells.problem(row, "measure", measure + " does not fit outcome " + outcomeId + " ("
                        + Enums.token(outcome.type()) + ", pooled as " + outcome.measure() + ")");
            }
            if ((ciLow == null) != (ciHigh == null)) {
                cells.problem(row, ciLow == null ? "ci_low" : "ci_high", "give both confidence limits or neither");
            }
            if (estimate != null && ciLow != null && ciHigh != null && !(ciLow <= estimate && estimate <= ciHigh)) {
                cells.problem(row, "estimate", "must lie within its confidence interval [" + ciLow + ", " + ciHigh + "], found " + estimate);
            }
            if (measure != null && measure.isBinary()) {
                for (String column : List.of("estimate", "ci_low", "ci_high")) {
                    Double v = "estimate".equals(column) ? estimate : "ci_low".equals(column) ? ciLow : ciHigh;
                    if (v != null && !(v > 0)) {
                        cells.problem(row, column, measure + " values are on the ratio scale and must be > 0, found " + v);
                    }
                }
            }
        } else if (kind == EstimateKind.DIRECTION_ONLY) {
            if (direction == null && cells.str(row, "direction") == null) {
                cells.problem(row, "direction", "required for a direction-only claim (allowed: " + Enums.allowed(Direction.class) + ")");
            }
            for (String column : List.of("estimate", "ci_low", "ci_high")) {
                if (cells.str(row, column) != null) {
                    cells.problem(row, column, "a direction-only claim has no number; use kind numeric");
                }
            }
        }
        Integer k = cells.integer(row, "k", 1);
        Integer n = cells.integer(row, "n", 1);
        Double i2 = cells.number(row, "i2");
        if (i2 != null && (i2 < 0 || i2 > 100)) {
            cells.problem(row, "i2", "I² is a percentage between 0 and 100, found " + i2);
        }
        Double tau2 = cells.number(row, "tau2");
        if (tau2 != null && tau2 < 0) {
            cells.problem(row, "tau2", "tau² cannot be negative, found " + tau2);
        }
        String comparison = cells.str(row, "comparison");
        if (comparison != null && !List.of("within-trial", "between-trial", "single-level").contains(comparison)) {
            cells.problem(row, "comparison", "\"" + comparison + "\" is not allowed (allowed: within-trial, between-trial, single-level)");
        }
        if (comparison != null && dimensionId == null) {
            cells.problem(row, "comparison", "only a subgroup estimate has an effect-modification comparison");
        }
        String pInteraction = cells.str(row, "p_interaction");
        if (pInteraction != null && !P_VALUE.matcher(pInteraction).matches()) {
            cells.problem(row, "p_interaction", "\"" + pInteraction + "\" is not a p value (e.g. 0.03, <0.01, >0.05)");
        }
        List<String> keys = cells.sourceKeys(row, "source");
        VerificationStatus status = cells.enumCell(row, "status", VerificationStatus.class);
        List<String> pooledLevels = pooledLevels(row);
        String topic = cells.str(row, "topic");
        if (topic != null && !"harms".equals(topic)) {
            cells.problem(row, "topic", "\"" + topic + "\" is not allowed (allowed: harms)");
        } else if (topic != null && outcomeId != null) {
            cells.problem(row, "topic", "only a claim that names no outcome has a topic (the outcome says what it is about)");
        }
        String sign = cells.str(row, "sign");
        if (sign != null && !List.of("as-outcome", "reversed").contains(sign)) {
            cells.problem(row, "sign", "\"" + sign + "\" is not allowed (allowed: as-outcome, reversed)");
        } else if ("reversed".equals(sign) && kind != EstimateKind.NUMERIC) {
            cells.problem(row, "sign", "only a numeric estimate has a sign convention");
        }
        if (unique) {
            reading.estimateRows.put(id, row);
            reading.estimates.put(id, new ReportedEstimate(id, outcomeId, dimensionId, levelId, levelAsReported, kind, measure,
                    estimate, ciLow, ciHigh, cells.str(row, "estimate"), cells.str(row, "ci_low"), cells.str(row, "ci_high"),
                    cells.str(row, "p_value"), k, n, i2, tau2, cells.str(row, "model"), direction, keys, cells.str(row, "locator"),
                    cells.str(row, "snippet"), status, cells.str(row, "note"), pInteraction,
                    comparison == null && dimensionId != null ? "between-trial" : comparison,
                    new Origin(reading.file(FILE), row.line()), "reversed".equals(sign), pooledLevels, topic));
        }
    }

    private EffectMeasure parseMeasure(CsvFile.Row row) {
        String t = cells.str(row, "measure");
        try {
            return EffectMeasure.valueOf(t);
        } catch (IllegalArgumentException e) {
            cells.problem(row, "measure", "\"" + t + "\" is not allowed (allowed: OR, RR, MD, SMD)");
            return null;
        }
    }

    /**
     * The patient levels an estimate pools ({@code dimension/level;dimension/level}), e.g. type 1 and type 2
     * diabetes: each a level of a dimension that reads a patient field.
     */
    private List<String> pooledLevels(CsvFile.Row row) {
        String text = cells.str(row, "pooled_levels");
        if (text == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (String item : text.split(";")) {
            String ref = item.trim();
            int slash = ref.indexOf('/');
            Dimension d = slash < 0 ? null : reading.dimensions.get(ref.substring(0, slash));
            if (reading.unreadable.contains(PackLoader.DIMENSIONS_FILE)) {
                out.add(ref);
            } else if (d == null || d.level(ref.substring(slash + 1)).isEmpty()) {
                cells.problem(row, "pooled_levels", "\"" + ref + "\" is not dimension/level of this pack");
            } else if (d.profileField() == null) {
                cells.problem(row, "pooled_levels", "dimension " + d.id() + " does not describe the patient (no profileField)");
            } else {
                out.add(ref);
            }
        }
        return out;
    }
}
