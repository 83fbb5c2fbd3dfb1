package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Benefit;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.OutcomeType;

/** An outcome: its type, the measure it is pooled with, its unit and which direction is benefit. */
public record OutcomeDefinition(String id, String name, OutcomeType type, EffectMeasure measure, String unit,
                                Benefit benefit, String note) {
}
