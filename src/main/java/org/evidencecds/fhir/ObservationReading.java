package org.evidencecds.fhir;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.profile.ProfileField;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;

/**
 * The Observation side of a reading: final results only, dated by their effective time (else when they
 * were issued), newest first, each value converted to the field's unit or left out with the reason.
 */
final class ObservationReading {

    private static final Set<String> FINAL = Set.of("final", "amended", "corrected");

    private final FhirPatientReader.Reading r;
    private final List<Observation> observations;
    private final Set<String> noted = new HashSet<>();

    ObservationReading(FhirPatientReader.Reading r, List<Observation> observations) {
        this.r = r;
        this.observations = observations;
    }

    /** An Observation of the field, with its date and the code it was recognised by. */
    private record Dated(Observation observation, FhirDates date, String what) {
    }

    /** The results for a field (by the value set, or the project's code with the field's name), newest first. */
    private List<Dated> results(ProfileField field, ReadingRules.ValueSet valueSet) {
        List<Dated> out = new ArrayList<>();
        for (Observation o : observations) {
            String what = recognised(o, field, valueSet);
            if (what == null) {
                continue;
            }
            String status = o.hasStatus() ? o.getStatus().toCode() : null;
            if (status == null || !FINAL.contains(status)) {
                note(field, o, what + " has status " + (status == null ? "(none)" : status) + ": not read");
                continue;
            }
            FhirDates date = date(o);
            if (date == null) {
                note(field, o, what + " has no effective or issued date: not read");
                continue;
            }
            if (date.isAfter(r.today)) {
                note(field, o, what + " is dated " + date.shown() + ", in the future: not read");
                continue;
            }
            out.add(new Dated(o, date, what));
        }
        out.sort(Comparator.comparing((Dated d) -> d.date().latest()).reversed());
        return out;
    }

    /** Reads the most recent usable result into the field; the newer unusable ones are noted with their reasons. */
    void latest(ProfileField field, ReadingRules.ValueSet valueSet, int maxAgeDays, List<ReadingRules.Conversion> conversions) {
        List<Dated> results = results(field, valueSet);
        for (int i = 0; i < results.size(); i++) {
            Dated d = results.get(i);
            long age = FhirPatientReader.days(d.date().latest(), r.today);
            if (age > maxAgeDays) {
                note(field, d.observation(), d.what() + " of " + d.date().shown() + " is more than " + maxAgeDays
                        + " days old: not taken as the current value");
                return;
            }
            Optional<Quantities.Converted> value = value(field, d, conversions);
            if (value.isPresent()) {
                int older = results.size() - i - 1;
                String how = describeRead(field, d, value.get()) + (older == 0 ? "" : " (" + older + " older result" + (older == 1 ? "" : "s") + " not used)");
                r.set(field, value.get().value(), how, d.observation());
                return;
            }
        }
    }

    /** A usable result within {@code withinDays} with a value above zero (an area of 0 is a healed wound), in words. */
    Optional<String> recent(ReadingRules.ValueSet valueSet, int withinDays, ProfileField measured) {
        for (Dated d : results(measured, valueSet)) {
            if (FhirPatientReader.days(d.date().latest(), r.today) > withinDays) {
                return Optional.empty();
            }
            Optional<Quantities.Converted> v = value(measured, d, List.of());
            if (v.isPresent() && v.get().value() > 0) {
                return Optional.of(d.what() + " measured " + d.date().shown() + " (within " + withinDays + " days)");
            }
        }
        return Optional.empty();
    }

    private static String describeRead(ProfileField field, Dated d, Quantities.Converted converted) {
        String shown = field.withUnit(FhirPatientReader.number(converted.value()));
        if (converted.via() == null) {
            return shown + ", " + d.what() + " of " + d.date().shown();
        }
        Quantity q = d.observation().getValueQuantity();
        String given = FhirPatientReader.number(q.getValue().doubleValue()) + " " + unitOf(q);
        return shown + ", from " + d.what() + " " + given + " of " + d.date().shown()
                + (converted.via().equals("UCUM") ? " (unit converted by UCUM)" : " by the " + converted.via());
    }

