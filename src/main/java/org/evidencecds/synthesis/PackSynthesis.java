package org.evidencecds.synthesis;

import java.util.List;

/** Everything recomputable from a pack's study rows. */
public record PackSynthesis(String packId, String packVersion, List<OutcomeSynthesis> outcomes) {

    public PackSynthesis {
        outcomes = List.copyOf(outcomes);
    }
}
