package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.RowHolds;

/**
 * Reads {@code conflicts.csv}: where two sources disagree about a value, which one the pack's row holds. The
 * subject (a study, an estimate, a level or a source) must exist in the files read before, and the value the
 * row actually holds must be the one row_holds names.
 */
final class ConflictsReader {

    static final List<String> COLUMNS = List.of("id", "subject", "field", "value_a", "source_a", "locator_a",
            "value_b", "source_b", "locator_b", "row_holds", "note");
    private static final String FILE = PackLoader.CONFLICTS_FILE;

    private final PackReading reading;
    private final CsvCells cells;

    ConflictsReader(PackReading reading) {
        this.reading = reading;
        this.cells = new CsvCells(reading, FILE);
    }

    /** Fills the pack's conflicts. */
    void read() {
        CsvFile file = reading.csv(FILE, COLUMNS, List.of("id", "subject", "field", "value_a", "source_a", "locator_a",
                "value_b", "source_b", "locator_b", "row_holds"));
        if (file != null) {
            file.rows.forEach(this::readConflict);
        }
    }

    private void readConflict(CsvFile.Row row) {
        String id = cells.str(row, "id");
        boolean unique = cells.uniqueId(row, id);
        String subject = cells.str(row, "subject");
        String field = cells.str(row, "field");
        RowHolds holds = cells.enumCell(row, "row_holds", RowHolds.class);
        String valueA = cells.str(row, "value_a");
        String valueB = cells.str(row, "value_b");
        cells.sourceKeys(row, "source_a");
        cells.sourceKeys(row, "source_b");
        if (subject != null) {
            checkSubject(row, subject, field, holds, valueA, valueB);
        }
        if (unique) {
            reading.conflicts.add(new Conflict(id, subject, field, valueA, cells.str(row, "source_a"), cells.str(row, "locator_a"),
                    valueB, cells.str(row, "source_b"), cells.str(row, "locator_b"), holds, cells.str(row, "note"),
                    new Origin(reading.file(FILE), row.line())));
        }
    }

    /** The subject must exist, and where the pack holds the disputed value, it must be the one row_holds names. */
    private void checkSubject(CsvFile.Row row, String subject, String field, RowHolds holds, String valueA, String valueB) {
        int colon = subject.indexOf(':');
        String type = colon < 0 ? "" : subject.substring(0, colon);
        String key = colon < 0 ? "" : subject.substring(colon + 1);
        String held = null;
        boolean checkable = false;
        String target = switch (type) {
            case "study" -> PackLoader.STUDIES_FILE;
            case "estimate" -> PackLoader.ESTIMATES_FILE;
            case "level" -> PackLoader.DIMENSIONS_FILE;
            case "source" -> PackLoader.PACK_FILE;
            default -> "";
        };
        if (reading.unreadable.contains(target)) {
            return;
        }
        switch (type) {
            case "study" -> {
                CsvFile.Row studyRow = reading.studyRows.get(key);
                if (studyRow == null) {
                    cells.problem(row, "subject", "unknown study \"" + key + "\" (not in studies.csv)");
                    return;
                }
                if (field != null && !StudiesReader.COLUMNS.contains(field) && !studyRow.cells().containsKey(field)) {
                    cells.problem(row, "field", "\"" + field + "\" is not a column of studies.csv");
                    return;
                }
                held = field == null ? null : cells.str(studyRow, field);
                checkable = field != null;
            }
            case "estimate" -> {
                CsvFile.Row estimateRow = reading.estimateRows.get(key);
                if (estimateRow == null) {
                    cells.problem(row, "subject", "unknown reported estimate \"" + key + "\"");
                    return;
                }
                if (field != null && !ReportedEstimatesReader.COLUMNS.contains(field)) {
                    cells.problem(row, "field", "\"" + field + "\" is not a column of reported_estimates.csv");
                    return;
                }
                held = field == null ? null : cells.str(estimateRow, field);
                checkable = field != null;
            }
            case "level" -> {
                int slash = key.indexOf('/');
                Dimension d = slash < 0 ? null : reading.dimensions.get(key.substring(0, slash));
                Level level = d == null ? null : d.level(key.substring(slash + 1)).orElse(null);
                if (level == null) {
                    cells.problem(row, "subject", "unknown level \"" + key + "\" (use dimension/level)");
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
                if (!reading.sources.containsKey(key)) {
                    cells.problem(row, "subject", "unknown source key \"" + key + "\"");
                }
                return;
            }
            default -> {
                cells.problem(row, "subject", "\"" + subject
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
            cells.problem(row, "row_holds", "row_holds is " + Enums.token(holds) + " but " + subject + " "
                    + field + " holds " + (held == null ? "nothing" : "\"" + held + "\"")
                    + (expected == null ? " (expected empty)" : " (expected \"" + expected + "\")"));
        }
    }

    /** Equal as text, or as numbers (a row's 2.0 holds a source's 2). */
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
}
