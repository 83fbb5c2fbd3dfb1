package org.evidencecds.evidence;

import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.RiskOfBias;
import org.evidencecds.evidence.Vocabulary.VerificationStatus;

/**
 * One comparison (a trial's cell arm vs its control), {@code studies.csv}. Numbers are null when the
 * sources used do not give them. {@link #cells()} keeps every cell as written, for generic look-ups
 * (e.g. the column a dimension reads).
 */
public record Study(String id, String trial, String firstAuthor, Integer year, Design design, String cellType,
                    String cellOrigin, String route, Double doseCellsLow, Double doseCellsHigh, String doseUnit,
                    Integer nT, Integer nC, Double followupWeeks, RiskOfBias riskOfBias, List<String> sources,
                    String locator, VerificationStatus status, Map<String, String> cells, Origin origin) {

    public Study {
        sources = List.copyOf(sources);
        cells = Map.copyOf(cells);
    }

    /** The cell of a column as written, or null when empty. */
    public String cell(String column) {
        String v = cells.get(column);
        return v == null || v.isEmpty() ? null : v;
    }

    /** Short label for tables and plots, e.g. "Huang 2005". */
    public String label() {
        return firstAuthor == null ? id : firstAuthor + (year == null ? "" : " " + year);
    }
}
