package org.evidencecds.findings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * The one formatter of effect estimates for every surface (command line, page, embed panel, API text
 * fields, CDS cards, rule metadata, certainty reasons and caveats), so a number reads the same wherever it
 * is shown.
 *
 * <p>Published numbers keep the decimal text the source printed ("6.90" stays 6.90, never 6.9). Numbers
 * this engine computes get a fixed precision, documented here: ratio measures (OR, RR) and SMDs 2
 * decimals; mean differences by unit (days and mmHg 1 decimal, every other unit 2 decimals); p values 2
 * significant digits, below 0.001 as "&lt;0.001". Display text uses a real minus sign (U+2212); the
 * {@code *Text} fields of data keep the source's characters.
 */
public final class EffectText {

    /** The minus sign of display text (U+2212), wider and unambiguous beside a hyphen or a dash. */
    public static final String MINUS = "\u2212";

    private EffectText() {
    }

    /** A number for display: its printed decimal text when known, else the value as given; real minus sign. */
    public static String number(String printed, Double value) {
        if (printed != null && !printed.isBlank()) {
            return minus(printed.trim());
        }
        return value == null ? "" : minus(plainAscii(value));
    }

    /** The shortest exact text of a value (inputs, thresholds, cut-offs), with a real minus sign. */
    public static String plain(double value) {
        return minus(plainAscii(value));
    }

