package org.evidencecds.evidence;

import org.evidencecds.evidence.Vocabulary.Benefit;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.OutcomeType;

/**
 * An outcome: its type, the measure it is pooled with, its unit, which direction is benefit, and what the
 * effect is measured against (a control arm, the patients' own baseline, or nothing; never mixed in one
 * outcome).
 *
 * @param shortName how a sentence names it ("HbA1c", "TcPO2"); null: the name, first letter lower-cased
 * @param surrogate the basis for treating it as a surrogate outcome (a laboratory or physiological marker
 *                  standing in for what patients experience); null when it is not one
 * @param surrogateFor what the surrogate stands in for ("ulcer healing and amputation")
 * @param mid the minimal important difference, with its source; null when the pack gives none
 * @param harm an adverse outcome (shown under harms)
 * @param baselineRisk a source's risk without the intervention (binary outcomes); null when the pack gives none
 */
public record OutcomeDefinition(String id, String name, OutcomeType type, EffectMeasure measure, String unit,
                                Benefit benefit, String note, Vocabulary.Comparator comparator, String shortName,
                                Evidenced surrogate, String surrogateFor, Mid mid, boolean harm, BaselineRisk baselineRisk) {

    public OutcomeDefinition {
        comparator = comparator == null ? Vocabulary.Comparator.VS_CONTROL : comparator;
    }

    /** An outcome as most tests need it: no short name, not a surrogate, no MID, not a harm. */
    public OutcomeDefinition(String id, String name, OutcomeType type, EffectMeasure measure, String unit, Benefit benefit,
                             String note, Vocabulary.Comparator comparator) {
        this(id, name, type, measure, unit, benefit, note, comparator, null, null, null, null, false, null);
    }

    /**
     * The outcome inside a sentence: its short name, else its name with the first letter lower-cased unless
     * the first word is an abbreviation ("HbA1c, MSC vs control" stays, "Ulcer area" becomes "ulcer area").
     */
    public String phrase() {
        if (shortName != null) {
            return shortName;
        }
        return name == null || name.isEmpty() ? id : Labels.inSentence(name);
    }
}
