package org.evidencecds.evidence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.Benefit;
import org.evidencecds.evidence.Vocabulary.Design;
import org.evidencecds.evidence.Vocabulary.EffectMeasure;
import org.evidencecds.evidence.Vocabulary.OutcomeType;
import org.evidencecds.evidence.Vocabulary.SourceKind;
import org.evidencecds.profile.Condition;

/**
 * Reads {@code pack.yaml}: what the pack is about ({@link PackInfo}, with its certainty thresholds and the
 * patients it applies to), the sources every other file cites by key, and the outcomes the rows report on.
 */
final class PackYamlReader {

    private static final String FILE = PackLoader.PACK_FILE;
    private static final Pattern VERSION = Pattern.compile("\\d+\\.\\d+\\.\\d+([-+][0-9A-Za-z.-]+)?");
    private static final Pattern PMID = Pattern.compile("\\d+");

    private final PackReading reading;
    private final YamlFields yaml;

    PackYamlReader(PackReading reading) {
        this.reading = reading;
        this.yaml = new YamlFields(reading, FILE);
    }

    /** Sets the pack's info and fills its sources and outcomes. */
    void read() {
        YamlNode root = reading.yaml(FILE);
        if (root == null) {
            reading.unreadable.add(FILE);
            return;
        }
        yaml.allowedKeys(root, "id", "version", "title", "description", "population", "intervention", "interventionName",
                "comparator", "review", "poolDesigns", "recomputeFindings", "certaintyThresholds", "sources", "outcomes", "appliesTo",
                "protocols");
        String id = yaml.scalar(root, "id", true);
        if (id != null && !id.equals(reading.packId)) {
            yaml.problem(root.get("id"), "id", "\"" + id + "\" must equal the folder name \"" + reading.packId + "\"");
        }
        String version = yaml.scalar(root, "version", true);
        if (version != null && !VERSION.matcher(version).matches()) {
            yaml.problem(root.get("version"), "version", "\"" + version + "\" is not a semantic version such as 1.0.0");
        }
        String review = yaml.scalar(root, "review", true);
        List<Design> poolDesigns = new ArrayList<>();
        for (YamlNode d : yaml.list(root, "poolDesigns", false)) {
            Design design = d.kind == YamlNode.Kind.SCALAR ? Enums.parse(Design.class, d.text.trim()) : null;
            if (design == null) {
                yaml.problem(d, "poolDesigns", "\"" + d.text + "\" is not allowed (allowed: " + Enums.allowed(Design.class) + ")");
            } else {
                poolDesigns.add(design);
            }
        }
        if (poolDesigns.isEmpty()) {
            poolDesigns.addAll(List.of(Design.values()));
        }
        List<Condition> appliesTo = new ArrayList<>();
        for (YamlNode c : yaml.list(root, "appliesTo", false)) {
            Condition condition = ConditionReader.read(c, "appliesTo[]", yaml::problem);
            if (condition != null) {
                appliesTo.add(condition);
            }
        }
        reading.info = new PackInfo(id, version, yaml.scalar(root, "title", true), yaml.scalar(root, "description", false),
                yaml.scalar(root, "population", false), yaml.scalar(root, "intervention", false),
                yaml.scalar(root, "comparator", false), review, poolDesigns, yaml.bool(root, "recomputeFindings", false),
                thresholds(root), appliesTo, yaml.scalar(root, "interventionName", false));
        for (YamlNode s : yaml.list(root, "sources", true)) {
            readSource(s);
        }
        if (review != null && !reading.sources.containsKey(review)) {
            yaml.problem(root.get("review"), "review", "unknown source key \"" + review + "\" (not in sources)");
        }
        for (YamlNode o : yaml.list(root, "outcomes", true)) {
            readOutcome(o);
        }
        for (YamlNode p : yaml.list(root, "protocols", false)) {
            readProtocol(p);
        }
    }

