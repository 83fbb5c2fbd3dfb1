package org.evidencecds.fhir;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * A FHIR date as the interval of days it may mean (earliest null: known only to be no later than latest): "2021" is any day of 2021, "2021-07" any day of July,
 * "2021-07-14" (or a dateTime) that day. Durations computed from it carry the precision it was recorded
 * with; nothing is filled in.
 */
public record FhirDates(LocalDate earliest, LocalDate latest, String asRecorded) {

    /** The days a FHIR date or dateTime may mean, or null when it has no valid value. */
    public static FhirDates of(BaseDateTimeType t) {
        if (t == null || t.getValue() == null || t.getPrecision() == null) {
            return null;
        }
        String recorded = t.getValueAsString();
        // the calendar date as recorded (a dateTime keeps its own offset: 2011-03-14T22:00-04:00 is 14 March)
        int year = t.getYear();
        TemporalPrecisionEnum p = t.getPrecision();
        if (p == TemporalPrecisionEnum.YEAR) {
            return new FhirDates(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31), recorded);
        }
        int month = t.getMonth() + 1;
        if (p == TemporalPrecisionEnum.MONTH) {
            LocalDate first = LocalDate.of(year, month, 1);
            return new FhirDates(first, first.withDayOfMonth(first.lengthOfMonth()), recorded);
        }
        LocalDate day = LocalDate.of(year, month, t.getDay());
        return new FhirDates(day, day, recorded);
    }

    /** An instant (Observation.issued, effectiveInstant) as its UTC day. */
    public static FhirDates ofInstant(java.util.Date instant, String recorded) {
        LocalDate day = instant.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
        return new FhirDates(day, day, recorded);
    }

    /** Known to the day (an onset known only to be no later than some day is not). */
    public boolean isExact() {
        return earliest != null && earliest.equals(latest);
    }

    /** The date for a reader: the day when known to the day, else as it was recorded ("2021", "2021-07"). */
    public String shown() {
        return isExact() ? earliest.toString() : asRecorded;
    }

    public boolean isAfter(LocalDate today) {
        return earliest != null && earliest.isAfter(today);
    }
}
