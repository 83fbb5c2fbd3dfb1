package org.evidencecds.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.evidencecds.profile.PatientProfile;
import picocli.CommandLine.Option;

/** The patient profile as command-line options, shared by {@code evaluate} and {@code screen}; every one optional. */
final class ProfileOptions {

    @Option(names = "--ulcer-area-cm2", paramLabel = "CM2", description = "ulcer area in cm²")
    Double ulcerArea;

    @Option(names = "--diabetes-years", paramLabel = "YEARS", description = "diabetes duration in years")
    Double diabetesYears;

    @Option(names = "--ulcer-days", paramLabel = "DAYS", description = "ulcer duration (non-healing) in days")
    Double ulcerDays;

    @Option(names = "--age-years", paramLabel = "YEARS", description = "age in years")
    Double age;

    @Option(names = "--abi", paramLabel = "ABI", description = "ankle-brachial index")
    Double abi;

    @Option(names = "--tcpo2-mmhg", paramLabel = "MMHG", description = "transcutaneous oxygen pressure in mmHg")
    Double tcpo2;

    @Option(names = "--hba1c-percent", paramLabel = "PERCENT", description = "HbA1c in %%")
    Double hba1c;

    @Option(names = "--insulin-units-per-day", paramLabel = "UNITS", description = "daily insulin dose in units")
    Double insulin;

    @Option(names = "--diabetes-type", paramLabel = "TYPE", description = "type-1, type-2 or other")
    String diabetesType;

    @Option(names = "--wagner-grade", paramLabel = "GRADE", description = "Wagner ulcer grade, 0 to 5")
    Double wagnerGrade;

    /** The options as profile values (absent options are null). */
    Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ulcerAreaCm2", ulcerArea);
        values.put("diabetesDurationYears", diabetesYears);
        values.put("ulcerDurationDays", ulcerDays);
        values.put("ageYears", age);
        values.put("abi", abi);
        values.put("tcpo2MmHg", tcpo2);
        values.put("hba1cPercent", hba1c);
        values.put("insulinDoseUnitsPerDay", insulin);
        values.put("diabetesType", diabetesType);
        values.put("wagnerGrade", wagnerGrade);
        return values;
    }

    /** Only the options that were given, in option order (what the audit log records as inputs). */
    Map<String, Object> given() {
        Map<String, Object> given = new LinkedHashMap<>();
        values().forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        return given;
    }

    /** The validated profile; impossible values are refused naming the field. */
    PatientProfile profile() {
        return PatientProfile.of(values());
    }
}
