package org.evidencecds.meta;

import java.util.List;

/** Pooled results per subgroup level (sorted by level name) and both tests for subgroup differences. */
public record SubgroupResult(List<Level> levels, SubgroupTest mixedEffects, SubgroupTest separateTau2) {

    public SubgroupResult {
        levels = List.copyOf(levels);
    }

    public record Level(String level, MetaResult result) {
    }
}
