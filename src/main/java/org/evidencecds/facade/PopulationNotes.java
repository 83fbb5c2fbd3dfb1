package org.evidencecds.facade;

import java.util.ArrayList;
import java.util.List;
import org.evidencecds.evidence.Labels;
import org.evidencecds.evidence.PackInfo;
import org.evidencecds.findings.EffectText;
import org.evidencecds.profile.Condition;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Why a pack's population does not include the patient, in a clinician's words: labels, units and values in
 * words ("Diabetes type is not recorded; this evidence is for patients with type 2 diabetes"), never a
 * field name or a code. Which packs apply is decided by the same conditions ({@link Condition#test}) as
 * before; only the wording is made here.
 */
final class PopulationNotes {

    private PopulationNotes() {
    }

    /** One reason per condition of the pack's population the patient does not meet; empty when the pack applies. */
    static List<String> reasons(PackInfo info, PatientProfile profile) {
        List<String> reasons = new ArrayList<>();
        for (Condition c : info.appliesTo()) {
            Boolean met = c.test(profile);
            if (met != null && met) {
                continue;
            }
            ProfileField field = ProfileSchema.field(c.field()).orElseThrow();
            String about = "; this evidence is for patients with " + wanted(c, field);
            if (met == null) {
                reasons.add(field.label() + " is not recorded" + about);
            } else if (profile.value(c.field()) instanceof Double d) {
                reasons.add(field.label() + " is " + EffectText.quantity(field, d) + about);
            } else {
                reasons.add("The patient has " + field.valueWords((String) profile.value(c.field())) + about);
            }
        }
        return reasons;
    }

    /** The condition as it reads after "patients with": "type 2 diabetes", "age ≥ 18 years", "a recorded HbA1c". */
    static String wanted(Condition c, ProfileField field) {
        if (!c.in().isEmpty()) {
            return String.join(" or ", c.in().stream().map(field::valueWords).toList());
        }
        String label = Labels.inSentence(field.label());
        if (c.isPresenceOnly()) {
            return "a recorded " + label;
        }
        List<String> bounds = new ArrayList<>();
        if (c.min() != null && c.min().equals(c.max())) {
            return label + " " + EffectText.quantity(field, c.min());
        }
        if (c.min() != null) {
            bounds.add("≥ " + EffectText.quantity(field, c.min()));
        }
        if (c.above() != null) {
            bounds.add("> " + EffectText.quantity(field, c.above()));
        }
        if (c.max() != null) {
            bounds.add("≤ " + EffectText.quantity(field, c.max()));
        }
        if (c.below() != null) {
            bounds.add("< " + EffectText.quantity(field, c.below()));
        }
        return label + " " + String.join(" and ", bounds);
    }
}
