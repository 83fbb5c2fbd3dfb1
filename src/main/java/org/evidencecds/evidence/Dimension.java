package org.evidencecds.evidence;

import java.util.List;
import java.util.Optional;
import org.evidencecds.evidence.Vocabulary.DimensionKind;

/**
 * A subgroup dimension (cell type, dose band, ulcer area ...) and its levels. A {@code timepoint}
 * dimension (follow-up at 3, 6, 12 months) slices results by when they were measured: it describes
 * neither the patient nor the protocol, so its findings are never protocol elements or headlines and are
 * not effect modifiers.
 */
public record Dimension(String id, String name, DimensionKind kind, String unit, String profileField,
                        String studyColumn, String note, List<Level> levels, Apriori apriori, Origin origin,
                        boolean timepoint) {

    /**
     * A hypothesis of effect modification stated before the analysis (e.g. in a registered protocol),
     * with its direction and where it is written; null when none is documented.
     */
    public record Apriori(String level, String direction, String source, String locator, String snippet) {
    }

    public Dimension {
        levels = List.copyOf(levels);
    }

    public Optional<Level> level(String levelId) {
        return levels.stream().filter(l -> l.id().equals(levelId)).findFirst();
    }

    /** The numeric level containing x, if any. */
    public Optional<Level> levelContaining(double x) {
        return levels.stream().filter(l -> l.interval() != null && l.interval().contains(x)).findFirst();
    }
}
