package org.evidencecds.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;

/**
 * Converts a FHIR quantity to a field's unit: by UCUM when the units are commensurable (500 mm2 is 5 cm2),
 * else by a named conversion between measurement scales (HbA1c 68 mmol/mol is 8.37 % by the IFCC-NGSP
 * master equation). A unit neither can convert is refused with the reason; a value is never taken as is.
 */
public final class Quantities {

    static final String UCUM_SYSTEM = "http://unitsofmeasure.org";

    private static final class Holder {
        static final UcumEssenceService UCUM = load();

        private static UcumEssenceService load() {
            // the UCUM essence (definitions of every unit) ships inside the org.fhir:ucum jar
            try (InputStream in = UcumEssenceService.class.getResourceAsStream("/ucum-essence.xml")) {
                if (in == null) {
                    throw new IllegalStateException("ucum-essence.xml is missing from the org.fhir:ucum jar");
                }
                return new UcumEssenceService(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (UcumException e) {
                throw new IllegalStateException("ucum-essence.xml cannot be read: " + e.getMessage(), e);
            }
        }
    }

    /** The value in the target unit and how it was obtained: null (already in it), "UCUM", or a named conversion's label. */
    public record Converted(double value, String via) {
    }

    /** A quantity that could not be converted, and why. */
    public static final class NotConvertible extends Exception {
        public NotConvertible(String reason) {
            super(reason);
        }
    }

    private Quantities() {
    }

    /**
     * The quantity in {@code target} (a UCUM code). {@code system} and {@code code} are the quantity's UCUM
     * coding; without it the human-readable {@code unit} is tried as a UCUM code (EHRs often send only that).
     */
    public static Converted convert(BigDecimal value, String system, String code, String unit, String target,
                                    List<ReadingRules.Conversion> named) throws NotConvertible {
        String from = code != null && !code.isBlank() ? code.trim() : unit == null ? null : unit.trim();
        if (from == null || from.isEmpty()) {
            throw new NotConvertible("no unit");
        }
        if (system != null && !system.isBlank() && !UCUM_SYSTEM.equals(system)) {
            // a local unit system: its codes mean what that system says; only the readable unit may be UCUM
            from = unit == null ? null : unit.trim();
            if (from == null || from.isEmpty()) {
                throw new NotConvertible("unit '" + org.evidencecds.profile.Quote.cut(code) + "' of system " + org.evidencecds.profile.Quote.cut(system) + " is not a UCUM unit");
            }
        }
        for (ReadingRules.Conversion c : named) {
            if (c.from().equals(from)) {
                return new Converted(c.apply(value.doubleValue()), c.label());
            }
        }
        if (from.equals(target)) {
            return new Converted(value.doubleValue(), null);
        }
        UcumEssenceService ucum = Holder.UCUM;
        String invalid = ucum.validate(from);
        if (invalid != null) {
            throw new NotConvertible("unit '" + org.evidencecds.profile.Quote.cut(from) + "' is not a UCUM unit");
        }
        try {
            if (!ucum.isComparable(from, target)) {
                throw new NotConvertible("unit '" + org.evidencecds.profile.Quote.cut(from) + "' cannot be converted to " + target);
            }
            Decimal converted = ucum.convert(new Decimal(value.toPlainString()), from, target);
            return new Converted(new BigDecimal(converted.asDecimal()).doubleValue(), "UCUM");
        } catch (UcumException e) {
            throw new NotConvertible("unit '" + org.evidencecds.profile.Quote.cut(from) + "' cannot be converted to " + target + " (" + e.getMessage() + ")");
        }
    }
}
