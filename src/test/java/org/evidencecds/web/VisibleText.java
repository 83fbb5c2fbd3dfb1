package org.evidencecds.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * What people read on a rendered page must not show field names: no profile field's name, and no other
 * camelCase word but known terms. Narrower than {@link org.evidencecds.ClinicalText} (which checks the
 * engine's own texts for codes and ".0" too) because a page also quotes sources and trial titles verbatim.
 */
final class VisibleText {

    /** A camelCase word: a lower-case start, then a capital ("ulcerAreaCm2", "ageYears"), digits included. */
    static final Pattern CAMEL_CASE = Pattern.compile("\\b[a-z]+[A-Z][a-zA-Z0-9]*\\b");

    /** Written that way by their owners: a unit, and the name of a trial's cell product (in the trial's registered title). */
    static final List<String> TERMS = List.of("mmHg", "hOMSC200");

    private VisibleText() {
    }

    static void assertNoFieldNames(String where, String visible) {
        List<String> found = new ArrayList<>();
        Matcher m = CAMEL_CASE.matcher(visible);
        while (m.find()) {
            if (!TERMS.contains(m.group())) {
                found.add(m.group());
            }
        }
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (Pattern.compile("\\b" + f.name() + "\\b").matcher(visible).find()) {
                found.add(f.name());
            }
        }
        assertThat(found).as("field names or camelCase words in the visible text of " + where).isEmpty();
    }
}
