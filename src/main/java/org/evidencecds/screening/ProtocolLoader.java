package org.evidencecds.screening;

import org.evidencecds.profile.Condition;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.evidencecds.evidence.ConditionReader;
import org.evidencecds.evidence.PackValidationException;
import org.evidencecds.evidence.Problem;
import org.evidencecds.evidence.YamlNode;

/**
 * Reads and validates trial protocols ({@code evidence/trials/<id>.yaml}). A protocol with any problem is
 * refused whole, with every problem as {@code file:line:column: field: reason}.
 */
public final class ProtocolLoader {

    public static final String FOLDER = "trials";

    private static final Set<String> TOP_KEYS = Set.of("id", "version", "title", "registry", "registryId", "registryRecord",
            "sponsor", "intervention", "status", "verification", "evidencePack", "sources", "criteria", "notScreened");
    private static final Set<String> SOURCE_KEYS = Set.of("key", "url", "locator");
    private static final Set<String> CRITERION_KEYS = Set.of("id", "kind", "text", "source", "when", "anyOf",
            "notScreenedAlternatives", "note");
    private static final Set<String> UNSCREENED_KEYS = Set.of("kind", "text", "source", "readable");
    private static final Set<String> STATUSES = Set.of("transcribed", "example");
    private static final Set<String> VERIFICATIONS = Set.of("verified", "extracted", "secondary");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+");

    private ProtocolLoader() {
    }

