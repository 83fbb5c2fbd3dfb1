package org.evidencecds.evidence;

/** The closed vocabularies of the pack format, as Java enums (files spell them in kebab-case). */
public final class Vocabulary {

    private Vocabulary() {
    }

    public enum EffectMeasure {
        OR, RR, MD, SMD;

        public boolean isBinary() {
            return this == OR || this == RR;
        }
    }

    public enum OutcomeType { BINARY, CONTINUOUS }

    public enum Benefit { HIGHER, LOWER }

    public enum DimensionKind { NUMERIC, CATEGORICAL }

    public enum Basis { SOURCE, PROJECT }

    public enum SourceKind { SYSTEMATIC_REVIEW, TRIAL, TRIAL_REGISTRY, REVIEW_TABLE, SECONDARY, NEWS }

    public enum Access { FULL_TEXT, ABSTRACT_ONLY, PARTIAL, TABLE_ONLY, SECONDARY }

    public enum Design { RCT, CCT, RETROSPECTIVE, UNCLEAR }

    public enum RiskOfBias { LOW, SOME_CONCERNS, HIGH }

    public enum UnitOfAnalysis { PATIENTS, LIMBS, ULCERS, LESIONS }

    public enum Contrast { BETWEEN_ARMS, SINGLE_ARM }

    /**
     * What an outcome's effect is measured against: a control arm, or the treated patients' own baseline
     * (a before-after change, with no control). The two are different outcomes and are never pooled or
     * shown as one. NONE: no comparison at all (a narrative judgement, e.g. of a treatment's safety).
     */
    public enum Comparator { VS_CONTROL, VS_BASELINE, NONE }

    /** MEAN and MEDIAN rows carry numbers; a NARRATIVE row carries a source's words only (its snippet), never pooled. */
    public enum Statistic { MEAN, MEDIAN, NARRATIVE }

    public enum EstimateKind { NUMERIC, DIRECTION_ONLY }

    public enum Direction { FAVOURS_CELL_THERAPY, FAVOURS_CONTROL, NO_DIFFERENCE, LARGER_BENEFIT, SMALLER_BENEFIT }

    public enum VerificationStatus { VERIFIED, EXTRACTED, SECONDARY, CONFLICT }

    public enum RowHolds { A, B, NONE }
}
