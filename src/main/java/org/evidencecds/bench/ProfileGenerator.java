package org.evidencecds.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Level;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Random patient profiles for the equivalence test and the benchmark (fixed seed): each field is missing,
 * exactly on a band boundary, a hair either side of one, or anywhere in its possible range.
 */
public final class ProfileGenerator {

    private final Random random;
    private final Map<String, double[]> cutPoints = new HashMap<>();

    public ProfileGenerator(List<EvidencePack> packs, long seed) {
        this.random = new Random(seed);
        Map<String, TreeSet<Double>> cuts = new HashMap<>();
        for (EvidencePack p : packs) {
            for (Dimension d : p.dimensions()) {
                if (d.profileField() == null) {
                    continue;
                }
                for (Level l : d.levels()) {
                    if (l.interval() == null) {
                        continue;
                    }
                    if (l.interval().lower() != null) {
                        cuts.computeIfAbsent(d.profileField(), f -> new TreeSet<>()).add(l.interval().lower());
                    }
                    if (l.interval().upper() != null) {
                        cuts.computeIfAbsent(d.profileField(), f -> new TreeSet<>()).add(l.interval().upper());
                    }
                }
            }
        }
        cuts.forEach((f, s) -> cutPoints.put(f, s.stream().mapToDouble(Double::doubleValue).toArray()));
    }

    /**
     * The values without a contradiction a real record cannot have: a field another field implies (an ulcer
     * with an area is a current ulcer) takes the implied value.
     */
    public static Map<String, Object> consistent(Map<String, Object> values) {
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (f.impliedBy().stream().anyMatch(values::containsKey)) {
                values.put(f.name(), f.implied());
            }
        }
        return values;
    }

    public List<PatientProfile> generate(int n) {
        List<PatientProfile> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> values = new HashMap<>();
            for (ProfileField f : ProfileSchema.FIELDS) {
                double roll = random.nextDouble();
                if (roll < 0.2) {
                    continue; // missing
                }
                if (!f.isNumeric()) {
                    values.put(f.name(), f.allowed().get(random.nextInt(f.allowed().size())));
                    continue;
                }
                double[] cuts = cutPoints.get(f.name());
                double v;
                if (cuts != null && roll < 0.6) {
                    double c = cuts[random.nextInt(cuts.length)];
                    int side = random.nextInt(3);
                    v = side == 0 ? c : side == 1 ? Math.nextDown(c) : Math.nextUp(c);
                } else {
                    v = f.min() + random.nextDouble() * (f.max() - f.min());
                }
                if (f.wholeNumber()) {
                    v = Math.rint(v);
                }
                if (v >= f.min() && v <= f.max()) {
                    values.put(f.name(), v);
                }
            }
            out.add(PatientProfile.of(consistent(values)));
        }
        return out;
    }
}