    /** Every protocol in {@code <evidenceRoot>/trials} (none if the folder does not exist), sorted by id. */
    public static List<TrialProtocol> loadAll(Path evidenceRoot, Set<String> packIds) {
        Path dir = evidenceRoot.resolve(FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new PackValidationException(List.of(new Problem(dir.toString(), 0, 0, "trials", "cannot list the folder: " + e.getMessage())));
        }
        List<Problem> problems = new ArrayList<>();
        List<TrialProtocol> out = new ArrayList<>();
        for (Path f : files) {
            try {
                out.add(load(f, packIds));
            } catch (PackValidationException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new PackValidationException(problems);
        }
        return out;
    }

    /** One protocol file; {@code packIds} are the evidence packs its {@code evidencePack} may name. */
    public static TrialProtocol load(Path file, Set<String> packIds) {
        return new Reading(file, packIds).read();
    }

    private static final class Reading {
        private final Path path;
        private final String file;
        private final Set<String> packIds;
        private final List<Problem> problems = new ArrayList<>();

        Reading(Path path, Set<String> packIds) {
            this.path = path;
            this.file = path.toString();
            this.packIds = packIds;
        }

        TrialProtocol read() {
            YamlNode root;
            try (Reader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                root = YamlNode.parse(r);
            } catch (YamlNode.DuplicateKeyException e) {
                throw refuse(new Problem(file, e.line, e.column, e.key, "duplicate key"));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                var at = e.getLocation();
                throw refuse(new Problem(file, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), "yaml",
                        "not valid YAML: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw refuse(new Problem(file, 0, 0, "file", "cannot be read: " + e.getMessage()));
            }
            if (root.kind != YamlNode.Kind.MAP) {
                throw refuse(new Problem(file, root.line, root.column, "protocol", "must be a mapping of keys to values"));
            }
            unknownKeys(root, TOP_KEYS, "");
            String id = text(root, "id", true);
            String expected = path.getFileName().toString().replaceFirst("\\.yaml$", "");
            if (id != null && !id.equals(expected)) {
                problem(root.get("id"), "id", "must equal the file name '" + expected + "', got '" + id + "'");
            } else if (id != null && !ID.matcher(id).matches()) {
                problem(root.get("id"), "id", "letters, digits, '.', '_' and '-' only");
            }
            String version = text(root, "version", true);
            if (version != null && !VERSION.matcher(version).matches()) {
                problem(root.get("version"), "version", "must be a semantic version like 1.0.0, got '" + version + "'");
            }
            String status = oneOf(root, "status", STATUSES, true);
            String verification = oneOf(root, "verification", VERIFICATIONS, true);
            String pack = text(root, "evidencePack", false);
            if (pack != null && packIds != null && !packIds.contains(pack)) {
                problem(root.get("evidencePack"), "evidencePack", "no evidence pack '" + pack + "' (known: " + String.join(", ", new java.util.TreeSet<>(packIds)) + ")");
            }
            List<TrialProtocol.Source> sources = new ArrayList<>();
            Set<String> sourceKeys = new HashSet<>();
            for (YamlNode s : list(root, "sources", "transcribed".equals(status))) {
                if (!map(s, "sources[]")) {
                    continue;
                }
                unknownKeys(s, SOURCE_KEYS, "sources[].");
                String key = text(s, "key", true);
                if (key != null && !sourceKeys.add(key)) {
                    problem(s.get("key"), "sources[].key", "duplicate source key '" + key + "'");
                }
                String url = text(s, "url", true);
                if (url != null && !url.startsWith("https://") && !url.startsWith("http://")) {
                    problem(s.get("url"), "sources[].url", "must be an http(s) address");
                }
                sources.add(new TrialProtocol.Source(key, url, text(s, "locator", true)));
            }
            List<TrialProtocol.Criterion> criteria = new ArrayList<>();
            Set<String> criterionIds = new HashSet<>();
            for (YamlNode c : list(root, "criteria", true)) {
                TrialProtocol.Criterion criterion = criterion(c, sourceKeys);
                if (criterion != null && !criterionIds.add(criterion.id())) {
                    problem(c.get("id"), "criteria[].id", "duplicate criterion id '" + criterion.id() + "'");
                }
                if (criterion != null) {
                    criteria.add(criterion);
                }
            }
            List<TrialProtocol.Unscreened> unscreened = new ArrayList<>();
            for (YamlNode u : list(root, "notScreened", false)) {
                if (!map(u, "notScreened[]")) {
                    continue;
                }
                unknownKeys(u, UNSCREENED_KEYS, "notScreened[].");
                TrialProtocol.Kind kind = kind(u);
                String source = sourceRef(u, sourceKeys, "notScreened[].source");
                String readable = oneOf(u, "readable", Set.of("true", "false"), false);
                unscreened.add(new TrialProtocol.Unscreened(kind, text(u, "text", true), source, !"false".equals(readable)));
            }
            if (!problems.isEmpty()) {
                throw new PackValidationException(problems);
            }
            return new TrialProtocol(id, version, text(root, "title", true), text(root, "registry", true),
                    text(root, "registryId", true), text(root, "registryRecord", false), text(root, "sponsor", false),
                    text(root, "intervention", false), status, verification, pack, sources, criteria, unscreened, file);
        }

        private TrialProtocol.Criterion criterion(YamlNode c, Set<String> sourceKeys) {
            if (!map(c, "criteria[]")) {
                return null;
            }
            unknownKeys(c, CRITERION_KEYS, "criteria[].");
            String id = text(c, "id", true);
            if (id != null && !ID.matcher(id).matches()) {
                problem(c.get("id"), "criteria[].id", "letters, digits, '.', '_' and '-' only");
            }
            TrialProtocol.Kind kind = kind(c);
            String text = text(c, "text", true);
            String source = sourceRef(c, sourceKeys, "criteria[].source");
            List<Condition> conditions = new ArrayList<>();
            boolean hasWhen = !c.isNullOrMissing("when");
            boolean hasAnyOf = !c.isNullOrMissing("anyOf");
            if (hasWhen == hasAnyOf) {
                problem(c, "criteria[]", "needs exactly one of 'when' (one condition) or 'anyOf' (a list of conditions)");
            } else if (hasWhen) {
                addCondition(c.get("when"), "criteria[].when", conditions);
            } else {
                List<YamlNode> items = list(c, "anyOf", true);
                if (items.size() < 2 && c.get("anyOf").kind == YamlNode.Kind.LIST) {
                    problem(c.get("anyOf"), "criteria[].anyOf", "needs at least two conditions (use 'when' for one)");
                }
                for (YamlNode n : items) {
                    addCondition(n, "criteria[].anyOf[]", conditions);
                }
            }
            List<String> alternatives = new ArrayList<>();
            for (YamlNode a : list(c, "notScreenedAlternatives", false)) {
                if (a.kind != YamlNode.Kind.SCALAR || a.text.isBlank()) {
                    problem(a, "criteria[].notScreenedAlternatives[]", "must be the text of the alternative");
                } else {
                    alternatives.add(a.text.trim());
                }
            }
            return new TrialProtocol.Criterion(id, kind, text, source, conditions, alternatives, text(c, "note", false), c.line);
        }

        private void addCondition(YamlNode n, String where, List<Condition> out) {
            Condition c = ConditionReader.read(n, where, (line, column, field, reason) -> problems.add(new Problem(file, line, column, field, reason)));
            if (c != null) {
                out.add(c);
            }
        }

        private TrialProtocol.Kind kind(YamlNode n) {
            String k = oneOf(n, "kind", Set.of("inclusion", "exclusion"), true);
            return k == null ? null : TrialProtocol.Kind.valueOf(k.toUpperCase(Locale.ROOT));
        }

        private String sourceRef(YamlNode n, Set<String> sourceKeys, String field) {
            String s = text(n, "source", false);
            if (s != null && !sourceKeys.contains(s)) {
                problem(n.get("source"), field, "unknown source '" + s + "' (the protocol's sources: " + String.join(", ", new java.util.TreeSet<>(sourceKeys)) + ")");
            }
            return s;
        }

        private String oneOf(YamlNode n, String key, Set<String> allowed, boolean required) {
            String v = text(n, key, required);
            if (v != null && !allowed.contains(v)) {
                problem(n.get(key), key, "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)) + ", got '" + v + "'");
                return null;
            }
            return v;
        }

        private String text(YamlNode n, String key, boolean required) {
            YamlNode v = n.get(key);
            if (v == null || n.isNullOrMissing(key)) {
                if (required) {
                    problem(v == null ? n : v, key, "required");
                }
                return null;
            }
            if (v.kind != YamlNode.Kind.SCALAR) {
                problem(v, key, "must be a single value");
                return null;
            }
            return v.text.trim();
        }

        private List<YamlNode> list(YamlNode n, String key, boolean required) {
            YamlNode v = n.get(key);
            if (v == null || v.kind == YamlNode.Kind.NULL) {
                if (required) {
                    problem(n, key, "required (a list)");
                }
                return List.of();
            }
            if (v.kind != YamlNode.Kind.LIST) {
                problem(v, key, "must be a list");
                return List.of();
            }
            return v.items;
        }

        private boolean map(YamlNode n, String field) {
            if (n.kind != YamlNode.Kind.MAP) {
                problem(n, field, "must be a mapping");
                return false;
            }
            return true;
        }

        private void unknownKeys(YamlNode n, Set<String> known, String prefix) {
            n.fields.keySet().stream().filter(k -> !known.contains(k)).forEach(k -> {
                int[] at = n.keyLocations.get(k);
                problems.add(new Problem(file, at[0], at[1], prefix + k, "unknown key (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")"));
            });
        }

        private void problem(YamlNode at, String field, String reason) {
            problems.add(new Problem(file, at == null ? 0 : at.line, at == null ? 0 : at.column, field, reason));
        }

        private PackValidationException refuse(Problem p) {
            return new PackValidationException(List.of(p));
        }
    }
}
