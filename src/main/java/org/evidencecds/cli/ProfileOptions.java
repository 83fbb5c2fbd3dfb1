package org.evidencecds.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.evidencecds.findings.EffectText;
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
                        .paramLabel(paramLabel(f))
                        .description(describe(f))
                        .descriptionKey("profile." + f.name())
                        .build());
            }
        }

        /** The option's placeholder, from the unit code: --ulcer-area-cm2=CM2, --hba1c-percent=PERCENT, --abi=INDEX. */
        static String paramLabel(ProfileField f) {
            if (!f.isNumeric() || f.unit() == null) {
                return "VALUE";
            }
            return f.unit().replace("%", "PERCENT").replace('/', '_').toUpperCase(java.util.Locale.ROOT);
        }

        /**
         * "Ulcer area in cm², 0 to 1000", "Ankle-brachial index, 0 to 3", "Wagner ulcer grade, a whole number
         * from 0 to 5", "Diabetes type: type-1, type-2 or other" (the values one types, which are codes).
         */
        static String describe(ProfileField f) {
            String what;
            if (f.isNumeric()) {
                String unit = f.displayUnit();
                String range = EffectText.plain(f.min()) + " to " + EffectText.plain(f.max());
                what = f.label() + (unit.isEmpty() ? "," : " in " + unit + ",") + (f.wholeNumber() ? " a whole number from " : " ") + range;
            } else {
                List<String> values = f.allowed();
                what = f.label() + ": " + String.join(", ", values.subList(0, values.size() - 1))
                        + (values.size() > 1 ? " or " : "") + values.get(values.size() - 1);
            }
            // picocli formats descriptions: a literal % must be doubled
            return what.replace("%", "%%");
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
