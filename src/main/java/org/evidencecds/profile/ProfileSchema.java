package org.evidencecds.profile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The fields a patient profile may carry, read once from {@code fields.yaml} beside this class. Bounds are
 * the limits of what is physically possible (values outside are refused as impossible); they are not the
 * ranges the trials studied, which come from the evidence packs.
 */
public final class ProfileSchema {

    static final String RESOURCE = "fields.yaml";

    // before FIELDS: static fields initialise in order, and load() reads this one
    private static final Set<String> KEYS = Set.of("name", "label", "unit", "min", "max", "allowed", "whole", "typical", "cli", "ucum", "implied", "words", "inSentence");

    public static final List<ProfileField> FIELDS = load();

    private static final Map<String, ProfileField> BY_NAME = FIELDS.stream()
            .collect(java.util.stream.Collectors.toUnmodifiableMap(ProfileField::name, f -> f));

    private ProfileSchema() {
    }

    public static Optional<ProfileField> field(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** The unit written at the end of a field name, as the evidence format spells it (ulcerAreaCm2 -> cm2). */
    public static String unitSuffix(String fieldName) {
        int i = fieldName.length() - 1;
        while (i > 0 && !Character.isUpperCase(fieldName.charAt(i))) {
            i--;
        }
        return fieldName.substring(i).toLowerCase(java.util.Locale.ROOT);
    }

    /** Reads and checks the definitions; a broken file stops the program at once with the field and the reason. */
    static List<ProfileField> load() {
        try (InputStream in = ProfileSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("profile schema " + RESOURCE + " is missing from the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("profile schema " + RESOURCE + " cannot be read", e);
        }
    }

    static List<ProfileField> parse(JsonNode root) {
        ObjectMapper json = new ObjectMapper();
        List<ProfileField> out = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (JsonNode f : root.path("fields")) {
            String name = f.path("name").asText(null);
            String where = RESOURCE + ": field " + name + ": ";
            if (name == null || !name.matches("[a-z][A-Za-z0-9]*")) {
                throw new IllegalStateException(RESOURCE + ": a field needs a camelCase name, got " + f.path("name"));
            }
            f.fieldNames().forEachRemaining(k -> {
                if (!KEYS.contains(k)) {
                    throw new IllegalStateException(where + "unknown key '" + k + "'");
                }
            });
            if (seen.put(name, name) != null) {
                throw new IllegalStateException(where + "defined twice");
            }
            List<String> allowed = new ArrayList<>();
            f.path("allowed").forEach(v -> allowed.add(v.asText()));
            boolean numeric = allowed.isEmpty();
            if (numeric && (!f.path("min").isNumber() || !f.path("max").isNumber() || f.path("min").asDouble() > f.path("max").asDouble())) {
                throw new IllegalStateException(where + "a numeric field needs min <= max");
            }
            if (!numeric && (f.has("min") || f.has("max") || f.has("unit"))) {
                throw new IllegalStateException(where + "a categorical field has allowed values, not min, max or unit");
            }
            List<String> cli = new ArrayList<>();
            f.path("cli").forEach(v -> cli.add(v.asText()));
            if (cli.isEmpty() || cli.stream().anyMatch(c -> !c.matches("--[a-z0-9-]+"))) {
                throw new IllegalStateException(where + "needs cli option names like --ulcer-area-cm2");
            }
            JsonNode typical = f.path("typical");
            String implied = null;
            List<String> impliedBy = new ArrayList<>();
            if (f.has("implied")) {
                implied = f.path("implied").path("value").asText(null);
                f.path("implied").path("by").forEach(v -> impliedBy.add(v.asText()));
                if (numeric || implied == null || !allowed.contains(implied) || impliedBy.isEmpty()) {
                    throw new IllegalStateException(where + "implied needs a categorical field, value (one of its allowed values) and by (fields)");
                }
            }
            Map<String, String> words = new LinkedHashMap<>();
            f.path("words").fields().forEachRemaining(e -> words.put(e.getKey(), e.getValue().asText()));
            if (!words.isEmpty() && (numeric || !allowed.containsAll(words.keySet()))) {
                throw new IllegalStateException(where + "words are for the allowed values of a categorical field");
            }
            out.add(new ProfileField(name, f.path("label").asText(name), numeric ? f.path("unit").asText(null) : null,
                    numeric ? f.path("ucum").asText(null) : null,
                    numeric ? f.get("min").asDouble() : null, numeric ? f.get("max").asDouble() : null, allowed,
                    f.path("whole").asBoolean(false),
                    typical.size() == 2 ? typical.get(0).asDouble() : null, typical.size() == 2 ? typical.get(1).asDouble() : null,
                    cli, implied, impliedBy, words, f.path("inSentence").asText(null)));
        }
        if (out.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": no fields");
        }
        for (ProfileField f : out) {
            for (String by : f.impliedBy()) {
                if (!seen.containsKey(by)) {
                    throw new IllegalStateException(RESOURCE + ": field " + f.name() + ": implied by unknown field '" + by + "'");
                }
            }
        }
        return List.copyOf(out);
    }
}
