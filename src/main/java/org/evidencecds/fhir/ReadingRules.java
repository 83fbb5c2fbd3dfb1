package org.evidencecds.fhir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * How FHIR resources become profile fields, read once from {@code reading-rules.yaml} beside this class:
 * value sets matched by system and code, the sources of each field, unit conversions that UCUM cannot do.
 * A broken file stops the program at once, naming the entry and the reason.
 */
public final class ReadingRules {

    static final String RESOURCE = "reading-rules.yaml";

    /** The project's own code system: an Observation coded {@code <this>|<field name>} carries that field. */
    public static final String FIELD_SYSTEM = "urn:evidence-cds:profile-field";

    /**
     * A code of a value set: one code, or an ICD-10 category with every code below it.
     *
     * @param type       the diabetes type the code names, or null
     * @param datesOnset false for a combination code whose onset may be another condition's (E11.621: the
     *                   diabetes'), so it shows the condition is there without dating it
     */
    public record Member(String system, String code, boolean category, String display, String type, boolean datesOnset) {
        public boolean matches(String system, String code) {
            if (code == null || !this.system.equals(system)) {
                return false;
            }
            String c = code.trim().toUpperCase(Locale.ROOT);
            if (!category) {
                return c.equals(this.code) || c.replace(".", "").equals(this.code.replace(".", ""));
            }
            // E11 covers E11, E11.9 and E11.621, and E119 when sent without the dot
            return c.equals(this.code) || c.startsWith(this.code + ".") || (!c.contains(".") && c.startsWith(this.code) && c.length() > this.code.length());
        }
    }

    public record ValueSet(String id, String label, List<Member> members, String source) {
        public Optional<Member> match(String system, String code) {
            return members.stream().filter(m -> m.matches(system, code)).findFirst();
        }
    }

    /** A calibration between two measurement scales: {@code to = from × multiply + add}. */
    public record Conversion(String id, String label, String from, String to, double multiply, double add, String source) {
        public double apply(double value) {
            return value * multiply + add;
        }
    }

    /** Time since the earliest onset of a Condition in the value set (of a current one only, if asked). */
    public record ConditionOnset(ValueSet valueSet, boolean currentOnly) {
    }

    /** The most recent Observation in the value set, converted to the field's unit, if not older than maxAgeDays. */
    public record ObservationValue(ValueSet valueSet, int maxAgeDays, List<Conversion> conversions) {
    }

    /** yes when a current Condition of {@code condition}, or an Observation of {@code observation} within days, is recorded. */
    public record Presence(ValueSet condition, ValueSet observation, int withinDays) {
    }

    /** How one field is read; exactly one of the sources is set. */
    public record FieldRule(ProfileField field, ConditionOnset conditionOnset, ValueSet conditionType, Presence presence,
                            ObservationValue observation, boolean birthDate) {
    }

    private final Map<String, ValueSet> valueSets;
    private final Map<String, Conversion> conversions;
    private final Map<String, FieldRule> fields;
    private final Map<String, String> ucumUnits;

    private ReadingRules(Map<String, ValueSet> valueSets, Map<String, Conversion> conversions, Map<String, FieldRule> fields,
                         Map<String, String> ucumUnits) {
        this.valueSets = Map.copyOf(valueSets);
        this.conversions = Map.copyOf(conversions);
        this.fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        this.ucumUnits = Map.copyOf(ucumUnits);
    }

    private static final class Holder {
        static final ReadingRules DEFAULT = load();
    }

    /** The rules bundled with the program. */
    public static ReadingRules standard() {
        return Holder.DEFAULT;
    }

    public Map<String, FieldRule> fields() {
        return fields;
    }

    public Optional<ValueSet> valueSet(String id) {
        return Optional.ofNullable(valueSets.get(id));
    }

    /** The UCUM code of a numeric field's unit (cm2, %, a, d, mm[Hg], ...), or null when it has none. */
    public String ucumUnit(String field) {
        return ucumUnits.get(field);
    }

    static ReadingRules load() {
        try (InputStream in = ReadingRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("FHIR reading rules " + RESOURCE + " are missing from the classpath");
            }
            return parse(new ObjectMapper(new YAMLFactory()).readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("FHIR reading rules " + RESOURCE + " cannot be read", e);
        }
    }

