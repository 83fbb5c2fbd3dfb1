package org.evidencecds.web.cdshooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.fhir.ReadingRules;
import org.evidencecds.profile.Condition;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * The prefetch a pack's service asks for, derived from the fields the pack reads and the reading rules:
 * the Patient, the Conditions (narrowed to records with a clinical status, which leaves out entered-in-error
 * ones), and the Observations with the codes the pack reads, final results only, newest first. Narrowing only saves work: an EHR that ignores
 * a parameter sends more, and the reader still picks what it needs by system and code.
 */
public final class PrefetchTemplates {

    static final String PATIENT = "Patient/{{context.patientId}}";
    static final String CONDITIONS = "Condition?patient={{context.patientId}}&clinical-status=active,recurrence,relapse,inactive,remission,resolved&_count=100";

    private PrefetchTemplates() {
    }

    /** The fields a pack reads: its subgroup dimensions' fields and its population's. */
    static Set<String> fieldsOf(EvidencePack pack) {
        Set<String> fields = new LinkedHashSet<>();
        for (Dimension d : pack.dimensions()) {
            if (d.profileField() != null) {
                fields.add(d.profileField());
            }
        }
        for (Condition c : pack.info().appliesTo()) {
            fields.add(c.field());
        }
        return fields;
    }

    /** Prefetch key to FHIR query template, in a stable order. */
    public static Map<String, String> forPack(EvidencePack pack, ReadingRules rules) {
        Map<String, String> templates = new LinkedHashMap<>();
        templates.put("patient", PATIENT);
        Map<String, ReadingRules.ValueSet> observed = new LinkedHashMap<>();
        List<String> ownCode = new ArrayList<>();
        boolean conditions = false;
        for (String name : fieldsOf(pack)) {
            ReadingRules.FieldRule rule = rules.fields().get(name);
            if (rule == null) {
                ProfileField field = ProfileSchema.field(name).orElseThrow();
                if (field.isNumeric()) {
                    ownCode.add(ReadingRules.FIELD_SYSTEM + "|" + name);
                }
                continue;
            }
            conditions |= rule.conditionOnset() != null || rule.conditionType() != null
                    || (rule.presence() != null && rule.presence().condition() != null);
            if (rule.observation() != null) {
                observed.put(rule.observation().valueSet().id(), rule.observation().valueSet());
            }
            if (rule.presence() != null && rule.presence().observation() != null) {
                observed.put(rule.presence().observation().id(), rule.presence().observation());
            }
        }
        if (conditions) {
            templates.put("conditions", CONDITIONS);
        }
        // one query for every Observation code the pack reads (fewer round trips for the EHR), newest first
        List<String> codes = new ArrayList<>();
        observed.values().forEach(vs -> vs.members().forEach(m -> codes.add(m.system() + "|" + m.code())));
        codes.addAll(ownCode);
        if (!codes.isEmpty()) {
            templates.put("observations", "Observation?patient={{context.patientId}}&code=" + String.join(",", codes)
                    + "&status=final,amended,corrected&_sort=-date&_count=100");
        }
        return templates;
    }
}
