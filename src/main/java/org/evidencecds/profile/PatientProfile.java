package org.evidencecds.profile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A patient profile: every field optional, units in the field names (see {@link ProfileSchema}). Built
 * only through {@link #of}, which refuses unknown fields and impossible values, naming the field and the
 * accepted range.
 */
public final class PatientProfile {

    private final Map<String, Double> numbers;
    private final Map<String, String> categories;

    private PatientProfile(Map<String, Double> numbers, Map<String, String> categories) {
        this.numbers = Collections.unmodifiableMap(new TreeMap<>(numbers));
        this.categories = Collections.unmodifiableMap(new TreeMap<>(categories));
    }

    /** A field that was refused, and why. */
    public record FieldError(String field, String reason) {
        @Override
        public String toString() {
            return field + ": " + reason;
        }
    }

    public static final class InvalidProfileException extends RuntimeException {
        private final List<FieldError> errors;

        public InvalidProfileException(List<FieldError> errors) {
            super(String.join("; ", errors.stream().map(FieldError::toString).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** A decimal number as text: an optional minus, digits, an optional fraction and exponent (e.g. 12, -0.5, 1e3). */
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?([eE][+-]?\\d+)?");

    /**
     * The number a text holds when it is a plain decimal ({@code 12}, {@code 12.5}, {@code -1e3}; blanks around it
     * are ignored), otherwise null: no hexadecimal ({@code 0x1p3}), no type suffix ({@code 12d}), no NaN or
     * Infinity, which {@link Double#parseDouble} would all accept.
     */
    public static Double decimal(String text) {
        String t = text.trim();
        return DECIMAL.matcher(t).matches() ? Double.valueOf(Double.parseDouble(t)) : null;
    }

    /** Validates every field (all problems at once); values may be numbers, decimal strings or null. */
    public static PatientProfile of(Map<String, ?> values) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Double> numbers = new TreeMap<>();
        Map<String, String> categories = new TreeMap<>();
        values.forEach((name, raw) -> {
            if (raw == null) {
                return;
            }
            ProfileField field = ProfileSchema.field(name).orElse(null);
            if (field == null) {
                errors.add(new FieldError(Quote.name(name), "unknown field (known: "
                        + String.join(", ", ProfileSchema.FIELDS.stream().map(ProfileField::name).toList()) + ")"));
                return;
            }
            if (field.isNumeric()) {
                Double v = null;
                if (raw instanceof Number n) {
                    v = n.doubleValue();
                } else if (raw instanceof String s && !s.isBlank()) {
                    v = decimal(s);
                    if (v == null) {
                        errors.add(new FieldError(name, "not a number: " + Quote.of(s)));
                        return;
                    }
                } else if (raw instanceof String) {
                    return;
                } else {
                    errors.add(new FieldError(name, "must be a number" + (field.displayUnit().isEmpty() ? "" : " in " + field.displayUnit())));
                    return;
                }
                if (!Double.isFinite(v) || v < field.min() || v > field.max()) {
                    // the unit as a reader writes it (cm², none for an index or a grade); the value as given
                    errors.add(new FieldError(name, "must be between " + plain(field.min()) + " and " + field.withUnit(plain(field.max()))
                            + ", got " + (Double.isNaN(v) ? "NaN" : plain(v))));
                    return;
                }
                if (field.wholeNumber() && v != Math.rint(v)) {
                    errors.add(new FieldError(name, "must be a whole number, got " + plain(v)));
                    return;
                }
                numbers.put(name, v);
            } else {
                String s = raw.toString().trim().toLowerCase(Locale.ROOT);
                if (s.isEmpty()) {
                    return;
                }
                if (!field.allowed().contains(s)) {
                    errors.add(new FieldError(name, "must be one of " + String.join(", ", field.allowed()) + ", got " + Quote.of(raw)));
                    return;
                }
                categories.put(name, s);
            }
        });
        // a value another field implies (an ulcer with an area is a current ulcer); a contradiction is refused
        for (ProfileField field : ProfileSchema.FIELDS) {
            List<String> by = field.impliedBy().stream().filter(b -> numbers.containsKey(b) || categories.containsKey(b)).toList();
            if (by.isEmpty()) {
                continue;
            }
            String given = categories.get(field.name());
            if (given == null) {
                categories.put(field.name(), field.implied());
            } else if (!given.equals(field.implied())) {
                errors.add(new FieldError(field.name(), "is \"" + given + "\", but " + String.join(" and ", by)
                        + " is recorded, which means \"" + field.implied() + "\""));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidProfileException(errors);
        }
        return new PatientProfile(numbers, categories);
    }

    public Map<String, Double> numbers() {
        return numbers;
    }

    public Map<String, String> categories() {
        return categories;
    }

    public Double number(String field) {
        return numbers.get(field);
    }

    /** The field's value as given: its number, its category, or null when it is not recorded. */
    public Object value(String field) {
        Double n = numbers.get(field);
        return n != null ? n : categories.get(field);
    }

    public boolean has(String field) {
        return numbers.containsKey(field) || categories.containsKey(field);
    }

    /** Every recorded value: the numbers, then the categories. */
    public Map<String, Object> values() {
        Map<String, Object> all = new java.util.LinkedHashMap<>(numbers);
        all.putAll(categories);
        return all;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PatientProfile p && p.numbers.equals(numbers) && p.categories.equals(categories);
    }

    @Override
    public int hashCode() {
        return numbers.hashCode() * 31 + categories.hashCode();
    }

    @Override
    public String toString() {
        return "PatientProfile" + numbers + categories;
    }

    private static String plain(double d) {
        return Double.isFinite(d) ? new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString() : String.valueOf(d);
    }
}
