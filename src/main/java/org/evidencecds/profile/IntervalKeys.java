package org.evidencecds.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Equivalence classes of profiles for rules that compare each numeric field only with fixed bounds and
 * each categorical field only with fixed values: two profiles whose every numeric value lies in the same
 * elementary interval of its field's bounds (exactly on a bound, or strictly between the same two bounds),
 * and whose categorical fields are equal, satisfy the same rule conditions, so the rules decide the same
 * for both. Callers reuse a decision per key.
 */
public final class IntervalKeys {

    private final List<String> numericFields = new ArrayList<>();
    private final List<double[]> bounds = new ArrayList<>();
    private final List<String> categoricalFields;

    /**
     * @param cuts              per numeric field, the bounds rules compare it with (a field with no bounds
     *                          still tells missing from present)
     * @param categoricalFields the categorical fields rules read
     */
    public IntervalKeys(Map<String, ? extends Collection<Double>> cuts, Collection<String> categoricalFields) {
        new TreeMap<>(cuts).forEach((field, values) -> {
            numericFields.add(field);
            bounds.add(new TreeSet<>(values).stream().mapToDouble(Double::doubleValue).toArray());
        });
        this.categoricalFields = List.copyOf(new TreeSet<>(categoricalFields));
    }

    /** Per numeric field -1 when missing, 2k+1 when equal to bound k, 2k when below bound k; then the categories. */
    public Key of(PatientProfile profile) {
        int[] codes = new int[numericFields.size()];
        for (int i = 0; i < codes.length; i++) {
            Double v = profile.number(numericFields.get(i));
            if (v == null) {
                codes[i] = -1;
                continue;
            }
            int at = Arrays.binarySearch(bounds.get(i), v);
            codes[i] = at >= 0 ? 2 * at + 1 : 2 * (-at - 1);
        }
        String[] categories = new String[categoricalFields.size()];
        for (int i = 0; i < categories.length; i++) {
            categories[i] = profile.categories().get(categoricalFields.get(i));
        }
        return new Key(codes, categories);
    }

    /** Profiles with equal keys get the same decision from the rules. */
    public record Key(int[] codes, String[] categories) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(codes, k.codes) && Arrays.equals(categories, k.categories);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(codes) * 31 + Arrays.hashCode(categories);
        }

        @Override
        public String toString() {
            return Arrays.toString(codes) + Arrays.toString(categories);
        }
    }
}
