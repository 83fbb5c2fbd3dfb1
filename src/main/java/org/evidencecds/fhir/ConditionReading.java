package org.evidencecds.fhir;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.profile.ProfileField;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;

/**
 * The Condition side of a reading: which recorded conditions count (not entered in error, not refuted,
 * confirmed), which are current (active, recurrence or relapse, not abated), when they began, and which
 * diabetes type they name.
 */
final class ConditionReading {

    private static final Set<String> CURRENT = Set.of("active", "recurrence", "relapse");
    private static final Set<String> UNCONFIRMED = Set.of("unconfirmed", "provisional", "differential");

    private final FhirPatientReader.Reading r;
    private final List<Condition> conditions;
    private final Set<String> noted = new HashSet<>();

    ConditionReading(FhirPatientReader.Reading r, List<Condition> conditions) {
        this.r = r;
        this.conditions = conditions;
    }

    /** A condition in the value set that is a real, confirmed record; the others are noted as ignored. */
    private record Counted(Condition condition, Coding coding, ReadingRules.Member member) {
        String describe() {
            return FhirPatientReader.describe(coding, member);
        }
    }

    private List<Counted> counted(ReadingRules.ValueSet valueSet, ProfileField field) {
        List<Counted> out = new ArrayList<>();
        for (Condition c : conditions) {
            Optional<Map.Entry<Coding, ReadingRules.Member>> m = FhirPatientReader.match(c.getCode(), valueSet);
            if (m.isEmpty()) {
                continue;
            }
            Counted counted = new Counted(c, m.get().getKey(), m.get().getValue());
            String verification = code(c.getVerificationStatus().getCoding(), "http://terminology.hl7.org/CodeSystem/condition-ver-status");
            if (verification != null && FhirPatientReader.NOT_A_RECORD.contains(verification)) {
                note(field, c, counted.describe() + " is marked " + verification + ": not read");
            } else if (verification != null && UNCONFIRMED.contains(verification)) {
                note(field, c, counted.describe() + " is " + verification + ", not confirmed: not read");
            } else {
                out.add(counted);
            }
        }
        return out;
    }

    /** Whether the condition is current today; if not, says why in a note. */
    private boolean current(Counted c, ProfileField field) {
        String clinical = code(c.condition().getClinicalStatus().getCoding(), "http://terminology.hl7.org/CodeSystem/condition-clinical");
        if (clinical == null) {
            note(field, c.condition(), c.describe() + " has no clinical status: not known to be current");
            return false;
        }
        if (!CURRENT.contains(clinical)) {
            String abated = abatement(c.condition());
            note(field, c.condition(), c.describe() + " is " + clinical + (abated == null ? "" : " (abated " + abated + ")") + ": not current");
            return false;
        }
        FhirDates abated = c.condition().hasAbatementDateTimeType() ? FhirDates.of(c.condition().getAbatementDateTimeType()) : null;
        if (abated != null && !abated.latest().isAfter(r.today)) {
            note(field, c.condition(), c.describe() + " abated " + abated.asRecorded() + ": not current");
            return false;
        }
        return true;
    }

    /** "yes" evidence: a current condition in the value set, in words; empty if none. */
    Optional<String> current(ReadingRules.ValueSet valueSet, ProfileField field) {
        List<Counted> counted = new ArrayList<>(counted(valueSet, field));
        // a code of the condition itself (a diabetic foot ulcer) before a combination code (diabetes with foot ulcer)
        counted.sort(java.util.Comparator.comparing((Counted c) -> !c.member().datesOnset()));
        for (Counted c : counted) {
            if (current(c, field)) {
                Onset onset = c.member().datesOnset() ? onset(c, field, false) : null;
                return Optional.of("a current " + c.describe() + (onset == null ? "" : ", onset " + onset.dates().shown()));
            }
        }
        return Optional.empty();
    }

    /** The time since the earliest onset among the counted (and, if asked, current) conditions. */
    void onset(ReadingRules.FieldRule rule) {
        ProfileField field = rule.field();
        Onset earliest = null;
        for (Counted c : counted(rule.conditionOnset().valueSet(), field)) {
            if (rule.conditionOnset().currentOnly() && !current(c, field)) {
                continue;
            }
            if (!c.member().datesOnset()) {
                note(field, c.condition(), c.describe() + " shows the condition but does not date it (a combination code's onset may be another condition's)");
                continue;
            }
            Onset onset = onset(c, field, true);
            if (onset != null && (earliest == null || onset.dates().latest().isBefore(earliest.dates().latest()))) {
                earliest = onset;
            }
        }
        if (earliest == null) {
            return;
        }
        LocalDate surely = earliest.dates().latest().isAfter(r.today) ? r.today : earliest.dates().latest();
        long least = FhirPatientReader.days(surely, r.today);
        long most = earliest.dates().earliest() == null ? -1 : FhirPatientReader.days(earliest.dates().earliest(), r.today);
        boolean years = "a".equals(field.ucum());
        // years to two decimals, rounded down: the time that has surely passed, without digits no record supports
        double value = years ? Math.floor(least / 365.25 * 100) / 100 : least;
        String unit = years ? " years" : " days";
        String shown = years ? FhirPatientReader.number(Math.floor(value * 10) / 10) : String.valueOf(least);
        String how;
        if (most == least) {
            how = shown + unit + ", since the onset of " + earliest.what() + " on " + earliest.dates().shown();
        } else {
            String upTo = most < 0 ? "" : ", up to " + (years ? FhirPatientReader.number(Math.ceil(most / 365.25 * 10) / 10) : String.valueOf(most)) + unit;
            how = "at least " + shown + unit + upTo + ": " + earliest.how();
        }
        r.set(field, value, how, earliest.condition());
    }

