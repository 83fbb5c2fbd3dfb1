package org.evidencecds.facade;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Why the facade may reuse the rules' answer: every numeric constraint the rule compiler writes compares a
 * profile field with a band bound of a dimension reading that field, and no rule reads the value of any
 * other field (fields without evidence are only reported as present). So two profiles that have the same
 * fields, the same categories, and whose every numeric value lies in the same elementary interval of its
 * field's bounds (exactly on a bound, or strictly between the same two bounds) satisfy exactly the same rule
 * conditions, and the rules decide the same for both. This class computes that elementary-interval code.
 */
final class ProfileSignature {

    private final List<String> fields = new ArrayList<>();
    private final List<double[]> bounds = new ArrayList<>();

    ProfileSignature(List<EvidencePack> packs) {
        TreeMap<String, TreeSet<Double>> cuts = new TreeMap<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (f.isNumeric()) {
                cuts.put(f.name(), new TreeSet<>());
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
        cuts.forEach((field, set) -> {
            fields.add(field);
            bounds.add(set.stream().mapToDouble(Double::doubleValue).toArray());
        });
    }

    /** The key: per numeric field -1 when missing, else 2i+1 when equal to bound i, 2i when below bound i. */
    Key of(PatientProfile profile) {
        int[] codes = new int[fields.size()];
        for (int i = 0; i < codes.length; i++) {
            Double v = profile.number(fields.get(i));
            if (v == null) {
                codes[i] = -1;
                continue;
            }
            double[] b = bounds.get(i);
            int at = Arrays.binarySearch(b, v);
            codes[i] = at >= 0 ? 2 * at + 1 : 2 * (-at - 1);
        }
        return new Key(codes, profile.categories().toString());
    }

    record Key(int[] codes, String categories) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(codes, k.codes) && categories.equals(k.categories);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes) * 31 + categories.hashCode();
        }
    }
}