    /** The shortest exact text of a value with an ASCII minus (for data fields, rule conditions and files). */
    public static String plainAscii(double value) {
        if (!Double.isFinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
    }

    /**
     * The text of a number this engine computed (never published), at the fixed precision of its measure
     * and unit; ASCII minus, as the {@code *Text} fields of data carry it.
     */
    public static String recomputed(double value, String measure, String unit) {
        int decimals = decimals(measure, unit);
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** Decimals of recomputed values: see the class comment. */
    static int decimals(String measure, String unit) {
        if (!"MD".equals(measure)) {
            return 2;
        }
        return unit != null && (unit.equals("days") || unit.equals("mmHg")) ? 1 : 2;
    }

    /** A value computed here for display beside published ones (a study's effect, a prediction limit): 2 decimals, real minus. */
    public static String computed(double value) {
        return minus(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString());
    }

    /** A computed p value: 2 significant digits, "<0.001" below 0.001. */
    public static String pValue(double p) {
        if (p < 0.001) {
            return "<0.001";
        }
        return BigDecimal.valueOf(p).round(new MathContext(2, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
    }

    /**
     * The unit of an effect as a reader sees it, or a phrase saying there is none: ratio measures have no
     * unit (empty); an SMD is in standard deviations; an MD in the outcome's unit, with "unit not reported"
     * when the source did not print one.
     */
    public static String unit(String measure, String unit) {
        if (measure == null || "OR".equals(measure) || "RR".equals(measure)) {
            return "";
        }
        if ("SMD".equals(measure)) {
            return "standard deviations";
        }
        if (unit == null || unit.isBlank() || unit.equals("as reported") || unit.equals("not reported")) {
            return "unit not reported";
        }
        return switch (unit) {
            case "cm2" -> "cm²";
            case "mm2" -> "mm²";
            case "%" -> "percentage points";
            case "index" -> "no unit";
            default -> unit;
        };
    }

    /**
     * A unit after a number, as in "12 cm²": the symbol form, nothing for a unitless index. For a profile
     * field prefer {@link ProfileField#displayUnit()}, which knows from the UCUM code that a field is
     * dimensionless; this is the same symbol table ({@link ProfileField#symbol}) for units without a field.
     */
    public static String inputUnit(String unit) {
        return ProfileField.symbol(unit);
    }

    /** "OR 4.64", "MD −16.83 days", "MD −6.22, unit not reported", "SMD 0.89 standard deviations". */
    public static String estimate(Finding f) {
        if (!f.isNumeric()) {
            return "";
        }
        String unit = unit(f.measure(), f.unit());
        String value = f.measure() + " " + number(f.estimateText(), f.estimate());
        if (unit.isEmpty()) {
            return value;
        }
        return unit.equals("unit not reported") || unit.equals("no unit") ? value + ", " + unit : value + " " + unit;
    }

    /** "95% CI 3.11 to 6.90", or "95% CI not published". */
    public static String interval(Finding f) {
        if (f.ciLow() == null) {
            return "95% CI not published";
        }
        return "95% CI " + number(f.ciLowText(), f.ciLow()) + " to " + number(f.ciHighText(), f.ciHigh());
    }

    /** The whole effect: "OR 4.64 (95% CI 3.11 to 6.90)", "MD −16.83 days (95% CI −27.93 to −5.74)". */
    public static String effect(Finding f) {
        if (!f.isNumeric()) {
            return "direction only: " + direction(f.direction()) + " (no estimate published)";
        }
        return estimate(f) + " (" + interval(f) + ")";
    }

    /** The effect inside parentheses of a sentence: "OR 4.64, 95% CI 3.11 to 6.90". */
    public static String inline(Finding f) {
        return f.isNumeric() ? estimate(f) + ", " + interval(f) : direction(f.direction());
    }

    /** A direction-only claim's direction in words ("larger benefit", "favours cell therapy"). */
    public static String direction(String token) {
        if (token == null) {
            return "";
        }
        return switch (token) {
            case "favours-cell-therapy" -> "favours cell therapy";
            case "favours-control" -> "favours control";
            case "no-difference" -> "no difference";
            case "larger-benefit" -> "larger benefit";
            case "smaller-benefit" -> "smaller benefit";
            default -> token.replace('-', ' ');
        };
    }

    /** Display text of a number written with an ASCII minus: a leading '-' becomes U+2212. */
    static String minus(String ascii) {
        return ascii.startsWith("-") ? MINUS + ascii.substring(1) : ascii;
    }

    // ---- text for people: labels, slices, profile values, ranges ------------------------------------------

    private static final Pattern CARET_EXPONENT = Pattern.compile("(?<=\\d)\\^\\{?([-+\u2212]?\\d+)\\}?");

    private static final String SUPERSCRIPT_DIGITS = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";

    /**
     * A label, slice or other text as a reader sees it: exponents the source printed in plain text
     * ("1×10^7 to 1.2×10^9 cells") become superscripts ("1×10⁷ to 1.2×10⁹ cells"). The one formatter every
     * surface applies to level labels and slices, so the evidence files keep the source's text as recorded
     * and only the display changes. Null stays null.
     */
    public static String display(String text) {
        if (text == null || text.indexOf('^') < 0) {
            return text;
        }
        Matcher m = CARET_EXPONENT.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(superscript(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A count with its noun in the right number: "1 pack", "2 packs", "0 problems"; never "pack(s)". */
    public static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    /** "7" -> "⁷", "-3" -> "⁻³". */
    static String superscript(String exponent) {
        StringBuilder b = new StringBuilder();
        for (char c : exponent.toCharArray()) {
            if (c >= '0' && c <= '9') {
                b.append(SUPERSCRIPT_DIGITS.charAt(c - '0'));
            } else if (c == '-' || c == '\u2212') {
                b.append('\u207b');
            } else if (c == '+') {
                b.append('\u207a');
            }
        }
        return b.toString();
    }

    /**
     * A bound or count as a reader writes it: whole numbers without ".0"; from a million up, with a power of
     * ten ("1×10⁷", "1.2×10⁹"), as cell doses are printed; a real minus sign.
     */
    public static String bound(double value) {
        if (Double.isFinite(value) && Math.abs(value) >= 1e6) {
            BigDecimal d = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
            int exponent = d.precision() - d.scale() - 1;
            BigDecimal mantissa = d.movePointLeft(exponent).stripTrailingZeros();
            if (mantissa.precision() <= 4) {
                return (value < 0 ? MINUS : "") + mantissa.toPlainString() + "×10" + superscript(Integer.toString(exponent));
            }
        }
        return plain(value);
    }

    /**
     * An interval in words with its unit: "1×10⁷ to 1.2×10⁹ cells", "≥ 10 cm²", "< 10 years",
     * "≥ 0.5 and < 13 cm²"; the unit as {@link ProfileField#symbol} writes it (none for an index).
     */
    public static String range(org.evidencecds.evidence.Interval in, String unit) {
        if (in == null) {
            return null;
        }
        String u = ProfileField.symbol(unit);
        String tail = u.isEmpty() ? "" : " " + u;
        String lower = in.lower() == null ? null : (in.lowerInclusive() ? "≥ " : "> ") + bound(in.lower());
        String upper = in.upper() == null ? null : (in.upperInclusive() ? "≤ " : "< ") + bound(in.upper());
        if (lower == null && upper == null) {
            return "any value";
        }
        if (lower == null) {
            return upper + tail;
        }
        if (upper == null) {
            return lower + tail;
        }
        if (in.lowerInclusive() && in.upperInclusive()) {
            return bound(in.lower()) + " to " + bound(in.upper()) + tail;
        }
        return lower + " and " + upper + tail;
    }

    /**
     * A profile value as a reader sees it: a number with the field's display unit ("12 cm²", "8.1%", "0.9"
     * for an index, "60 years", never "60.0"), a category in words ("type 2"). The one formatter of inputs
     * for the report, the command line and the cards.
     */
    public static String quantity(ProfileField field, double value) {
        return field == null ? plain(value) : field.withUnit(plain(value));
    }

    /** A profile field's value, looked up by field name: see {@link #quantity}; categories as "type 2". */
    public static String profileValue(String field, Object value) {
        if (value == null) {
            return "";
        }
        ProfileField f = ProfileSchema.field(field).orElse(null);
        if (value instanceof Number n) {
            return quantity(f, n.doubleValue());
        }
        return ProfileField.shortValue(String.valueOf(value));
    }

    /** The field's label, never its name: "Ulcer area" for ulcerAreaCm2 (an unknown name is shown as given). */
    public static String label(String field) {
        return ProfileSchema.field(field).map(ProfileField::label).orElse(field);
    }

    /**
     * Profile values after their labels, in the order of the field definitions (the form's order, not the
     * alphabetical order of field names): "Ulcer area: 12 cm²; Diabetes duration: 6 years; Diabetes type:
     * type 2"; "no inputs" when there are none.
     */
    public static String profile(java.util.Map<String, ?> values) {
        if (values.isEmpty()) {
            return "no inputs";
        }
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (values.get(f.name()) != null) {
                parts.add(f.label() + ": " + profileValue(f.name(), values.get(f.name())));
            }
        }
        values.forEach((k, v) -> {
            if (v != null && ProfileSchema.field(k).isEmpty()) {
                parts.add(k + ": " + v);
            }
        });
        return String.join("; ", parts);
    }

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern E_NOTATION = Pattern.compile("(\\d+(?:\\.\\d+)?)[eE]\\+?(-?\\d+)");
    private static final Pattern DIRECTION_TOKEN = Pattern.compile("^(favours-cell-therapy|favours-control|no-difference|larger-benefit|smaller-benefit)\\b");

    /**
     * A value a source recorded (a conflict's two readings) as a reader sees it, with nothing lost: a number
     * with a real minus, "1e7" as "1×10⁷", a direction code in words, the rest as recorded (exponents as
     * superscripts).
     */
    public static String recorded(String value) {
        if (value == null) {
            return "";
        }
        String v = value.trim();
        if (PLAIN_NUMBER.matcher(v).matches()) {
            return minus(v);
        }
        Matcher e = E_NOTATION.matcher(v);
        if (e.matches()) {
            return e.group(1) + "×10" + superscript(e.group(2));
        }
        Matcher d = DIRECTION_TOKEN.matcher(v);
        if (d.find()) {
            v = direction(d.group(1)) + v.substring(d.end());
        }
        return display(v);
    }
}
