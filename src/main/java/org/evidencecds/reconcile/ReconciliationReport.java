package org.evidencecds.reconcile;

import java.util.List;

/** Every reported estimate of a pack, published vs recomputed. */
public record ReconciliationReport(String packId, String packVersion, String contentHash, List<ReconciliationRow> rows) {

    public ReconciliationReport {
        rows = List.copyOf(rows);
    }

    public long count(Verdict verdict) {
        return rows.stream().filter(r -> r.verdict() == verdict).count();
    }
}
