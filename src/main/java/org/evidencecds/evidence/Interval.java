package org.evidencecds.evidence;

/** A numeric band; a null bound is unbounded on that side. */
public record Interval(Double lower, boolean lowerInclusive, Double upper, boolean upperInclusive) {

    public boolean contains(double x) {
        if (Double.isNaN(x)) {
            return false;
        }
        boolean aboveLower = lower == null || (lowerInclusive ? x >= lower : x > lower);
        boolean belowUpper = upper == null || (upperInclusive ? x <= upper : x < upper);
        return aboveLower && belowUpper;
    }

    /** Mathematical notation, e.g. {@code [10, ∞)}. */
    @Override
    public String toString() {
        return (lowerInclusive && lower != null ? "[" : "(") + (lower == null ? "-∞" : format(lower)) + ", "
                + (upper == null ? "∞" : format(upper)) + (upperInclusive && upper != null ? "]" : ")");
    }

    /** A bound as a reader writes it: 10, 1.2E9, 0.5. */
    public static String format(double d) {
        return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
}
