package org.evidencecds.reconcile;

/** How a published estimate compares with the one recomputed from the pack's study rows. */
public enum Verdict {
    /** Estimate and CI equal the published ones within the rounding of the printed digits (and k, n when published). */
    REPRODUCED("reproduced within rounding"),
    /** Recomputed, but the numbers are not the published ones. */
    DIFFERS("differs"),
    /** No number could be recomputed (direction-only claim, undefined slice, no complete study rows ...). */
    NOT_RECOMPUTABLE("not recomputable");

    private final String words;

    Verdict(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