    /** The result's value in the field's unit, or empty with a note saying why it cannot be used. */
    private Optional<Quantities.Converted> value(ProfileField field, Dated d, List<ReadingRules.Conversion> conversions) {
        Observation o = d.observation();
        String when = d.what() + " of " + d.date().shown();
        if (o.hasDataAbsentReason() || !o.hasValueQuantity() || !o.getValueQuantity().hasValue()) {
            note(field, o, when + " has no value" + (o.hasDataAbsentReason() && o.getDataAbsentReason().hasText()
                    ? " (" + o.getDataAbsentReason().getText() + ")" : "") + ": not read");
            return Optional.empty();
        }
        Quantity q = o.getValueQuantity();
        String given = FhirPatientReader.number(q.getValue().doubleValue()) + " " + unitOf(q);
        if (q.hasComparator()) {
            note(field, o, when + " is " + q.getComparator().toCode() + " " + given + ", a bound rather than a value: not read");
            return Optional.empty();
        }
        Quantities.Converted converted;
        try {
            converted = Quantities.convert(q.getValue(), q.getSystem(), q.getCode(), q.getUnit(), field.ucum(), conversions);
        } catch (Quantities.NotConvertible e) {
            note(field, o, field.label() + " " + given.trim() + " (" + when + "): " + e.getMessage() + ": not read");
            return Optional.empty();
        }
        double value = converted.value();
        if (!Double.isFinite(value) || value < field.min() || value > field.max()) {
            note(field, o, when + " is " + given + ", outside what is possible (" + FhirPatientReader.number(field.min()) + " to "
                    + field.withUnit(FhirPatientReader.number(field.max())) + "): not read");
            return Optional.empty();
        }
        if (field.wholeNumber() && value != Math.rint(value)) {
            note(field, o, when + " is " + given + ", not a whole number: not read");
            return Optional.empty();
        }
        return Optional.of(converted);
    }

    private static String unitOf(Quantity q) {
        return q.hasCode() ? q.getCode() : q.hasUnit() ? q.getUnit() : "(no unit)";
    }

    /** The words for the code the Observation was recognised by, or null when it is not a result of this field. */
    private static String recognised(Observation o, ProfileField field, ReadingRules.ValueSet valueSet) {
        for (Coding c : o.getCode().getCoding()) {
            if (ReadingRules.FIELD_SYSTEM.equals(c.getSystem()) && field.name().equals(c.getCode())) {
                return field.label();
            }
        }
        if (valueSet != null) {
            return FhirPatientReader.match(o.getCode(), valueSet).map(m -> FhirPatientReader.describe(m.getKey(), m.getValue())).orElse(null);
        }
        return null;
    }

    /** When the result applies: effective[x] (a period's end, else its start), else when it was issued. */
    private static FhirDates date(Observation o) {
        if (o.hasEffectiveDateTimeType()) {
            return FhirDates.of(o.getEffectiveDateTimeType());
        }
        if (o.hasEffectivePeriod()) {
            return o.getEffectivePeriod().hasEnd() ? FhirDates.of(o.getEffectivePeriod().getEndElement())
                    : o.getEffectivePeriod().hasStart() ? FhirDates.of(o.getEffectivePeriod().getStartElement()) : null;
        }
        if (o.hasEffectiveInstantType() && o.getEffectiveInstantType().getValue() != null) {
            return FhirDates.ofInstant(o.getEffectiveInstantType().getValue(), o.getEffectiveInstantType().getValueAsString());
        }
        if (o.hasIssued()) {
            return FhirDates.ofInstant(o.getIssued(), o.getIssuedElement().getValueAsString());
        }
        return null;
    }

    private void note(ProfileField field, Observation o, String text) {
        if (noted.add(FhirPatientReader.Reading.name(o) + "|" + text)) {
            r.ignore(field, o, text);
        }
    }
}
