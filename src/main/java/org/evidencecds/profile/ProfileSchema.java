package org.evidencecds.profile;

import java.util.List;
import java.util.Optional;

/**
 * The fields a patient profile may carry. Bounds are the limits of what is physically possible (values
 * outside are refused as impossible); they are not the ranges the trials studied, which come from the
 * evidence packs.
 */
public final class ProfileSchema {

    public static final List<ProfileField> FIELDS = List.of(
            ProfileField.numeric("ulcerAreaCm2", "Ulcer area", "cm2", 0, 1000),
            ProfileField.numeric("diabetesDurationYears", "Diabetes duration", "years", 0, 100),
            ProfileField.numeric("ulcerDurationDays", "Ulcer duration (non-healing)", "days", 0, 36500),
            ProfileField.numeric("ageYears", "Age", "years", 0, 120),
            ProfileField.numeric("abi", "Ankle-brachial index", "index", 0, 3),
            ProfileField.numeric("tcpo2MmHg", "TcPO2", "mmHg", 0, 150),
            ProfileField.numeric("hba1cPercent", "HbA1c", "%", 3, 25),
            ProfileField.numeric("insulinDoseUnitsPerDay", "Daily insulin dose", "units/day", 0, 1000),
            ProfileField.categorical("diabetesType", "Diabetes type", List.of("type-1", "type-2", "other")),
            // Wagner's ulcer classification, 0 (pre-ulcerative) to 5 (gangrene of the whole foot): trial criteria use it
            ProfileField.wholeNumber("wagnerGrade", "Wagner ulcer grade", "grade", 0, 5));

    private ProfileSchema() {
    }

    private static final java.util.Map<String, ProfileField> BY_NAME = FIELDS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ProfileField::name, f -> f));

    public static Optional<ProfileField> field(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** The unit written at the end of a field name, as the evidence format spells it (ulcerAreaCm2 -> cm2). */
    public static String unitSuffix(String fieldName) {
        int i = fieldName.length() - 1;
        while (i > 0 && !Character.isUpperCase(fieldName.charAt(i))) {
            i--;
        }
        return fieldName.substring(i).toLowerCase(java.util.Locale.ROOT);
    }
}
