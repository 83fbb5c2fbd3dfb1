package org.evidencecds.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.profile.ProfileField;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a patient's FHIR R4 resources into profile values by the {@link ReadingRules}: only the patient's
 * own resources; no entered-in-error, refuted or cancelled record; a resolved or inactive ulcer is not a
 * current one; the most recent Observation by its effective time; the earliest onset of confirmed
 * diabetes; partial dates with the precision they were recorded with. Everything left out is named, with
 * the reason, in {@link FhirReading#ignored()}; one bad value never stops the others being read.
 */
public final class FhirPatientReader {

    private final ReadingRules rules;

    public FhirPatientReader(ReadingRules rules) {
        this.rules = rules;
    }

    public FhirReading read(PatientRecord record, LocalDate today) {
        Reading r = new Reading(record, today);
        r.ignored.addAll(record.parseNotes());
        List<Condition> conditions = new ArrayList<>();
        List<Observation> observations = new ArrayList<>();
        int otherPatients = 0;
        for (Resource resource : record.resources()) {
            Reference subject = resource instanceof Condition c ? c.getSubject() : resource instanceof Observation o ? o.getSubject() : null;
            if (!(resource instanceof Condition) && !(resource instanceof Observation)) {
                continue; // Encounters, Claims, Immunizations...: nothing a profile field is read from
            }
            if (!r.isThePatient(subject)) {
                if (subject == null || !subject.hasReference()) {
                    r.ignore(null, resource, "no subject: whose record it is cannot be told");
                } else {
                    otherPatients++;
                }
                continue;
            }
            if (resource instanceof Condition c) {
                conditions.add(c);
            } else {
                observations.add((Observation) resource);
            }
        }
        if (otherPatients > 0) {
            r.ignored.add(new ReadNote(null, null, otherPatients + " resource" + (otherPatients == 1 ? "" : "s")
                    + " of another patient than Patient/" + record.patientId() + ": ignored"));
        }
        ConditionReading conditionReading = new ConditionReading(r, conditions);
        ObservationReading observationReading = new ObservationReading(r, observations);
        for (ReadingRules.FieldRule rule : rules.fields().values()) {
            if (rule.conditionOnset() != null) {
                conditionReading.onset(rule);
            } else if (rule.conditionType() != null) {
                conditionReading.type(rule);
            } else if (rule.presence() != null) {
                presence(r, rule, conditionReading, observationReading);
            } else if (rule.observation() != null) {
                observationReading.latest(rule.field(), rule.observation().valueSet(), rule.observation().maxAgeDays(), rule.observation().conversions());
            } else if (rule.birthDate()) {
                age(r, rule.field());
            }
        }
        // fields with no standard code here, sent with the project's own code system
        for (ProfileField field : org.evidencecds.profile.ProfileSchema.FIELDS) {
            if (field.isNumeric() && !r.values.containsKey(field.name()) && !rules.fields().containsKey(field.name())) {
                observationReading.latest(field, null, Integer.MAX_VALUE, List.of());
            }
        }
        return new FhirReading(r.values, r.read, r.ignored);
    }

    private void presence(Reading r, ReadingRules.FieldRule rule, ConditionReading conditions, ObservationReading observations) {
        ReadingRules.Presence p = rule.presence();
        Optional<String> why = p.condition() == null ? Optional.empty() : conditions.current(p.condition(), rule.field());
        if (why.isEmpty() && p.observation() != null) {
            // the measurement is read as the field that holds it (a wound area in cm2), so its unit is checked too
            ProfileField measured = rules.fields().values().stream()
                    .filter(f -> f.observation() != null && f.observation().valueSet().equals(p.observation()))
                    .map(ReadingRules.FieldRule::field).findFirst().orElseThrow(() -> new IllegalStateException(
                            "reading rules: no observation field reads value set " + p.observation().id()));
            why = observations.recent(p.observation(), p.withinDays(), measured);
        }
        why.ifPresent(w -> r.set(rule.field(), "yes", w, null));
    }

    private static void age(Reading r, ProfileField field) {
        if (r.record.patient() == null || !r.record.patient().hasBirthDateElement()) {
            return;
        }
        FhirDates born = FhirDates.of(r.record.patient().getBirthDateElement());
        if (born == null || born.isAfter(r.today)) {
            r.ignore(field, r.record.patient(), "birth date " + r.record.patient().getBirthDateElement().getValueAsString() + " is not a past date");
            return;
        }
        int years = Period.between(born.latest(), r.today).getYears();
        String precision = born.isExact() ? "" : " (birth date recorded as " + born.asRecorded() + ": at least " + years + " years)";
        r.set(field, (double) years, years + " years, from birth date " + born.asRecorded() + precision, r.record.patient());
    }

    /** The state of one reading: the patient, today, and what has been read and ignored so far. */
    static final class Reading {
        final PatientRecord record;
        final LocalDate today;
        final Map<String, Object> values = new LinkedHashMap<>();
        final List<ReadNote> read = new ArrayList<>();
        final List<ReadNote> ignored = new ArrayList<>();

        Reading(PatientRecord record, LocalDate today) {
            this.record = record;
            this.today = today;
        }

        boolean isThePatient(Reference subject) {
            if (subject == null || !subject.hasReference()) {
                return false;
            }
            String ref = subject.getReference().replaceFirst("/_history/[^/]+$", "");
            for (String mine : record.references()) {
                if (ref.equals(mine) || (mine.startsWith("Patient/") && ref.endsWith("/" + mine))) {
                    return true;
                }
            }
            return false;
        }

        void set(ProfileField field, Object value, String how, Resource from) {
            // a value no patient can have (an onset in 1850, a birth date 130 years ago) is a data error: named, not used
            if (value instanceof Double d && field.isNumeric() && (d < field.min() || d > field.max())) {
                ignored.add(new ReadNote(field.label(), name(from), how + ": outside what is possible (" + number(field.min()) + " to "
                        + field.withUnit(number(field.max())) + "): not read"));
                return;
            }
            values.put(field.name(), value);
            read.add(new ReadNote(field.label(), name(from), how));
        }

        void ignore(ProfileField field, Resource about, String why) {
            ignored.add(new ReadNote(field == null ? null : field.label(), name(about), why));
        }

        static String name(Resource r) {
            return r == null || !r.hasIdElement() || r.getIdElement().getIdPart() == null ? null
                    : r.fhirType() + "/" + r.getIdElement().getIdPart();
        }
    }

    /** The first coding of the concept that is in the value set, with its member. */
    static Optional<Map.Entry<Coding, ReadingRules.Member>> match(CodeableConcept concept, ReadingRules.ValueSet valueSet) {
        for (Coding c : concept.getCoding()) {
            Optional<ReadingRules.Member> m = valueSet.match(c.getSystem(), c.getCode());
            if (m.isPresent()) {
                return Optional.of(Map.entry(c, m.get()));
            }
        }
        return Optional.empty();
    }

    /** How a code is shown in a note: "Type 2 diabetes mellitus (E11.9)". */
    static String describe(Coding coding, ReadingRules.Member member) {
        String display = coding.hasDisplay() ? coding.getDisplay() : member.display();
        return display + " (" + coding.getCode() + ")";
    }

    static String number(double d) {
        BigDecimal b = new BigDecimal(Double.toString(d));
        if (b.scale() > 2) {
            b = b.setScale(2, java.math.RoundingMode.HALF_UP);
        }
        return b.stripTrailingZeros().toPlainString();
    }

    static final Set<String> NOT_A_RECORD = Set.of("entered-in-error", "refuted");

    static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }

}
