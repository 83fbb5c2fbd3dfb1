package org.evidencecds;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * What text a clinician reads must not contain: a profile field name (ulcerAreaCm2), any other camelCase
 * word, a code with hyphens used as a word (larger-benefit, type-2, in-level), a column name (p_value), a
 * caret exponent (10^7), "(s)", or a whole number written with ".0". Returns the offences, so a test can
 * show them all at once.
 */
public final class ClinicalText {

    /** Words with an inner capital that are how people write them, not code. */
    private static final List<String> ALLOWED_CAMEL = List.of("mmHg", "mmol", "nmol", "iPSC", "iPSCs");

    private static final Pattern CAMEL = Pattern.compile("\\b[a-z]+[A-Z][A-Za-z0-9]*\\b");

    private static final List<String> CODES = List.of("larger-benefit", "smaller-benefit", "favours-cell-therapy", "favours-control",
            "no-difference", "in-level", "input-missing", "outside-studied-range", "no-evidence", "type-1", "type-2", "p_value",
            "level_as_reported");

    private static final Pattern POINT_ZERO = Pattern.compile("(?<![\\d.])\\d+\\.0(?![\\d])");

    private ClinicalText() {
    }

    public static List<String> offences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (Pattern.compile("\\b" + f.name() + "\\b").matcher(text).find() && f.name().chars().anyMatch(Character::isUpperCase)) {
                out.add("field name " + f.name() + " in: " + text);
            }
        }
        Matcher m = CAMEL.matcher(text);
        while (m.find()) {
            if (!ALLOWED_CAMEL.contains(m.group())) {
                out.add("camelCase word " + m.group() + " in: " + text);
            }
        }
        for (String code : CODES) {
            if (text.contains(code)) {
                out.add("code " + code + " in: " + text);
            }
        }
        if (text.contains("^")) {
            out.add("caret exponent in: " + text);
        }
        if (text.contains("(s)")) {
            out.add("\"(s)\" in: " + text);
        }
        Matcher z = POINT_ZERO.matcher(text);
        if (z.find()) {
            out.add("whole number with .0 (" + z.group() + ") in: " + text);
        }
        return out;
    }
}