    static ReadingRules parse(JsonNode root) {
        Map<String, String> systems = new LinkedHashMap<>();
        root.path("systems").fields().forEachRemaining(e -> systems.put(e.getKey(), e.getValue().asText()));
        Map<String, ValueSet> valueSets = new LinkedHashMap<>();
        root.path("valueSets").fields().forEachRemaining(e -> valueSets.put(e.getKey(), valueSet(e.getKey(), e.getValue(), systems)));
        Map<String, Conversion> conversions = new LinkedHashMap<>();
        root.path("conversions").fields().forEachRemaining(e -> {
            JsonNode c = e.getValue();
            String where = RESOURCE + ": conversions." + e.getKey() + ": ";
            for (String k : List.of("label", "from", "to", "source")) {
                require(c.hasNonNull(k), where + k + " is required");
            }
            require(c.path("multiply").isNumber() && c.path("add").isNumber(), where + "multiply and add must be numbers");
            conversions.put(e.getKey(), new Conversion(e.getKey(), c.get("label").asText(), c.get("from").asText(), c.get("to").asText(),
                    c.get("multiply").asDouble(), c.get("add").asDouble(), c.get("source").asText()));
        });
        Map<String, String> ucum = new LinkedHashMap<>();
        for (ProfileField f : ProfileSchema.FIELDS) {
            if (f.isNumeric() && f.ucum() != null) {
                ucum.put(f.name(), f.ucum());
            }
        }
        Map<String, FieldRule> fields = new LinkedHashMap<>();
        root.path("fields").fields().forEachRemaining(e -> {
            String name = e.getKey();
            String where = RESOURCE + ": fields." + name + ": ";
            ProfileField field = ProfileSchema.field(name).orElseThrow(() -> new IllegalStateException(where + "no such profile field in fields.yaml"));
            JsonNode r = e.getValue();
            Set<String> known = Set.of("conditionOnset", "conditionType", "currentCondition", "recentObservation", "observation", "birthDate");
            r.fieldNames().forEachRemaining(k -> require(known.contains(k), where + "unknown key '" + k + "' (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
            ConditionOnset onset = null;
            if (r.has("conditionOnset")) {
                onset = new ConditionOnset(ref(r.get("conditionOnset"), valueSets, where), r.get("conditionOnset").path("currentOnly").asBoolean(false));
            }
            ValueSet type = r.has("conditionType") ? ref(r.get("conditionType"), valueSets, where) : null;
            Presence presence = null;
            if (r.has("currentCondition") || r.has("recentObservation")) {
                presence = new Presence(r.has("currentCondition") ? ref(r.get("currentCondition"), valueSets, where) : null,
                        r.has("recentObservation") ? ref(r.get("recentObservation"), valueSets, where) : null,
                        r.path("recentObservation").path("withinDays").asInt(0));
                require(field.allowed().contains("yes"), where + "a presence field must allow the value yes");
            }
            ObservationValue observation = null;
            if (r.has("observation")) {
                JsonNode o = r.get("observation");
                require(field.isNumeric() && ucum.containsKey(name), where + "an observation field must be numeric with a ucum unit in fields.yaml");
                require(o.path("maxAgeDays").isInt(), where + "observation.maxAgeDays is required");
                List<Conversion> cs = new ArrayList<>();
                o.path("conversions").forEach(c -> cs.add(java.util.Objects.requireNonNull(conversions.get(c.asText()),
                        () -> where + "unknown conversion '" + c.asText() + "'")));
                cs.forEach(c -> require(c.to().equals(ucum.get(name)), where + "conversion " + c.id() + " does not give " + ucum.get(name)));
                observation = new ObservationValue(ref(o, valueSets, where), o.get("maxAgeDays").asInt(), List.copyOf(cs));
            }
            boolean birthDate = r.path("birthDate").asBoolean(false);
            long sources = java.util.stream.Stream.of(onset, type, presence, observation).filter(java.util.Objects::nonNull).count() + (birthDate ? 1 : 0);
            require(sources == 1, where + "give exactly one way of reading the field");
            fields.put(name, new FieldRule(field, onset, type, presence, observation, birthDate));
        });
        return new ReadingRules(valueSets, conversions, fields, ucum);
    }

    private static ValueSet valueSet(String id, JsonNode v, Map<String, String> systems) {
        String where = RESOURCE + ": valueSets." + id + ": ";
        require(v.hasNonNull("label") && v.hasNonNull("source"), where + "label and source are required");
        List<Member> members = new ArrayList<>();
        for (JsonNode m : v.path("codes")) {
            String system = systems.getOrDefault(m.path("system").asText(), m.path("system").asText());
            require(system.contains(":"), where + "unknown system '" + m.path("system").asText() + "'");
            boolean category = m.has("category");
            String code = category ? m.path("category").asText() : m.path("code").asText(null);
            require(code != null && !code.isBlank(), where + "each entry needs code or category");
            String type = m.path("type").asText(null);
            require(type == null || ProfileSchema.field("diabetesType").orElseThrow().allowed().contains(type), where + "unknown type '" + type + "'");
            members.add(new Member(system, code.toUpperCase(Locale.ROOT), category, m.path("display").asText(code), type,
                    m.path("datesOnset").asBoolean(true)));
        }
        require(!members.isEmpty(), where + "no codes");
        return new ValueSet(id, v.get("label").asText(), List.copyOf(members), v.get("source").asText());
    }

    private static ValueSet ref(JsonNode n, Map<String, ValueSet> valueSets, String where) {
        String id = n.path("valueSet").asText(null);
        require(id != null && valueSets.containsKey(id), where + "unknown value set '" + id + "'");
        return valueSets.get(id);
    }

    private static void require(boolean ok, String problem) {
        if (!ok) {
            throw new IllegalStateException(problem);
        }
    }
}
