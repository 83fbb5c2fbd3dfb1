package org.evidencecds.synthesis;

import java.util.List;
import org.evidencecds.meta.LeaveOneOut;

/** One outcome recomputed: overall, leave-one-out, and per subgroup dimension. */
public record OutcomeSynthesis(String outcome, PooledFinding overall, List<LeaveOneOut.Omitted> leaveOneOut,
                               List<SubgroupSynthesis> subgroups) {

    public OutcomeSynthesis {
        leaveOneOut = List.copyOf(leaveOneOut);
        subgroups = List.copyOf(subgroups);
    }
}
