package org.evidencecds.web.page;

/**
 * The heading a kind of caveat is folded under when a pack gives several of that kind (the seven "number
 * of trials not reported" notes become one footnote with the seven texts behind "details").
 */
final class CaveatTexts {

    private CaveatTexts() {
    }

    /** The heading for a caveat code; an unknown code keeps the caveat's own text (never folded blindly). */
    static String general(String code, String text) {
        return switch (code == null ? "" : code) {
            case "direction-only" -> "Some results are reported as a direction only, with no estimate, confidence interval or number of trials.";
            case "other-review" -> "Some results come from another review, with its own population, studies and methods.";
            case "sign-convention" -> "Some results are printed with the opposite sign to the outcome's convention; they are shown as printed.";
            case "recomputed" -> "Some estimates were pooled by this engine from the pack's study rows; no review published them.";
            case "subgroup-credibility" -> "Subgroup results: how credible each is (a difference between subgroups may be chance or confounding).";
            case "single-level" -> "Some results come from studies of one subgroup only: they do not show that subgroups differ.";
            case "undefined-slice" -> "Some subgroups are not defined by the source (no thresholds): they cannot be matched to a patient or a protocol.";
            case "small-k" -> "The number of trials behind some estimates is not reported or is small.";
            case "source-conflict" -> "Sources disagree on some values; both are recorded.";
            default -> text;
        };
    }
}