    /** The diabetes type the counted conditions name; two different types are a conflict and give none. */
    void type(ReadingRules.FieldRule rule) {
        ProfileField field = rule.field();
        Map<String, Counted> byType = new LinkedHashMap<>();
        List<Counted> counted = counted(rule.conditionType(), field);
        for (Counted c : counted) {
            if (c.member().type() != null) {
                byType.putIfAbsent(c.member().type(), c);
            }
        }
        if (byType.size() == 1) {
            Counted c = byType.values().iterator().next();
            r.set(field, c.member().type(), org.evidencecds.profile.ProfileField.shortValue(c.member().type()) + ", from " + c.describe(), c.condition());
        } else if (byType.size() > 1) {
            List<String> each = byType.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue().describe() + ")").toList();
            r.ignore(field, null, "conflicting types recorded: " + String.join(" and ", each) + "; the type is left unknown");
        } else if (!counted.isEmpty()) {
            r.ignore(field, counted.get(0).condition(), counted.get(0).describe() + " does not say which type");
        }
    }

    /** When a condition began, as an interval of days, and how that was worked out; null (with a note) if unknown. */
    record Onset(Condition condition, FhirDates dates, String what, String how) {
    }

    private Onset onset(Counted c, ProfileField field, boolean noteProblems) {
        Condition condition = c.condition();
        String what = c.describe();
        FhirDates dates = null;
        String how = null;
        if (condition.hasOnsetDateTimeType()) {
            dates = FhirDates.of(condition.getOnsetDateTimeType());
            how = dates == null ? null : "onset of " + what + " recorded as " + dates.asRecorded() + precision(dates);
        } else if (condition.hasOnsetPeriod() && condition.getOnsetPeriod().hasStart()) {
            dates = FhirDates.of(condition.getOnsetPeriod().getStartElement());
            how = dates == null ? null : "onset period of " + what + " starting " + dates.asRecorded() + precision(dates);
        } else if (condition.hasOnsetAge()) {
            dates = fromAge(condition.getOnsetAge());
            if (dates == null) {
                if (noteProblems) {
                    note(field, condition, what + ": onset at an age, but " + (r.record.patient() == null || !r.record.patient().hasBirthDate()
                            ? "no birth date is recorded" : "the age is not in years, months, weeks or days") + ": onset unknown");
                }
                return null;
            }
            how = "onset of " + what + " at age " + FhirPatientReader.number(condition.getOnsetAge().getValue().doubleValue()) + " "
                    + condition.getOnsetAge().getUnit() + " (born " + r.record.patient().getBirthDateElement().getValueAsString() + ")";
        }
        if (dates == null && condition.hasRecordedDateElement() && condition.getRecordedDateElement().getValue() != null) {
            // no usable onset: it began no later than it was recorded
            FhirDates recorded = FhirDates.of(condition.getRecordedDateElement());
            dates = new FhirDates(null, recorded.latest(), recorded.asRecorded());
            how = "no onset recorded for " + what + "; it was recorded on " + recorded.asRecorded();
        }
        if (dates == null) {
            if (noteProblems) {
                note(field, condition, what + " has no onset or recorded date: duration unknown");
            }
            return null;
        }
        if (dates.earliest() != null && dates.earliest().isAfter(r.today)) {
            if (noteProblems) {
                note(field, condition, what + ": onset " + dates.asRecorded() + " is in the future: not read");
            }
            return null;
        }
        return new Onset(condition, dates, what, how);
    }

    /** The days an onset at an age may mean: from the earliest birthday at that age to the day before the next. */
    private FhirDates fromAge(Age age) {
        if (r.record.patient() == null || !r.record.patient().hasBirthDateElement() || !age.hasValue()) {
            return null;
        }
        FhirDates born = FhirDates.of(r.record.patient().getBirthDateElement());
        if (born == null) {
            return null;
        }
        String unit = age.hasCode() ? age.getCode() : age.getUnit();
        java.time.temporal.ChronoUnit step = switch (unit == null ? "" : unit) {
            case "a", "year", "years" -> java.time.temporal.ChronoUnit.YEARS;
            case "mo", "month", "months" -> java.time.temporal.ChronoUnit.MONTHS;
            case "wk", "week", "weeks" -> java.time.temporal.ChronoUnit.WEEKS;
            case "d", "day", "days" -> java.time.temporal.ChronoUnit.DAYS;
            default -> null;
        };
        if (step == null) {
            return null;
        }
        long whole = (long) Math.floor(age.getValue().doubleValue());
        LocalDate from = born.earliest().plus(whole, step);
        LocalDate to = born.latest().plus(whole + 1, step).minusDays(1);
        return new FhirDates(from, to, from + " to " + to);
    }

    private static String precision(FhirDates d) {
        if (d.isExact()) {
            return "";
        }
        return d.asRecorded().length() == 4 ? " (year only)" : " (year and month only)";
    }

    private static String abatement(Condition c) {
        if (c.hasAbatementDateTimeType()) {
            return c.getAbatementDateTimeType().getValueAsString();
        }
        if (c.hasAbatementPeriod() && c.getAbatementPeriod().hasEnd()) {
            return c.getAbatementPeriod().getEndElement().getValueAsString();
        }
        return null;
    }

    private static String code(List<Coding> codings, String system) {
        for (Coding c : codings) {
            if ((system.equals(c.getSystem()) || !c.hasSystem()) && c.hasCode()) {
                return c.getCode();
            }
        }
        return null;
    }

    private void note(ProfileField field, Condition c, String text) {
        if (noted.add(FhirPatientReader.Reading.name(c) + "|" + text)) {
            r.ignore(field, c, text);
        }
    }
}
