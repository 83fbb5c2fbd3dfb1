package org.evidencecds.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The patient profile as command-line options, made from the field definitions (fields.yaml), so a new
 * field needs no code here. Commands that take a profile implement {@link TakesProfile} (the root command
 * adds the options to them) and read the values with {@link #values(CommandSpec)}.
 */
final class ProfileOptions {

    private ProfileOptions() {
    }

    /** A command that takes the patient profile as options. */
    interface TakesProfile {
    }

    /** Adds one option per profile field to a command. */
    static final class Add {
        static void to(CommandSpec spec) {
            for (ProfileField f : ProfileSchema.FIELDS) {
                spec.addOption(OptionSpec.builder(f.cli().toArray(new String[0]))
                        .type(String.class)
                        .paramLabel(f.isNumeric() ? f.unit() == null ? "VALUE" : f.unit().replace('%', 'P').replace('/', '_').toUpperCase(java.util.Locale.ROOT) : "VALUE")
                        .description(describe(f))
                        .descriptionKey("profile." + f.name())
                        .build());
            }
        }

        private static String describe(ProfileField f) {
            // picocli formats descriptions: a literal % must be doubled
            String what = f.label() + (f.isNumeric() ? " in " + f.unit() + ", " + num(f.min()) + " to " + num(f.max())
                    + (f.wholeNumber() ? " (whole number)" : "") : ": " + String.join(", ", f.allowed()));
            return what.replace("%", "%%");
        }

        private static String num(double d) {
            return new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
        }
    }

    /** The given options as profile values, in field order (absent options are left out). */
    static Map<String, Object> values(CommandSpec spec) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            OptionSpec o = spec.findOption(f.cli().get(0));
            String v = o == null ? null : o.getValue();
            if (v != null) {
                values.put(f.name(), f.isNumeric() ? parse(f, v) : v);
            }
        }
        return values;
    }

    /** A number where one is expected (a plain decimal only, see {@link PatientProfile#decimal}); other text stays text so the profile names the field in its refusal. */
    private static Object parse(ProfileField f, String v) {
        Double d = PatientProfile.decimal(v);
        return d == null ? v : d;
    }

    /** The validated profile; impossible values are refused naming the field. */
    static PatientProfile profile(CommandSpec spec) {
        return PatientProfile.of(values(spec));
    }
}
