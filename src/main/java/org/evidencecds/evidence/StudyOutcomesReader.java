package org.evidencecds.evidence;

import java.util.List;
import org.evidencecds.evidence.Vocabulary.Contrast;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.Statistic;
import org.evidencecds.evidence.Vocabulary.UnitOfAnalysis;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * Reads {@code study_outcomes.csv}: the arm-level results of each study for one of pack.yaml's outcomes
 * (events/total for a binary outcome, mean/sd/n for a continuous one, in the outcome's unit).
 */
final class StudyOutcomesReader {

    static final List<String> COLUMNS = List.of("id", "study", "outcome", "outcome_as_reported", "timepoint",
            "unit_of_analysis", "contrast", "statistic", "events_t", "total_t", "events_c", "total_c", "mean_t", "sd_t",
            "n_t", "mean_c", "sd_c", "n_c", "unit", "source", "locator", "snippet", "status", "note");
    private static final String FILE = PackLoader.OUTCOMES_FILE;

    private final PackReading reading;
    private final CsvCells cells;

    StudyOutcomesReader(PackReading reading) {
        this.reading = reading;
        this.cells = new CsvCells(reading, FILE);
    }

    /** Fills the pack's study outcomes. */
    void read() {
        CsvFile file = reading.csv(FILE, COLUMNS,
                List.of("id", "study", "outcome", "unit_of_analysis", "contrast", "source", "locator", "status"));
        if (file != null) {
            file.rows.forEach(this::readStudyOutcome);
        }
    }

    private void readStudyOutcome(CsvFile.Row row) {
        String id = cells.str(row, "id");
        boolean unique = cells.uniqueId(row, id);
        String study = cells.str(row, "study");
        if (study != null && !reading.studies.containsKey(study) && !reading.unreadable.contains(PackLoader.STUDIES_FILE)) {
            cells.problem(row, "study", "unknown study \"" + study + "\" (not in studies.csv)");
        }
        String outcomeId = cells.str(row, "outcome");
        OutcomeDefinition outcome = outcomeId == null ? null : reading.outcomes.get(outcomeId);
        if (outcomeId != null && outcome == null && !reading.unreadable.contains(PackLoader.PACK_FILE)) {
            cells.problem(row, "outcome", "unknown outcome \"" + outcomeId + "\" (not in pack.yaml outcomes)");
        }
        UnitOfAnalysis unitOfAnalysis = cells.enumCell(row, "unit_of_analysis", UnitOfAnalysis.class);
        Contrast contrast = cells.enumCell(row, "contrast", Contrast.class);
        if (contrast == Contrast.BETWEEN_ARMS && outcome != null && outcome.comparator() == Vocabulary.Comparator.VS_BASELINE) {
            cells.problem(row, "contrast", "a comparison with a control arm cannot be recorded under outcome \""
                    + outcomeId + "\", which is a change from baseline (comparator vs-baseline); use its vs-control outcome");
        }
        Statistic statistic = cells.str(row, "statistic") == null ? Statistic.MEAN : cells.enumCell(row, "statistic", Statistic.class);
        Integer eventsT = cells.integer(row, "events_t", 0);
        Integer totalT = cells.integer(row, "total_t", 1);
        Integer eventsC = cells.integer(row, "events_c", 0);
        Integer totalC = cells.integer(row, "total_c", 1);
        checkEvents(row, "events_t", eventsT, "total_t", totalT);
        checkEvents(row, "events_c", eventsC, "total_c", totalC);
        Double meanT = cells.number(row, "mean_t");
        Double sdT = cells.number(row, "sd_t");
        Integer nT = cells.integer(row, "n_t", 1);
        Double meanC = cells.number(row, "mean_c");
        Double sdC = cells.number(row, "sd_c");
        Integer nC = cells.integer(row, "n_c", 1);
        for (String column : List.of("sd_t", "sd_c")) {
            Double sd = "sd_t".equals(column) ? sdT : sdC;
            if (sd != null && !(sd > 0)) {
                cells.problem(row, column, "a standard deviation must be > 0, found " + sd);
            }
        }
        String unit = cells.str(row, "unit");
        if (statistic == Statistic.NARRATIVE) {
            checkNarrative(row);
        } else if (outcome != null && outcome.type() != null) {
            checkOutcomeColumns(row, outcomeId, outcome, unit);
        }
        List<String> keys = cells.sourceKeys(row, "source");
        VerificationStatus status = cells.enumCell(row, "status", VerificationStatus.class);
        if (unique) {
            reading.studyOutcomes.put(id, new StudyOutcome(id, study, outcomeId, cells.str(row, "outcome_as_reported"),
                    cells.str(row, "timepoint"), unitOfAnalysis, contrast, statistic, eventsT, totalT, eventsC, totalC,
                    meanT, sdT, nT, meanC, sdC, nC, unit, keys, cells.str(row, "locator"), cells.str(row, "snippet"), status,
                    cells.str(row, "note"), new Origin(reading.file(FILE), row.line())));
        }
    }

    /** A narrative row is a source's words only: no number, and the words themselves in the snippet. */
    private void checkNarrative(CsvFile.Row row) {
        for (String column : List.of("events_t", "total_t", "events_c", "total_c", "mean_t", "sd_t", "n_t", "mean_c", "sd_c", "n_c", "unit")) {
            if (cells.str(row, column) != null) {
                cells.problem(row, column, "a narrative row has no numbers (statistic narrative): the source's words go in snippet");
            }
        }
        if (cells.str(row, "snippet") == null) {
            cells.problem(row, "snippet", "a narrative row needs the source's words (statistic narrative)");
        }
    }

    private void checkEvents(CsvFile.Row row, String eventsColumn, Integer events, String totalColumn, Integer total) {
        if (events != null && total != null && events > total) {
            cells.problem(row, eventsColumn, "events (" + events + ") exceed " + totalColumn + " (" + total + ")");
        }
    }

    /** A row fills the columns of its outcome's type only, and a continuous row is in the outcome's unit. */
    private void checkOutcomeColumns(CsvFile.Row row, String outcomeId, OutcomeDefinition outcome, String unit) {
        List<String> wrong = outcome.type() == OutcomeType.BINARY
                ? List.of("mean_t", "sd_t", "n_t", "mean_c", "sd_c", "n_c")
                : List.of("events_t", "total_t", "events_c", "total_c");
        for (String column : wrong) {
            if (cells.str(row, column) != null) {
                cells.problem(row, column, "outcome " + outcomeId + " is " + Enums.token(outcome.type())
                        + (outcome.type() == OutcomeType.BINARY ? ": use events/total columns" : ": use mean/sd/n columns"));
            }
        }
        if (outcome.type() == OutcomeType.CONTINUOUS && outcome.unit() != null) {
            if (unit == null) {
                cells.problem(row, "unit", "required for a continuous outcome (expected " + outcome.unit() + ")");
            } else if (!unit.equals(outcome.unit())) {
                cells.problem(row, "unit", "unit mismatch: outcome " + outcomeId + " is in "
                        + outcome.unit() + ", this row is in " + unit);
            }
        }
    }
}
