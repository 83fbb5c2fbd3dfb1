package org.evidencecds.synthesis;

import java.util.List;
import org.evidencecds.meta.Measure;
import org.evidencecds.meta.MetaResult;

/**
 * The result of pooling one outcome in one slice from a pack's study rows. {@code result} is null when no
 * row could be pooled; then {@code exclusions} say why. {@code participants} sums both arms' totals of
 * the pooled rows (in the rows' unit of analysis).
 */
public record PooledFinding(String outcome, Slice slice, Measure measure, List<String> studies, List<String> rowIds,
                            int participants, MetaResult result, List<Exclusion> exclusions, List<String> warnings) {

    public PooledFinding {
        studies = List.copyOf(studies);
        rowIds = List.copyOf(rowIds);
        exclusions = List.copyOf(exclusions);
        warnings = List.copyOf(warnings);
    }

    public boolean isPooled() {
        return result != null;
    }

    public int k() {
        return studies.size();
    }
}
