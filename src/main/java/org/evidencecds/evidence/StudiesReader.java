package org.evidencecds.evidence;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.evidence.Vocabulary.RiskOfBias;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * Reads {@code studies.csv}: one row per study (design, cells and dose, arm sizes, follow-up, risk of bias),
 * plus the columns this pack adds (its dimensions' studyColumns and numeric baseline characteristics). A value
 * in a dimension's column must fall in one of the dimension's levels.
 */
final class StudiesReader {

    static final List<String> COLUMNS = List.of("id", "trial", "first_author", "year", "country", "design",
            "design_as_reported", "cell_type", "cell_type_as_reported", "cell_origin", "dose_cells_low",
            "dose_cells_high", "dose_unit", "dose_as_reported", "route", "route_as_reported", "control", "n_t", "n_c",
            "followup_weeks", "population", "risk_of_bias", "source", "locator", "status", "note");
    /**
     * Baseline characteristics a pack records for its studies: numeric columns named what_unit (e.g.
     * ulcer_area_cm2, diabetes_duration_years, hba1c_percent); values must be numbers >= 0.
     */
    static final Pattern BASELINE_COLUMN = Pattern.compile("[a-z][a-z0-9_]*_(years|months|weeks|days|cm2|mmhg|percent|kg|units|nmol_l|mmol_l|mg_dl|index)");
    private static final String FILE = PackLoader.STUDIES_FILE;

    private final PackReading reading;
    private final CsvCells cells;

    StudiesReader(PackReading reading) {
        this.reading = reading;
        this.cells = new CsvCells(reading, FILE);
    }

    /** Fills the pack's studies (and their rows), then checks the dimension columns against dimensions.yaml. */
    void read() {
        CsvFile file = reading.csv(FILE, COLUMNS,
                column -> dimensionColumns().contains(column) || BASELINE_COLUMN.matcher(column).matches(),
                "a dimension's studyColumn, or a baseline column named what_unit (e.g. duration_years)",
                List.of("id", "trial", "design", "source", "locator", "status"));
        if (file != null) {
            file.rows.forEach(this::readStudy);
        } else {
            reading.unreadable.add(FILE);
        }
        checkDimensionColumns();
        checkIncompatibleLevels();
    }

    private void readStudy(CsvFile.Row row) {
        String id = cells.str(row, "id");
        boolean unique = cells.uniqueId(row, id);
        Integer year = cells.integer(row, "year", 0);
        Design design = cells.enumCell(row, "design", Design.class);
        Double doseLow = positiveNumber(row, "dose_cells_low");
        Double doseHigh = positiveNumber(row, "dose_cells_high");
        if (doseLow != null && doseHigh != null && doseLow > doseHigh) {
            cells.problem(row, "dose_cells_high", "must be >= dose_cells_low (" + doseLow + ")");
        }
        if ((doseLow == null) != (doseHigh == null)) {
            String missing = doseLow == null ? "dose_cells_low" : "dose_cells_high";
            cells.problem(row, missing, "give both dose_cells_low and dose_cells_high (equal for a single dose)");
        }
        String doseUnit = cells.str(row, "dose_unit");
        if (doseLow != null && doseUnit == null) {
            cells.problem(row, "dose_unit", "required when a dose is given: what the cell count is per");
        }
        Integer nT = cells.integer(row, "n_t", 0);
        Integer nC = cells.integer(row, "n_c", 0);
        Double followup = positiveNumber(row, "followup_weeks");
        for (String column : row.cells().keySet()) {
            if (!COLUMNS.contains(column) && (BASELINE_COLUMN.matcher(column).matches() || numericDimensionColumn(column))) {
                Double v = cells.number(row, column); // unparseable numbers are reported here
                if (v != null && v < 0) {
                    cells.problem(row, column, "must be >= 0, found " + v);
                }
            }
        }
        RiskOfBias rob = cells.enumCell(row, "risk_of_bias", RiskOfBias.class);
        List<String> keys = cells.sourceKeys(row, "source");
        VerificationStatus status = cells.enumCell(row, "status", VerificationStatus.class);
        Map<String, String> values = new LinkedHashMap<>();
        row.cells().forEach((k, v) -> values.put(k, v.text().trim()));
        if (unique) {
            reading.studyRows.put(id, row);
            reading.studies.put(id, new Study(id, cells.str(row, "trial"), cells.str(row, "first_author"), year, design,
                    cells.str(row, "cell_type"), cells.str(row, "cell_origin"), cells.str(row, "route"), doseLow, doseHigh,
                    doseUnit, nT, nC, followup, rob, keys, cells.str(row, "locator"), status, values,
                    new Origin(reading.file(FILE), row.line())));
        }
    }

    private Double positiveNumber(CsvFile.Row row, String column) {
        Double v = cells.number(row, column);
        if (v != null && !(v > 0)) {
            cells.problem(row, column, "must be > 0, found " + v);
        }
        return v;
    }

    /** Study columns this pack adds through its dimensions' studyColumn, beyond the core columns. */
    private List<String> dimensionColumns() {
        return reading.dimensions.values().stream().map(Dimension::studyColumn).filter(c -> c != null && !COLUMNS.contains(c))
                .distinct().sorted().toList();
    }

    private boolean numericDimensionColumn(String column) {
        return reading.dimensions.values().stream().anyMatch(d -> column.equals(d.studyColumn()) && d.kind() == DimensionKind.NUMERIC);
    }

    /** Each study's value in a dimension's column must name one of its levels (categorical) or fall in a band. */
    /** A study row whose categorical columns hold levels the pack declares incompatible contradicts the declaration. */
    private void checkIncompatibleLevels() {
        for (Incompatibility inc : reading.incompatibilities) {
            for (Study s : reading.studies.values()) {
                boolean all = !inc.levels().isEmpty();
                String firstColumn = null;
                for (String ref : inc.levels()) {
                    Dimension d = reading.dimensions.get(ref.substring(0, ref.indexOf('/')));
                    String column = d == null ? null : d.studyColumn();
                    all &= column != null && ref.substring(ref.indexOf('/') + 1).equals(s.cell(column));
                    firstColumn = firstColumn == null ? column : firstColumn;
                }
                if (all) {
                    cells.problem(cells.at(reading.studyRows.get(s.id()), firstColumn), firstColumn, "combines "
                            + String.join(" and ", inc.levels()) + ", which dimensions.yaml declares incompatible (" + inc.origin() + ")");
                }
            }
        }
    }

    private void checkDimensionColumns() {
        for (Dimension d : reading.dimensions.values()) {
            if (d.studyColumn() == null
                    || (d.kind() == DimensionKind.NUMERIC && d.levels().stream().anyMatch(l -> l.interval() == null))) {
                continue; // no column, or a band that did not parse (reported already)
            }
            for (Study s : reading.studies.values()) {
                String value = s.cell(d.studyColumn());
                if (value == null) {
                    continue;
                }
                CsvFile.Cell cell = cells.at(reading.studyRows.get(s.id()), d.studyColumn());
                if (d.kind() == DimensionKind.CATEGORICAL) {
                    if (d.level(value).isEmpty()) {
                        cells.problem(cell, d.studyColumn(), "\"" + value + "\" is not a level of dimension "
                                + d.id() + " (levels: " + String.join(", ", d.levels().stream().map(Level::id).toList()) + ")");
                    }
                } else {
                    try {
                        double x = Double.parseDouble(value);
                        if (d.levelContaining(x).isEmpty()) {
                            cells.problem(cell, d.studyColumn(), value + " is outside every band of dimension " + d.id());
                        }
                    } catch (NumberFormatException e) {
                        // reported when the study row was read
                    }
                }
            }
        }
    }
}