    /** A protocol as a source states it; its elements (dimension/level) are checked against dimensions.yaml later. */
    private void readProtocol(YamlNode p) {
        if (p.kind != YamlNode.Kind.MAP) {
            yaml.problem(p, "protocols", "each protocol must be a mapping");
            return;
        }
        yaml.allowedKeys(p, "id", "source", "locator", "snippet", "status", "elements");
        String id = yaml.scalar(p, "id", true);
        if (id != null && !YamlFields.ID.matcher(id).matches()) {
            yaml.problem(p.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
        }
        if (id != null && reading.protocols.stream().anyMatch(x -> x.id().equals(id))) {
            yaml.problem(p.get("id"), "id", "duplicate protocol id \"" + id + "\"");
        }
        String source = yaml.scalar(p, "source", true);
        if (source != null && !reading.sources.containsKey(source)) {
            yaml.problem(p.get("source"), "source", "unknown source key \"" + source + "\" (not in sources)");
        }
        String locator = yaml.scalar(p, "locator", true);
        String snippet = yaml.scalar(p, "snippet", true);
        Vocabulary.VerificationStatus status = yaml.enumValue(p, "status", Vocabulary.VerificationStatus.class, true);
        List<String> elements = new ArrayList<>();
        for (YamlNode e : yaml.list(p, "elements", true)) {
            if (e.kind != YamlNode.Kind.SCALAR || !e.text.trim().matches("[a-z0-9-]+/[a-z0-9-]+")) {
                yaml.problem(e, "elements", "each element is dimension/level, e.g. route/intramuscular");
            } else {
                elements.add(e.text.trim());
            }
        }
        if (id != null) {
            reading.protocols.add(new StatedProtocol(id, source, locator, snippet, status, elements, new Origin(reading.file(FILE), p.line)));
        }
    }

    private Map<String, Double> thresholds(YamlNode root) {
        Map<String, Double> out = new LinkedHashMap<>();
        YamlNode t = root.get("certaintyThresholds");
        if (t == null || t.kind == YamlNode.Kind.NULL) {
            return out;
        }
        if (t.kind != YamlNode.Kind.MAP) {
            yaml.problem(t, "certaintyThresholds", "must be a mapping of threshold name to number");
            return out;
        }
        for (String name : t.fields.keySet()) {
            Double v = yaml.number(t, name);
            if (v != null) {
                out.put(name, v);
            }
        }
        return out;
    }

    private void readSource(YamlNode s) {
        if (s.kind != YamlNode.Kind.MAP) {
            yaml.problem(s, "sources", "each source must be a mapping");
            return;
        }
        yaml.allowedKeys(s, "key", "citation", "shortCitation", "doi", "pmid", "pmcid", "year", "url", "kind", "access", "designs", "note");
        String key = yaml.scalar(s, "key", true);
        if (key != null && !YamlFields.ID.matcher(key).matches()) {
            yaml.problem(s.get("key"), "key", "\"" + key + "\" is not a valid key (lower-case letters, digits, -)");
        }
        String pmid = yaml.scalar(s, "pmid", false);
        if (pmid != null && !PMID.matcher(pmid).matches()) {
            yaml.problem(s.get("pmid"), "pmid", "\"" + pmid + "\" is not a PubMed id (digits only)");
        }
        String doi = yaml.scalar(s, "doi", false);
        if (doi != null && !doi.startsWith("10.")) {
            yaml.problem(s.get("doi"), "doi", "\"" + doi + "\" is not a DOI (starts with 10.)");
        }
        Integer year = yaml.integer(s, "year", false);
        SourceKind kind = yaml.enumValue(s, "kind", SourceKind.class, true);
        Access access = yaml.enumValue(s, "access", Access.class, true);
        String citation = yaml.scalar(s, "citation", true);
        if (key != null) {
            if (reading.sources.containsKey(key)) {
                yaml.problem(s.get("key"), "key", "duplicate source key \"" + key + "\"");
            } else {
                reading.sources.put(key, new Source(key, citation, doi, pmid, yaml.scalar(s, "pmcid", false),
                        year, yaml.scalar(s, "url", false), kind, access, yaml.scalar(s, "note", false),
                        yaml.scalar(s, "shortCitation", false), designs(s)));
            }
        }
    }

    /** The designs a review says it pooled: designs (rct, cct, retrospective, unclear), locator, snippet, status. */
    private StatedDesigns designs(YamlNode s) {
        YamlNode d = yaml.optionalMap(s, "designs", "designs, locator, snippet, status");
        if (d == null) {
            return null;
        }
        yaml.allowedKeys(d, "designs", "locator", "snippet", "status");
        List<Design> designs = new ArrayList<>();
        for (YamlNode x : yaml.list(d, "designs", true)) {
            Design design = x.kind == YamlNode.Kind.SCALAR ? Enums.parse(Design.class, x.text.trim()) : null;
            if (design == null) {
                yaml.problem(x, "designs.designs", "\"" + x.text + "\" is not allowed (allowed: " + Enums.allowed(Design.class) + ")");
            } else {
                designs.add(design);
            }
        }
        String locator = yaml.scalar(d, "locator", true);
        Vocabulary.VerificationStatus status = yaml.enumValue(d, "status", Vocabulary.VerificationStatus.class, true);
        String snippet = yaml.scalar(d, "snippet", false);
        if (snippet == null && status == Vocabulary.VerificationStatus.VERIFIED) {
            yaml.problem(d, "designs.snippet", "a verified statement of the designs needs the source's words");
        }
        return new StatedDesigns(designs, locator, snippet, status);
    }

    private void readOutcome(YamlNode o) {
        if (o.kind != YamlNode.Kind.MAP) {
            yaml.problem(o, "outcomes", "each outcome must be a mapping");
            return;
        }
        yaml.allowedKeys(o, "id", "name", "short", "type", "measure", "unit", "benefit", "note", "comparator", "surrogate", "mid", "harm", "baselineRisk");
        String id = yaml.scalar(o, "id", true);
        if (id != null && !YamlFields.ID.matcher(id).matches()) {
            yaml.problem(o.get("id"), "id", "\"" + id + "\" is not a valid id (lower-case letters, digits, -)");
        }
        OutcomeType type = yaml.enumValue(o, "type", OutcomeType.class, true);
        EffectMeasure measure = yaml.measure(o, "measure", true);
        String unit = yaml.scalar(o, "unit", false);
        if (type != null && measure != null && (type == OutcomeType.BINARY) != measure.isBinary()) {
            yaml.problem(o.get("measure"), "measure", measure + " does not fit a " + Enums.token(type)
                    + " outcome (binary: OR, RR; continuous: MD, SMD)");
        }
        if (measure == EffectMeasure.MD && unit == null) {
            yaml.problem(o, "unit", "a mean difference needs its unit (e.g. days, cm2, mmHg)");
        }
        if (measure != null && measure != EffectMeasure.MD && unit != null) {
            yaml.problem(o.get("unit"), "unit", measure + " has no unit; leave unit empty (null)");
        }
        Benefit benefit = yaml.enumValue(o, "benefit", Benefit.class, true);
        Vocabulary.Comparator comparator = yaml.enumValue(o, "comparator", Vocabulary.Comparator.class, false);
        Evidenced surrogate = null;
        String surrogateFor = null;
        YamlNode sur = yaml.optionalMap(o, "surrogate", "for, basis, and source/locator/snippet or rationale");
        if (sur != null) {
            yaml.allowedKeys(sur, "for", "basis", "source", "locator", "snippet", "rationale");
            surrogateFor = yaml.scalar(sur, "for", true);
            surrogate = yaml.evidenced(sur, "surrogate");
        }
        Mid mid = mid(o, measure);
        BaselineRisk baselineRisk = baselineRisk(o, measure);
        if (id != null) {
            if (reading.outcomes.containsKey(id)) {
                yaml.problem(o.get("id"), "id", "duplicate outcome id \"" + id + "\"");
            } else {
                reading.outcomes.put(id, new OutcomeDefinition(id, yaml.scalar(o, "name", true), type, measure, unit, benefit,
                        yaml.scalar(o, "note", false), comparator, yaml.scalar(o, "short", false), surrogate, surrogateFor, mid,
                        yaml.bool(o, "harm", false), baselineRisk));
            }
        }
    }

    /** A minimal important difference: value (> 0, in the outcome's unit), source, locator and verbatim snippet. */
    private Mid mid(YamlNode o, EffectMeasure measure) {
        YamlNode m = yaml.optionalMap(o, "mid", "value, source, locator, snippet");
        if (m == null) {
            return null;
        }
        yaml.allowedKeys(m, "value", "source", "locator", "snippet");
        if (measure != null && measure != EffectMeasure.MD) {
            yaml.problem(m, "mid", "a minimal important difference is given in the unit of a mean difference (measure MD)");
        }
        Double value = yaml.number(m, "value");
        if (value == null && m.get("value") == null) {
            yaml.problem(m, "mid.value", "required");
        } else if (value != null && !(value > 0)) {
            yaml.problem(m.get("value"), "mid.value", "must be > 0, found " + value);
        }
        String source = yaml.scalar(m, "source", true);
        if (source != null && !reading.sources.containsKey(source)) {
            yaml.problem(m.get("source"), "mid.source", "unknown source key \"" + source + "\" (not in sources)");
        }
        String locator = yaml.scalar(m, "locator", true);
        String snippet = yaml.scalar(m, "snippet", true);
        return value == null ? null : new Mid(value, yaml.scalar(m, "value", false), source, locator, snippet);
    }

    /** A source's risk without the intervention: risk (a proportion between 0 and 1), population, source, locator, snippet. */
    private BaselineRisk baselineRisk(YamlNode o, EffectMeasure measure) {
        YamlNode b = yaml.optionalMap(o, "baselineRisk", "risk, population, source, locator, snippet");
        if (b == null) {
            return null;
        }
        yaml.allowedKeys(b, "risk", "population", "source", "locator", "snippet");
        if (measure != null && !measure.isBinary()) {
            yaml.problem(b, "baselineRisk", "a baseline risk belongs to a binary outcome (measure OR or RR)");
        }
        Double risk = yaml.number(b, "risk");
        if (risk == null && b.get("risk") == null) {
            yaml.problem(b, "baselineRisk.risk", "required");
        } else if (risk != null && !(risk > 0 && risk < 1)) {
            yaml.problem(b.get("risk"), "baselineRisk.risk", "must be a proportion between 0 and 1 (e.g. 0.35 for 35%), found " + risk);
        }
        String population = yaml.scalar(b, "population", true);
        String source = yaml.scalar(b, "source", true);
        if (source != null && !reading.sources.containsKey(source)) {
            yaml.problem(b.get("source"), "baselineRisk.source", "unknown source key \"" + source + "\" (not in sources)");
        }
        String locator = yaml.scalar(b, "locator", true);
        String snippet = yaml.scalar(b, "snippet", true);
        return risk == null || !(risk > 0 && risk < 1) ? null
                : new BaselineRisk(risk, yaml.scalar(b, "risk", false), population, source, locator, snippet);
    }
}
