package org.evidencecds.profile;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.findings.EffectText;

/**
 * Profile fields as people read them: the label and unit from the field definitions ({@code fields.yaml}),
 * numbers through {@link EffectText} ("12.5", "−1", no ".0"). Every text here is for a person, so it never
 * holds a field name or a value code ("ulcerAreaCm2", "type-2"); those stay in the data fields of answers.
 */
public final class FieldText {

    /**
     * A label's first word when it is an ordinary word, lower-cased mid-sentence ("ulcer area"); labels whose
     * first word mixes cases ("HbA1c", "TcPO2") are never changed, and a field whose label is a proper name
     * says how it reads in fields.yaml ({@code inSentence}).
     */
    private static final Pattern ORDINARY_FIRST_WORD = Pattern.compile("^([A-Z])([a-z]+)(?![A-Za-z0-9])");

    private FieldText() {
    }

    /** The field's label ("Ulcer area"); the name itself only for a field the schema does not define. */
    public static String label(String field) {
        return EffectText.label(field);
    }

    /** The label as it reads inside a sentence: "ulcer area", "ankle-brachial index", but "HbA1c", "Wagner ulcer grade". */
    public static String labelInSentence(String field) {
        return ProfileSchema.field(field).map(f -> f.inSentence() != null ? f.inSentence() : inSentence(f.label())).orElse(field);
    }

    /** A label or title lower-cased at its start when its first word is an ordinary word. */
    public static String inSentence(String label) {
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (f.label().equals(label) && f.inSentence() != null) {
                return f.inSentence(); // fields.yaml says how it reads (a proper name keeps its capital)
            }
        }
        Matcher m = ORDINARY_FIRST_WORD.matcher(label);
        if (!m.find()) {
            return label;
        }
        return m.group(1).toLowerCase(Locale.ROOT) + label.substring(1);
    }

    /** The unit written after a number ("cm²", "years", "%"), empty for an index or a grade. */
    public static String unit(ProfileField field) {
        return field.displayUnit();
    }

    /** A number with the field's unit: "20 cm²", "12.5%", "60 years", "0.9" (an index), "2" (a grade). */
    public static String number(ProfileField field, double value) {
        return EffectText.quantity(field, value);
    }

    /** A text (a number or a range) followed by a unit, with the spacing of that unit. */
    public static String withUnit(String number, String unit) {
        if (unit.isEmpty()) {
            return number;
        }
        return unit.equals("%") ? number + "%" : number + " " + unit;
    }

    /** A categorical value in words: "type 2", "yes". */
    public static String category(String value) {
        return ProfileField.shortValue(value);
    }

    /** A recorded value in words with its unit; "not recorded" when there is none. */
    public static String value(String field, Object value) {
        if (value == null) {
            return "not recorded";
        }
        ProfileField f = ProfileSchema.field(field).orElse(null);
        if (value instanceof Number n) {
            return f == null ? EffectText.plain(n.doubleValue()) : number(f, n.doubleValue());
        }
        return category(String.valueOf(value));
    }

    /** The values a field accepts, in words: "0–1000 cm²", "a whole number 0–5", "type 1, type 2 or other". */
    public static String accepted(ProfileField field) {
        if (field.isNumeric()) {
            String range = withUnit(EffectText.plain(field.min()) + "–" + EffectText.plain(field.max()), unit(field));
            return field.wholeNumber() ? "a whole number " + range : range;
        }
        return or(field.allowed().stream().map(FieldText::category).toList());
    }

    /** The limits of a numeric field for an error message: "between 0 and 1000 cm²", "a whole number between 0 and 5". */
    public static String between(ProfileField field) {
        String range = withUnit(EffectText.plain(field.min()) + " and " + EffectText.plain(field.max()), unit(field));
        return (field.wholeNumber() ? "a whole number between " : "between ") + range;
    }

    /** "a", "a or b", "a, b or c". */
    public static String or(java.util.List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** "a", "a and b", "a, b and c". */
    public static String and(java.util.List<String> items) {
        if (items.size() <= 1) {
            return items.isEmpty() ? "" : items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }

    /** A count with its noun in the right number: "1 criterion", "6 criteria". */
    public static String count(long n, String singular, String plural) {
        return EffectText.count(n, singular, plural);
    }

    /** A sentence's first letter in capitals. */
    public static String capitalized(String s) {
        return s == null || s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }
}
