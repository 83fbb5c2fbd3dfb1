package org.evidencecds.synthesis;

import java.util.List;
import org.evidencecds.meta.SubgroupResult;

/** One dimension of one outcome: a finding per level and, when two levels have data, the subgroup tests. */
public record SubgroupSynthesis(String dimension, List<PooledFinding> levels, SubgroupResult test) {

    public SubgroupSynthesis {
        levels = List.copyOf(levels);
    }
}
