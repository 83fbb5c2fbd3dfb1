package org.evidencecds.reconcile;

import java.util.List;
import org.evidencecds.synthesis.PooledFinding;

/**
 * One reported estimate beside its recomputation.
 *
 * @param published the numbers as printed (natural scale for OR/RR); null fields were not published
 * @param recomputed natural-scale recomputed numbers, null when not recomputable
 * @param method the pooling method used, and why it was chosen
 * @param reasons every reason behind the verdict, in words
 */
public record ReconciliationRow(String estimateId, String outcome, String slice, String measure,
                                Numbers published, Numbers recomputed, String method, List<String> studiesUsed,
                                Verdict verdict, List<String> reasons, PooledFinding finding) {

    public ReconciliationRow {
        studiesUsed = List.copyOf(studiesUsed);
        reasons = List.copyOf(reasons);
    }

    /** Estimate, CI, k and n of one side of the comparison. */
    public record Numbers(Double estimate, Double ciLow, Double ciHigh, Integer k, Integer n) {
    }
}
