package org.evidencecds.evidence;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.evidencecds.profile.Condition;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Reads a condition on a profile field from YAML ({@code {field: abi, above: 0.7, below: 1.3}} or
 * {@code {field: diabetesType, in: [type-2]}}), as trial criteria and pack applicability write them,
 * reporting every problem with the node it is about.
 */
public final class ConditionReader {

    /** Where problems go: line and column (1-based), a field path (e.g. criteria[].when.min) and the reason. */
    public interface Problems {
        void at(int line, int column, String field, String reason);
    }

    private static void at(Problems problems, YamlNode node, String field, String reason) {
        problems.at(node == null ? 0 : node.line, node == null ? 0 : node.column, field, reason);
    }

    public static final Set<String> KEYS = Set.of("field", "min", "above", "max", "below", "in");

    private ConditionReader() {
    }

    /** The condition, or null when it cannot be read (the problems say why). */
    public static Condition read(YamlNode n, String where, Problems problems) {
        if (n.kind != YamlNode.Kind.MAP) {
            at(problems, n, where, "must be a mapping");
            return null;
        }
        n.fields.keySet().stream().filter(k -> !KEYS.contains(k)).forEach(k -> {
            int[] at = n.keyLocations.get(k);
            problems.at(at[0], at[1], where + "." + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
        });
        YamlNode fieldNode = n.get("field");
        if (fieldNode == null || n.isNullOrMissing("field") || fieldNode.kind != YamlNode.Kind.SCALAR) {
            at(problems, fieldNode == null ? n : fieldNode, "field", "required");
            return null;
        }
        String name = fieldNode.text.trim();
        ProfileField field = ProfileSchema.field(name).orElse(null);
        if (field == null) {
            at(problems, fieldNode, where + ".field", "unknown profile field '" + name + "' (known: "
                    + String.join(", ", ProfileSchema.FIELDS.stream().map(ProfileField::name).toList()) + ")");
            return null;
        }
        Double min = number(n, "min", where, field, problems);
        Double above = number(n, "above", where, field, problems);
        Double max = number(n, "max", where, field, problems);
        Double below = number(n, "below", where, field, problems);
        List<String> in = new ArrayList<>();
        YamlNode list = n.get("in");
        if (list != null && list.kind != YamlNode.Kind.NULL) {
            if (list.kind != YamlNode.Kind.LIST) {
                at(problems, list, where + ".in", "must be a list");
            } else {
                for (YamlNode v : list.items) {
                    String value = v.kind == YamlNode.Kind.SCALAR ? v.text.trim().toLowerCase(Locale.ROOT) : null;
                    if (field.isNumeric()) {
                        at(problems, v, where + ".in", "'" + name + "' is numeric: use min, above, max or below");
                        break;
                    } else if (value == null || !field.allowed().contains(value)) {
                        at(problems, v, where + ".in", "must be one of " + String.join(", ", field.allowed()) + ", got "
                                + (value == null ? "a non-scalar" : "'" + v.text + "'"));
                    } else {
                        in.add(value);
                    }
                }
            }
        }
        if (!field.isNumeric() && (min != null || above != null || max != null || below != null)) {
            at(problems, n, where, "'" + name + "' is categorical: use 'in' with its values");
            return null;
        }
        if (min != null && above != null) {
            at(problems, n.get("above"), where + ".above", "give either min or above, not both");
        }
        if (max != null && below != null) {
            at(problems, n.get("below"), where + ".below", "give either max or below, not both");
        }
        Double lower = min != null ? min : above;
        Double upper = max != null ? max : below;
        if (lower != null && upper != null && (lower > upper || (lower.equals(upper) && (above != null || below != null)))) {
            at(problems, n, where, "no value can meet it: lower bound " + Condition.num(lower) + " is not below upper bound " + Condition.num(upper));
        }
        return new Condition(name, min, above, max, below, in);
    }

    private static Double number(YamlNode n, String key, String where, ProfileField field, Problems problems) {
        YamlNode v = n.get(key);
        if (v == null || v.kind == YamlNode.Kind.NULL) {
            return null;
        }
        try {
            double d = Double.parseDouble(v.text.trim());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            if (field.isNumeric() && (d < field.min() || d > field.max())) {
                at(problems, v, where + "." + key, "outside what '" + field.name() + "' can be (" + Condition.num(field.min())
                        + " to " + Condition.num(field.max()) + " " + field.unit() + "): the condition could never be decided as written");
            }
            return d;
        } catch (NumberFormatException | NullPointerException e) {
            at(problems, v, where + "." + key, "not a number: '" + v.text + "'");
            return null;
        }
    }
}
