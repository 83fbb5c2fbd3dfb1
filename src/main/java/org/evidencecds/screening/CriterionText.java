package org.evidencecds.screening;

import java.util.ArrayList;
import java.util.List;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.Condition;
import org.evidencecds.profile.FieldText;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * A screened criterion in clinical language: its label and the trial's limits from the field definitions
 * ("Ulcer area", "the trial requires 0.5–13 cm²", "the trial excludes HbA1c above 12%"), the patient's
 * values with their units, and the status in words. Limits keep the protocol's strictness: an inclusive
 * range is "0.5–13", a strict bound "more than 56 days" (inclusion) or "above 12%" (exclusion).
 */
final class CriterionText {

    private CriterionText() {
    }

    /** The labels of the fields the criterion reads: "Ulcer area", "Ankle-brachial index or TcPO2". */
    static String label(TrialProtocol.Criterion c) {
        return FieldText.or(c.fields().stream().map(FieldText::label).toList());
    }

    /** What the trial asks: "the trial requires 0.5–13 cm²", "the trial excludes HbA1c above 12%". */
    static String requirement(TrialProtocol.Criterion c) {
        boolean exclusion = c.kind() == TrialProtocol.Kind.EXCLUSION;
        // with one condition on one field the label is said just before; otherwise each alternative names its field
        boolean named = exclusion || c.anyOf().size() > 1;
        List<String> alternatives = new ArrayList<>();
        for (Condition cond : c.anyOf()) {
            ProfileField f = field(cond.field());
            String limits = limits(cond, f, exclusion);
            alternatives.add(named || cond.isPresenceOnly() ? FieldText.labelInSentence(f.name()) + " " + limits : limits);
        }
        String what = String.join(", or ", alternatives);
        if (!c.notScreenedAlternatives().isEmpty()) {
            what += ", or what the investigator checks: " + String.join("; ", c.notScreenedAlternatives());
        }
        return (exclusion ? "the trial excludes " : "the trial requires ") + what;
    }

    /** The patient's values of the criterion's fields: "20 cm²", "not recorded", "ankle-brachial index 0.9, TcPO2 not recorded". */
    static String values(TrialProtocol.Criterion c, PatientProfile profile) {
        List<String> fields = c.fields();
        if (fields.size() == 1) {
            return FieldText.value(fields.get(0), profile.value(fields.get(0)));
        }
        return String.join(", ", fields.stream().map(f -> FieldText.labelInSentence(f) + " " + FieldText.value(f, profile.value(f))).toList());
    }

    /**
     * The status in words: met / not met (inclusion), excluded / not excluded (exclusion); for an undecided
     * criterion, not recorded, could not be checked (some inputs missing) or for the investigator to check
     * (the recorded values fail, but an alternative the profile cannot hold may still meet it).
     */
    static String status(TrialProtocol.Criterion c, String status, List<String> missing) {
        boolean inclusion = c.kind() == TrialProtocol.Kind.INCLUSION;
        return switch (status) {
            case "met" -> inclusion ? "met" : "excluded";
            case "not-met" -> inclusion ? "not met" : "not excluded";
            default -> missing.size() == c.fields().size() ? "not recorded"
                    : missing.isEmpty() ? "for the investigator to check" : "could not be checked";
        };
    }

    /** "Ulcer area: 20 cm² — not met (the trial requires 0.5–13 cm²)."; "Age: not recorded (the trial requires 18–80 years)." */
    static String sentence(TrialProtocol.Criterion c, String status, List<String> missing, PatientProfile profile) {
        String words = status(c, status, missing);
        if (words.equals("not recorded")) {
            return label(c) + ": not recorded (" + requirement(c) + ").";
        }
        return label(c) + ": " + values(c, profile) + " — " + words + " (" + requirement(c) + ").";
    }

    /** Why a criterion rules the patient out, for the verdict: "ulcer area 20 cm², the trial requires 0.5–13 cm²". */
    static String reason(TrialProtocol.Criterion c, PatientProfile profile) {
        List<String> fields = c.fields();
        String values = fields.size() == 1
                ? FieldText.labelInSentence(fields.get(0)) + " " + FieldText.value(fields.get(0), profile.value(fields.get(0)))
                : values(c, profile);
        return values + ", " + requirement(c);
    }

    /** One condition's limits: "0.5–13 cm²", "more than 56 days", "above 12%", "grade 1", "type 1 or type 2". */
    static String limits(Condition c, ProfileField f, boolean exclusion) {
        if (!c.in().isEmpty()) {
            return FieldText.or(c.in().stream().map(FieldText::category).toList());
        }
        if (c.isPresenceOnly()) {
            return "recorded";
        }
        String unit = FieldText.unit(f);
        // a grade has no unit to write after the number; it is named before it ("grade 1")
        String before = "grade".equals(f.unit()) ? "grade " : "";
        if (c.min() != null && c.min().equals(c.max())) {
            return before + FieldText.withUnit(EffectText.plain(c.min()), unit);
        }
        if (c.min() != null && c.max() != null) {
            return before + FieldText.withUnit(EffectText.plain(c.min()) + "–" + EffectText.plain(c.max()), unit);
        }
        List<Bound> bounds = new ArrayList<>();
        if (c.min() != null) {
            bounds.add(exclusion ? new Bound("", c.min(), " or more") : new Bound("at least ", c.min(), ""));
        } else if (c.above() != null) {
            bounds.add(new Bound(exclusion ? "above " : "more than ", c.above(), ""));
        }
        if (c.max() != null) {
            bounds.add(exclusion ? new Bound("", c.max(), " or less") : new Bound("at most ", c.max(), ""));
        } else if (c.below() != null) {
            bounds.add(new Bound(exclusion ? "below " : "less than ", c.below(), ""));
        }
        // the unit goes after the last number only: "more than 28 and less than 364 days", "12% or more"
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < bounds.size(); i++) {
            Bound b = bounds.get(i);
            String number = (i == 0 ? before : "") + EffectText.plain(b.value());
            parts.add(b.prefix() + (i == bounds.size() - 1 ? FieldText.withUnit(number, unit) : number) + b.suffix());
        }
        return String.join(" and ", parts);
    }

    /** One side of a range in words: "more than " 56, or 12 " or more". */
    private record Bound(String prefix, double value, String suffix) {
    }

    private static ProfileField field(String name) {
        return ProfileSchema.field(name).orElseThrow(() -> new IllegalStateException("criterion on an unknown field " + name));
    }
}
