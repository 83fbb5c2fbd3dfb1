package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Benefit;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.OutcomeType;

/**
 * An outcome: its type, the measure it is pooled with, its unit, which direction is benefit, and what the
 * effect is measured against (a control arm or the patients' own baseline; never mixed in one outcome).
 */
public record OutcomeDefinition(String id, String name, OutcomeType type, EffectMeasure measure, String unit,
                                Benefit benefit, String note, Vocabulary.Comparator comparator) {

    public OutcomeDefinition {
        comparator = comparator == null ? Vocabulary.Comparator.VS_CONTROL : comparator;
    }
}
