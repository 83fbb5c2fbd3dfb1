package org.evidencecds.findings;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

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
            return display(printed.trim());
        }
        return value == null ? "" : display(plain(value));
    }

    /** The shortest exact text of a value (inputs, thresholds, cut-offs), with a real minus sign. */
    public static String plain(double value) {
        return display(plainAscii(value));
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
        return display(BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).toPlainString());
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

    /** A unit after a number, as in "12 cm²": the symbol form, nothing for a unitless index. */
    public static String inputUnit(String unit) {
        if (unit == null || unit.isBlank() || unit.equals("index") || unit.equals("grade")) {
            return "";
        }
        return switch (unit) {
            case "cm2" -> "cm²";
            case "mm2" -> "mm²";
            default -> unit;
        };
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
    static String display(String ascii) {
        return ascii.startsWith("-") ? MINUS + ascii.substring(1) : ascii;
    }
}
