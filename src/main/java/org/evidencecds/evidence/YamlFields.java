package org.evidencecds.evidence;

import java.util.List;
import java.util.regex.Pattern;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;

/**
 * Reads the fields of one YAML file of a pack: a missing or blank value is null (reported when required),
 * and a value of the wrong kind is reported at its node. Bound to one file, so that a reader names only the key.
 */
final class YamlFields {

    /** Ids and keys the YAML files define (sources, outcomes, dimensions, levels). */
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final PackReading reading;
    private final String file;

    YamlFields(PackReading reading, String file) {
        this.reading = reading;
        this.file = file;
    }

    void problem(int line, int column, String field, String reason) {
        reading.problem(file, line, column, field, reason);
    }

    void problem(YamlNode node, String field, String reason) {
        reading.problem(file, node, field, reason);
    }

    /** Reports every key of the mapping that is not one of these (a misspelt key would otherwise be ignored). */
    void allowedKeys(YamlNode node, String... keys) {
        List<String> allowed = List.of(keys);
        node.fields.keySet().forEach(key -> {
            if (!allowed.contains(key)) {
                int[] at = node.keyLocations.get(key);
                problem(at[0], at[1], key, "unknown key (allowed: " + String.join(", ", allowed) + ")");
            }
        });
    }

    String scalar(YamlNode node, String key, boolean required) {
        YamlNode v = node.get(key);
        if (v == null || v.kind == YamlNode.Kind.NULL || (v.kind == YamlNode.Kind.SCALAR && v.text.isBlank())) {
            if (required) {
                problem(v == null ? node : v, key, "required value is missing");
            }
            return null;
        }
        if (v.kind != YamlNode.Kind.SCALAR) {
            problem(v, key, "must be a single value, not a " + (v.kind == YamlNode.Kind.MAP ? "mapping" : "list"));
            return null;
        }
        return v.text.trim();
    }

    List<YamlNode> list(YamlNode node, String key, boolean required) {
        YamlNode v = node.get(key);
        if (v == null || v.kind == YamlNode.Kind.NULL) {
            if (required) {
                problem(node, key, "required list is missing");
            }
            return List.of();
        }
        if (v.kind != YamlNode.Kind.LIST) {
            problem(v, key, "must be a list");
            return List.of();
        }
        return v.items;
    }

    Integer integer(YamlNode node, String key, boolean required) {
        String t = scalar(node, key, required);
        if (t == null) {
            return null;
        }
        try {
            return Integer.parseInt(t);
        } catch (NumberFormatException e) {
            problem(node.get(key), key, "not a whole number: \"" + t + "\"");
            return null;
        }
    }

    Double number(YamlNode node, String key) {
        String t = scalar(node, key, false);
        if (t == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(t);
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            problem(node.get(key), key, "not a number: \"" + t + "\" (use null for unbounded)");
            return null;
        }
    }

    boolean bool(YamlNode node, String key, boolean fallback) {
        String t = scalar(node, key, false);
        if (t == null) {
            return fallback;
        }
        if (!"true".equals(t) && !"false".equals(t)) {
            problem(node.get(key), key, "must be true or false, found \"" + t + "\"");
            return fallback;
        }
        return Boolean.parseBoolean(t);
    }

    <E extends Enum<E>> E enumValue(YamlNode node, String key, Class<E> type, boolean required) {
        String t = scalar(node, key, required);
        if (t == null) {
            return null;
        }
        E e = Enums.parse(type, t);
        if (e == null) {
            problem(node.get(key), key, "\"" + t + "\" is not allowed (allowed: " + Enums.allowed(type) + ")");
        }
        return e;
    }

    /** An effect measure, written as the abbreviation itself (OR, RR, MD, SMD) rather than a kebab-case token. */
    EffectMeasure measure(YamlNode node, String key, boolean required) {
        String t = scalar(node, key, required);
        if (t == null) {
            return null;
        }
        try {
            return EffectMeasure.valueOf(t);
        } catch (IllegalArgumentException e) {
            problem(node.get(key), key, "\"" + t + "\" is not allowed (allowed: OR, RR, MD, SMD)");
            return null;
        }
    }

    /**
     * An optional mapping under {@code key}: null when absent or null; a problem naming what it must hold
     * (and null) when it is something else.
     */
    YamlNode optionalMap(YamlNode node, String key, String mustHold) {
        YamlNode m = node.get(key);
        if (m == null || m.kind == YamlNode.Kind.NULL) {
            return null;
        }
        if (m.kind != YamlNode.Kind.MAP) {
            problem(m, key, "must be a mapping: " + mustHold);
            return null;
        }
        return m;
    }

    /**
     * A judgement's basis inside {@code node} (keys basis, source, locator, snippet, rationale, as a level's):
     * basis source needs a known source, a locator and a verbatim snippet; basis project a rationale.
     */
    Evidenced evidenced(YamlNode node, String field) {
        Vocabulary.Basis basis = enumValue(node, "basis", Vocabulary.Basis.class, true);
        String source = scalar(node, "source", false);
        String locator = scalar(node, "locator", false);
        String snippet = scalar(node, "snippet", false);
        String rationale = scalar(node, "rationale", false);
        if (basis == Vocabulary.Basis.SOURCE) {
            if (source == null) {
                problem(node, field + ".source", "basis source needs the source key");
            } else if (!reading.sources.containsKey(source)) {
                problem(node.get("source"), field + ".source", "unknown source key \"" + source + "\" (not in pack.yaml sources)");
            }
            if (locator == null) {
                problem(node, field + ".locator", "basis source needs a locator (where in the source)");
            }
            if (snippet == null) {
                problem(node, field + ".snippet", "basis source needs a verbatim snippet");
            }
        } else if (basis == Vocabulary.Basis.PROJECT && rationale == null) {
            problem(node, field + ".rationale", "basis project needs a rationale: why this judgement");
        }
        return basis == null ? null : new Evidenced(basis, source, locator, snippet, rationale);
    }
}
