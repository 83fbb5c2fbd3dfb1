package org.evidencecds.facade;

import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.profile.IntervalKeys;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Why the facade may reuse the rules' answer: every numeric constraint the rule compiler writes compares a
 * profile field with a band bound of a dimension reading that field, and no rule reads the value of any
 * other field (fields without evidence are only reported as present). So two profiles that have the same
 * fields, the same categories, and whose every numeric value lies in the same elementary interval of its
 * field's bounds satisfy exactly the same rule conditions (see {@link IntervalKeys}). Every field of the
 * profile is part of the key, as the rules report the presence of fields without evidence too.
 */
final class ProfileSignature {

    private final IntervalKeys keys;

    ProfileSignature(List<EvidencePack> packs) {
        TreeMap<String, TreeSet<Double>> cuts = new TreeMap<>();
        List<String> categorical = new java.util.ArrayList<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (f.isNumeric()) {
                cuts.put(f.name(), new TreeSet<>());
            } else {
                categorical.add(f.name());
            }
        }
        for (EvidencePack p : packs) {
            for (Dimension d : p.dimensions()) {
                if (d.profileField() == null || !cuts.containsKey(d.profileField())) {
                    continue;
                }
                for (Level l : d.levels()) {
                    if (l.interval() != null && l.interval().lower() != null) {
                        cuts.get(d.profileField()).add(l.interval().lower());
                    }
                    if (l.interval() != null && l.interval().upper() != null) {
                        cuts.get(d.profileField()).add(l.interval().upper());
                    }
                }
            }
        }
        keys = new IntervalKeys(cuts, categorical);
    }

    IntervalKeys.Key of(PatientProfile profile) {
        return keys.of(profile);
    }
}
