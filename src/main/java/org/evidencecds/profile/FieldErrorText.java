package org.evidencecds.profile;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A refused input in words for the person who typed it: "Ulcer area: must be between 0 and 1000 cm²
 * (entered: −1)". {@link PatientProfile} states its errors for API clients, with the field's JSON name and
 * unit code; this rewrites them from the field definition (label, unit, limits), keeping only the value
 * the user entered, which {@link PatientProfile} has already cut to a safe length ({@link Quote}).
 */
public final class FieldErrorText {

    private static final Pattern GOT = Pattern.compile(", got (.*)$", Pattern.DOTALL);
    private static final Pattern NOT_A_NUMBER = Pattern.compile("^not a number: (.*)$", Pattern.DOTALL);
    private static final Pattern IMPLIED = Pattern.compile("^is \"([^\"]*)\", but (.*) is recorded, which means \"([^\"]*)\"$");

    private FieldErrorText() {
    }

    /** The error in words; {@code field} may carry a prefix such as "profile." (the screening API's). */
    public static String of(PatientProfile.FieldError error) {
        String name = error.field().startsWith("profile.") ? error.field().substring("profile.".length()) : error.field();
        ProfileField field = ProfileSchema.field(name).orElse(null);
        if (field == null) {
            // a key the sender made up: its name is all there is to show
            return "“" + name + "” is not a detail the patient profile has";
        }
        return field.label() + ": " + reason(field, error.reason());
    }

    static String reason(ProfileField field, String reason) {
        Matcher notNumber = NOT_A_NUMBER.matcher(reason);
        if (notNumber.matches()) {
            return "enter a number (entered: " + notNumber.group(1) + ")";
        }
        String entered = entered(reason);
        if (reason.startsWith("must be between")) {
            return "must be " + FieldText.between(field) + entered;
        }
        if (reason.startsWith("must be a whole number")) {
            return "must be a whole number" + entered;
        }
        if (reason.startsWith("must be a number")) {
            String unit = FieldText.unit(field);
            return unit.isEmpty() ? "must be a number" : "must be a number in " + unit;
        }
        if (reason.startsWith("must be one of")) {
            return "must be " + FieldText.accepted(field) + entered;
        }
        Matcher implied = IMPLIED.matcher(reason);
        if (implied.matches()) {
            String by = FieldText.and(java.util.Arrays.stream(implied.group(2).split(" and ")).map(FieldText::labelInSentence).toList());
            return "“" + FieldText.category(implied.group(1)) + "” contradicts the recorded " + by + " (which means “"
                    + FieldText.category(implied.group(3)) + "”)";
        }
        // a reason this class does not know yet: at least no field names in it
        String out = reason;
        for (ProfileField f : ProfileSchema.FIELDS) {
            out = out.replace(f.name(), f.label());
        }
        return out;
    }

    private static String entered(String reason) {
        Matcher m = GOT.matcher(reason);
        if (!m.find()) {
            return "";
        }
        String v = m.group(1);
        // numbers come back plain ("-1"): shown with the display minus; quoted texts as they are
        Double d = v.startsWith("\"") ? null : PatientProfile.decimal(v);
        return " (entered: " + (d == null ? v : org.evidencecds.findings.EffectText.plain(d)) + ")";
    }
}
