package org.evidencecds.certainty;

import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;

/**
 * One-sentence evidence statements in GRADE's standard wording (GRADE guidelines 26, Santesso et al., J Clin
 * Epidemiol 2020;119:126-135): the verb carries the certainty ("reduces", "probably reduces", "may
 * reduce", "the evidence is very uncertain"), and a confidence interval that includes no effect is
 * worded "little to no difference", never "probably increases".
 *
 * <p>When the certainty could not be rated, no certainty verb is used: the statement says what the review
 * found and that its certainty is not rated.
 */
final class Statements {

    private Statements() {
    }

    /** What the evidence says about one numeric finding. */
    record Subject(String intervention, String outcome, Comparator comparator) {
    }

    /** What the effect is measured against. */
    enum Comparator { CONTROL, BASELINE, NONE }

    /** Which way the finding points: an increase, a reduction, or no clear difference (the CI includes no effect). */
    enum Effect { INCREASE, REDUCTION, NO_CLEAR_DIFFERENCE, UNKNOWN }

    static Effect effect(Finding f) {
        if (!f.isNumeric()) {
            return Effect.UNKNOWN;
        }
        double none = "OR".equals(f.measure()) || "RR".equals(f.measure()) ? 1.0 : 0.0;
        if (f.ciLow() != null && f.ciLow() <= none && f.ciHigh() >= none) {
            return Effect.NO_CLEAR_DIFFERENCE;
        }
        if (f.ciLow() == null && f.estimate() == none) {
            return Effect.NO_CLEAR_DIFFERENCE;
        }
        boolean up = f.estimate() > none;
        // a source that prints a fall as a positive "reduction" is read its own way
        return up != f.signReversed() ? Effect.INCREASE : Effect.REDUCTION;
    }

    /** A rated statement: the certainty is in the verb. */
    static String rated(Subject s, Certainty.Level level, Finding f) {
        Effect e = effect(f);
        String numbers = " (" + EffectText.inline(f) + reversedNote(f) + ")";
        String against = against(s.comparator());
        if (level == Certainty.Level.VERY_LOW) {
            return "The evidence is very uncertain about the effect of " + s.intervention() + " on " + s.outcome() + against + numbers + ".";
        }
        String subject = capitalise(s.intervention());
        String verb = switch (e) {
            case INCREASE -> verb(level, "increases", "increase");
            case REDUCTION -> verb(level, "reduces", "reduce");
            case NO_CLEAR_DIFFERENCE, UNKNOWN -> verb(level, "results in", "result in") + " little to no difference in";
        };
        return subject + " " + verb + " " + s.outcome() + against + numbers + ".";
    }

    /** A statement without a certainty verb, for a finding whose certainty could not be rated. */
    static String notRated(Subject s, Finding f, String source, String why) {
        Effect e = effect(f);
        String numbers = " (" + EffectText.inline(f) + reversedNote(f) + ")";
        String found = switch (s.comparator()) {
            case BASELINE -> switch (e) {
                case INCREASE -> s.outcome() + " was higher after " + s.intervention() + " than before it";
                case REDUCTION -> s.outcome() + " was lower after " + s.intervention() + " than before it";
                default -> "no clear change in " + s.outcome() + " after " + s.intervention() + " compared with before it";
            };
            case CONTROL, NONE -> switch (e) {
                case INCREASE -> s.outcome() + " was higher with " + s.intervention() + " than with control";
                case REDUCTION -> s.outcome() + " was lower with " + s.intervention() + " than with control";
                default -> "no clear difference in " + s.outcome() + " between " + s.intervention() + " and control";
            };
        };
        String caution = e == Effect.NO_CLEAR_DIFFERENCE ? "; the confidence interval includes no effect" : "";
        String design = s.comparator() == Comparator.BASELINE ? " This is a before-after comparison without a control group." : "";
        return capitalise(source) + " found " + (e == Effect.NO_CLEAR_DIFFERENCE || e == Effect.UNKNOWN ? "" : "that ") + found
                + numbers + caution + "." + design + " The certainty of this evidence has not been rated: " + why + ".";
    }

    private static String verb(Certainty.Level level, String plain, String base) {
        return switch (level) {
            case HIGH -> plain;
            case MODERATE -> "probably " + plain;
            case LOW -> "may " + base;
            case VERY_LOW -> throw new IllegalArgumentException("very low certainty has no verb");
        };
    }

    private static String against(Comparator c) {
        return switch (c) {
            case CONTROL -> " compared with control";
            case BASELINE -> " compared with before treatment (no control group)";
            case NONE -> "";
        };
    }

    private static String reversedNote(Finding f) {
        return f.signReversed() ? "; the source prints a fall as a positive number" : "";
    }

    static String capitalise(String s) {
        return s == null || s.isEmpty() ? "" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
