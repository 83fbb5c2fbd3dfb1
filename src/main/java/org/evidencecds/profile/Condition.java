package org.evidencecds.profile;

import java.util.List;

/**
 * A condition on one profile field: bounds ({@code min} ≥, {@code above} >, {@code max} ≤,
 * {@code below} <) for a numeric field, allowed values for a categorical one, or neither: the field
 * must be recorded.
 */
public record Condition(String field, Double min, Double above, Double max, Double below, List<String> in) {
    public Condition {
        in = in == null ? List.of() : List.copyOf(in);
    }

    public boolean isPresenceOnly() {
        return min == null && above == null && max == null && below == null && in.isEmpty();
    }

    /** Whether a value meets the condition (the plain-Java meaning the generated rules must agree with). */
    public boolean test(double v) {
        return (min == null || v >= min) && (above == null || v > above) && (max == null || v <= max) && (below == null || v < below);
    }

    public boolean test(String category) {
        return in.isEmpty() || in.contains(category);
    }

    /** The condition in words, e.g. "abi > 0.7 and < 1.3". */
    public String describe() {
        if (!in.isEmpty()) {
            return field + " is " + String.join(" or ", in);
        }
        if (isPresenceOnly()) {
            return field + " is recorded";
        }
        StringBuilder b = new StringBuilder(field);
        String sep = " ";
        if (min != null && min.equals(max)) {
            return field + " = " + num(min);
        }
        if (min != null) {
            b.append(sep).append("≥ ").append(num(min));
            sep = " and ";
        }
        if (above != null) {
            b.append(sep).append("> ").append(num(above));
            sep = " and ";
        }
        if (max != null) {
            b.append(sep).append("≤ ").append(num(max));
            sep = " and ";
        }
        if (below != null) {
            b.append(sep).append("< ").append(num(below));
        }
        return b.toString();
    }

    /** Whether a profile meets the condition: true, false, or null when the field is not recorded. */
    public Boolean test(PatientProfile profile) {
        Object v = profile.value(field);
        return v == null ? null : v instanceof Double n ? test(n) : test((String) v);
    }

    public static String num(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
