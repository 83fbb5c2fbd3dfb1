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
 * ones), and per kind of Observation its codes, newest first. Narrowing only saves work: an EHR that ignores
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
        for (ReadingRules.ValueSet vs : observed.values()) {
            templates.put(key(vs.id()), observations(vs.members().stream().map(m -> m.system() + "|" + m.code()).toList()));
        }
        if (!ownCode.isEmpty()) {
            templates.put("profileFields", observations(ownCode));
        }
        return templates;
    }

    private static String observations(List<String> codes) {
        return "Observation?patient={{context.patientId}}&code=" + String.join(",", codes) + "&_sort=-date&_count=50";
    }

    /** A value set id as a prefetch key: wound-area becomes woundArea. */
    static String key(String id) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : id.toCharArray()) {
            if (c == '-') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
