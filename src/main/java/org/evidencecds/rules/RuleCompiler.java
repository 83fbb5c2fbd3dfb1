package org.evidencecds.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.evidencecds.certainty.Assessor;
import org.evidencecds.certainty.Protocols;
import org.evidencecds.findings.EffectText;
import org.evidencecds.evidence.Conflict;
import org.evidencecds.evidence.Dimension;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.Interval;
import org.evidencecds.evidence.Level;
import org.evidencecds.evidence.Source;
import org.evidencecds.evidence.Vocabulary.Access;
import org.evidencecds.evidence.Vocabulary.DimensionKind;
import org.evidencecds.findings.Finding;
import org.evidencecds.findings.Findings;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;

/**
 * Compiles an evidence pack into DRL: rules that place the patient in each dimension's levels (or say the
 * input is missing, outside the range the pack covers, or has no evidence), one rule per finding with its
 * provenance as metadata, and the pack's caveats. Output is deterministic (same pack, same bytes) and
 * meant to be read by a reviewer. Static checks run first and refuse the pack with every problem.
 */
public final class RuleCompiler {

    /** Numeric findings from fewer trials than this carry a small-k caveat. */
    public static final int SMALL_K = 5;

    private RuleCompiler() {
    }

    /** The compiled rules of one pack. */
    public record CompiledPack(String packId, String packVersion, String contentHash, String fileName, String drl,
                               List<Finding> findings, Map<String, Assessor.Assessment> assessments,
                               List<Protocols.Protocol> protocols) {

        public CompiledPack {
            findings = List.copyOf(findings);
            assessments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(assessments));
            protocols = List.copyOf(protocols);
        }

        public java.util.Optional<Protocols.Protocol> protocol(String id) {
            return protocols.stream().filter(p -> p.id().equals(id)).findFirst();
        }

        /** Short hash of the generated DRL: part of the knowledge version. */
        public String rulesHash() {
            return sha256(drl).substring(0, 12);
        }
    }

    public static CompiledPack compile(EvidencePack pack) {
        List<Finding> findings = Findings.of(pack);
        List<String> problems = check(pack, findings);
        Map<String, Assessor.Assessment> assessments = Map.of();
        List<Protocols.Protocol> protocols = List.of();
        try {
            assessments = new Assessor(pack).assessAll(findings);
            protocols = Protocols.of(pack, findings, assessments);
            problems.addAll(Protocols.problems(pack, protocols));
        } catch (IllegalArgumentException e) {
            problems.add(pack.id() + "/pack.yaml: " + e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new RuleCompilationException(problems);
        }
        return new CompiledPack(pack.id(), pack.info().version(), pack.contentHash(), pack.id() + ".drl",
                drl(pack, findings, assessments, protocols), findings, assessments, protocols);
    }

    // ---- static checks ---------------------------------------------------------------------------------

    static List<String> check(EvidencePack pack, List<Finding> findings) {
        List<String> problems = new ArrayList<>();
        for (Dimension d : pack.dimensions()) {
            if (d.profileField() == null) {
                continue;
            }
            ProfileField field = ProfileSchema.field(d.profileField()).orElse(null);
            String where = pack.id() + "/dimensions.yaml:" + d.origin().line();
            if (field == null) {
                problems.add(where + ": dimension " + d.id() + " reads profile field " + d.profileField()
                        + ", which the patient profile does not have");
                continue;
            }
            if (d.kind() == DimensionKind.NUMERIC && !field.isNumeric()) {
                problems.add(where + ": dimension " + d.id() + " is numeric but profile field " + field.name() + " is categorical");
                continue;
            }
            if (d.kind() == DimensionKind.CATEGORICAL) {
                if (field.isNumeric()) {
                    problems.add(where + ": dimension " + d.id() + " is categorical but profile field " + field.name() + " is numeric");
                    continue;
                }
                for (Level level : d.levels()) {
                    if (!field.allowed().contains(level.id())) {
                        problems.add(level.origin() + ": rule for " + d.id() + "/" + level.id() + " could never fire: " + field.name()
                                + " takes only " + String.join(", ", field.allowed()));
                    }
                }
            }
            if (d.kind() == DimensionKind.NUMERIC && !field.unit().equals(d.unit())) {
                problems.add(where + ": unit mismatch: dimension " + d.id() + " is in " + d.unit() + ", profile field "
                        + field.name() + " is in " + field.unit());
            }
            if (d.kind() == DimensionKind.NUMERIC) {
                for (Level level : d.levels()) {
                    if (!overlaps(level.interval(), field.min(), field.max())) {
                        problems.add(level.origin() + ": rule for " + d.id() + "/" + level.id() + " could never fire: "
                                + level.interval() + " lies outside the possible values of " + field.name()
                                + " [" + plain(field.min()) + ", " + plain(field.max()) + "]");
                    }
                }
            }
        }
        Map<String, List<Finding>> bySlice = new LinkedHashMap<>();
        for (Finding f : findings) {
            if (f.role() == Finding.Role.UNPLACED || f.outcome() == null) {
                continue;
            }
            bySlice.computeIfAbsent(f.outcome() + "|" + f.dimension() + "|" + f.level(), s -> new ArrayList<>()).add(f);
        }
        for (List<Finding> same : bySlice.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    String why = contradiction(same.get(i), same.get(j));
                    if (why != null) {
                        problems.add("findings " + same.get(i).id() + " and " + same.get(j).id() + " contradict each other: " + why);
                    }
                }
            }
        }
        return problems;
    }

    /** Two findings for the same outcome and slice contradict when their directions are opposite. */
    static String contradiction(Finding a, Finding b) {
        int da = side(a);
        int db = side(b);
        if (da != 0 && db != 0 && da != db) {
            return describe(a) + " vs " + describe(b);
        }
        return null;
    }

    /** +1 favours cell therapy, -1 favours control, 0 no clear side (CI crosses no effect, or no claim). */
    static int side(Finding f) {
        return f.side();
    }

    private static String describe(Finding f) {
        return EffectText.effect(f);
    }

    private static boolean overlaps(Interval interval, double min, double max) {
        boolean aboveMin = interval.upper() == null || (interval.upperInclusive() ? interval.upper() >= min : interval.upper() > min);
        boolean belowMax = interval.lower() == null || (interval.lowerInclusive() ? interval.lower() <= max : interval.lower() < max);
        return aboveMin && belowMax;
    }

    // ---- DRL -------------------------------------------------------------------------------------------

    static String drl(EvidencePack pack, List<Finding> findings, Map<String, Assessor.Assessment> assessments,
                      List<Protocols.Protocol> protocols) {
        StringBuilder out = new StringBuilder();
        String p = pack.id();
        out.append("// GENERATED from evidence/").append(p).append(" (version ").append(pack.info().version())
                .append(", evidence ").append(pack.contentHash()).append(").\n");
        out.append("// Do not edit: change the evidence and run `java -jar target/evidence-cds.jar compile`.\n");
        out.append("// Reading guide: level rules place the patient in each dimension; finding rules attach one published\n");
        out.append("// result each, with its provenance in the @metadata (numbers as the source printed them); caveat rules say\n");
        out.append("// how far to trust them; protocol rules show each protocol one source states, with its credibility; the\n");
        out.append("// harms rule lists what the pack has on harms. A finding rule inserts FindingFired(pack, finding, outcome,\n");
        out.append("// role, dimension, level, numeric, favours cell therapy, credibility, source, effect modification,\n");
        out.append("// headline candidate, headline order, population dimension, population level, population label, sign reversed)\n");
        out.append("// for the assembly rules (rules/hand-written/assembly.drl) that pick each outcome's headline.\n\n");
        out.append("package org.evidencecds.rules.generated.").append(p.replace('-', '_')).append(";\n\n");
        out.append("import org.evidencecds.rules.Evaluation;\n");
        out.append("import org.evidencecds.rules.EvaluationScope;\n");
        out.append("import org.evidencecds.rules.FindingFired;\n");
        out.append("import org.evidencecds.rules.LevelAssigned;\n");
        out.append("import org.evidencecds.rules.MissingInput;\n");
        out.append("import org.evidencecds.rules.ProfileCategory;\n");
        out.append("import org.evidencecds.rules.ProfileValue;\n\n");

        Set<String> fields = new LinkedHashSet<>();
        for (Dimension d : pack.dimensions()) {
            if (d.profileField() == null || d.kind() != DimensionKind.NUMERIC) {
                continue;
            }
            fields.add(d.profileField());
            out.append("// ---- dimension ").append(d.id()).append(" (").append(d.name()).append(", profile field ")
                    .append(d.profileField()).append(", ").append(d.unit()).append(") ----\n\n");
            for (Level level : d.levels()) {
                levelRule(out, p, d, level);
            }
            outsideRule(out, p, d);
            missingRule(out, p, d);
        }
        Set<String> categoryFields = new LinkedHashSet<>();
        for (Dimension d : pack.dimensions()) {
            if (d.profileField() == null || d.kind() != DimensionKind.CATEGORICAL) {
                continue;
            }
            categoryFields.add(d.profileField());
            categoricalRules(out, p, d);
        }
        // a field of the pack's population (a current foot ulcer) is what puts the patient in it, not an input without evidence
        for (org.evidencecds.profile.Condition c : pack.info().appliesTo()) {
            (c.in().isEmpty() ? fields : categoryFields).add(c.field());
        }
        out.append("rule \"").append(p).append("/no-evidence\"\n");
        meta(out, "kind", "no-evidence", "pack", p, "fields", String.join(",", fields));
        out.append("    salience 100\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n")
                .append("    ProfileValue( $field : field").append(fields.isEmpty() ? "" : ", field not in ( "
                        + String.join(", ", fields.stream().map(f -> "\"" + f + "\"").toList()) + " )")
                .append(", $value : value )\nthen\n")
                .append("    $e.status(drools.getRule(), \"").append(p).append("\", null, $field, \"no-evidence\", $value);\nend\n\n");

        out.append("rule \"").append(p).append("/no-evidence-category\"\n");
        meta(out, "kind", "no-evidence", "pack", p);
        out.append("    salience 100\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n")
                .append("    ProfileCategory( $field : field").append(categoryFields.isEmpty() ? "" : ", field not in ( "
                        + String.join(", ", categoryFields.stream().map(f -> "\"" + f + "\"").toList()) + " )").append(" )\nthen\n")
                .append("    $e.status(drools.getRule(), \"").append(p).append("\", null, $field, \"no-evidence\", null);\nend\n\n");

        out.append("// ---- pack caveats ----\n\n");
        packRule(out, pack);

        out.append("// ---- protocols (each from one source, with its credibility; never merged across sources) ----\n\n");
        protocolRules(out, pack, protocols);

        out.append("// ---- harms ----\n\n");
        harmsRule(out, pack, findings);

        out.append("// ---- findings (one rule each; the rule name is the finding id) ----\n\n");
        for (Finding f : findings) {
            findingRule(out, pack, f, assessments.get(f.id()));
        }
        return out.toString();
    }

    private static void levelRule(StringBuilder out, String p, Dimension d, Level level) {
        Interval in = level.interval();
        List<String> constraints = new ArrayList<>();
        if (in.lower() != null) {
            constraints.add("value " + (in.lowerInclusive() ? ">=" : ">") + " " + plain(in.lower()));
        }
        if (in.upper() != null) {
            constraints.add("value " + (in.upperInclusive() ? "<=" : "<") + " " + plain(in.upper()));
        }
        levelRule(out, p, d, level, in.toString(), "ProfileValue( field == \"" + d.profileField() + "\", $v : value"
                + (constraints.isEmpty() ? "" : ", " + String.join(", ", constraints)) + " )", "$v");
    }

    /** A rule placing the patient in a level: {@code pattern} matches the profile, {@code value} is the input it records. */
    private static void levelRule(StringBuilder out, String p, Dimension d, Level level, String interval, String pattern, String value) {
        out.append("rule \"").append(p).append("/level/").append(d.id()).append("/").append(level.id()).append("\"\n");
        // the label under the key the classic engine has always given a rule's @label (it reads "label" as Drools's
        // own Label annotation; the executable model would keep "label"): written in full, both engines agree
        List<String> m = new ArrayList<>(List.of("kind", "level", "pack", p, "dimension", d.id(), "level", level.id(), LABEL, level.label()));
        if (interval != null) {
            m.addAll(List.of("interval", interval));
        }
        m.addAll(List.of("basis", level.basis().name().toLowerCase(Locale.ROOT)));
        if (level.source() != null) {
            m.addAll(List.of("source", level.source(), "locator", level.locator()));
        } else {
            m.addAll(List.of("rationale", level.rationale()));
        }
        meta(out, m.toArray(new String[0]));
        out.append("    salience 100\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n")
                .append("    ").append(pattern).append("\nthen\n")
                .append("    $e.level(drools.getRule(), \"").append(p).append("\", \"").append(d.id()).append("\", \"")
                .append(level.id()).append("\", \"").append(d.profileField()).append("\", ").append(value).append(");\n")
                .append("    insert(new LevelAssigned(\"").append(p).append("\", \"").append(d.id()).append("\", \"")
                .append(level.id()).append("\"));\nend\n\n");
    }

    /** A categorical dimension the patient is placed in by a category of the profile (e.g. diabetes type). */
    private static void categoricalRules(StringBuilder out, String p, Dimension d) {
        out.append("// ---- dimension ").append(d.id()).append(" (").append(d.name()).append(", profile field ")
                .append(d.profileField()).append(", categorical) ----\n\n");
        for (Level level : d.levels()) {
            levelRule(out, p, d, level, null, "ProfileCategory( field == \"" + d.profileField() + "\", value == \"" + level.id() + "\" )",
                    "Double.NaN");
        }
        ProfileField field = ProfileSchema.field(d.profileField()).orElseThrow();
        List<String> levelIds = d.levels().stream().map(Level::id).toList();
        if (levelIds.containsAll(field.allowed())) {
            out.append("// (every value of ").append(d.profileField()).append(" is a level of ").append(d.id()).append(": no outside-range rule)\n\n");
        } else {
            outsideRule(out, p, d, "ProfileCategory( field == \"" + d.profileField() + "\", value not in ( "
                    + String.join(", ", levelIds.stream().map(x -> "\"" + x + "\"").toList()) + " ) )", "null", "is not one this evidence distinguishes");
        }
        missingRule(out, p, d);
    }

    /** Values the profile allows but no level covers: outside the range this pack's evidence speaks to. */
    private static void outsideRule(StringBuilder out, String p, Dimension d) {
        ProfileField field = ProfileSchema.field(d.profileField()).orElseThrow();
        List<String> gaps = new ArrayList<>();
        Interval lowest = d.levels().stream().map(Level::interval)
                .min((a, b) -> Double.compare(a.lower() == null ? Double.NEGATIVE_INFINITY : a.lower(),
                        b.lower() == null ? Double.NEGATIVE_INFINITY : b.lower())).orElseThrow();
        Interval highest = d.levels().stream().map(Level::interval)
                .max((a, b) -> Double.compare(a.upper() == null ? Double.POSITIVE_INFINITY : a.upper(),
                        b.upper() == null ? Double.POSITIVE_INFINITY : b.upper())).orElseThrow();
        if (lowest.lower() != null && (lowest.lower() > field.min() || (lowest.lower() == field.min().doubleValue() && !lowest.lowerInclusive()))) {
            gaps.add("value " + (lowest.lowerInclusive() ? "<" : "<=") + " " + plain(lowest.lower()));
        }
        if (highest.upper() != null && (highest.upper() < field.max() || (highest.upper() == field.max().doubleValue() && !highest.upperInclusive()))) {
            gaps.add("value " + (highest.upperInclusive() ? ">" : ">=") + " " + plain(highest.upper()));
        }
        if (gaps.isEmpty()) {
            out.append("// (every possible value of ").append(d.profileField()).append(" falls in a level of ")
                    .append(d.id()).append(": no outside-range rule)\n\n");
            return;
        }
        outsideRule(out, p, d, "ProfileValue( field == \"" + d.profileField() + "\", $v : value, " + String.join(" || ", gaps) + " )", "$v",
                "lies outside the range this evidence covers");
    }

    /** The rule for an input no level of the dimension covers: status outside-studied-range and an indirectness caveat. */
    private static void outsideRule(StringBuilder out, String p, Dimension d, String pattern, String value, String where) {
        out.append("rule \"").append(p).append("/outside/").append(d.id()).append("\"\n");
        meta(out, "kind", "outside-range", "pack", p, "dimension", d.id(), "field", d.profileField());
        out.append("    salience 100\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n")
                .append("    ").append(pattern).append("\nthen\n")
                .append("    $e.status(drools.getRule(), \"").append(p).append("\", \"").append(d.id()).append("\", \"")
                .append(d.profileField()).append("\", \"outside-studied-range\", ").append(value).append(");\n")
                .append("    $e.caveat(drools.getRule(), \"").append(p).append("\", \"indirectness\", \"")
                .append(escape("The patient's " + d.name().toLowerCase(Locale.ROOT) + " " + where + ": "
                        + "the evidence is indirect for this patient, so its certainty for them is lower than rated."))
                .append("\");\nend\n\n");
    }

    /** The rule for a dimension whose profile field was not given. */
    private static void missingRule(StringBuilder out, String p, Dimension d) {
        out.append("rule \"").append(p).append("/missing/").append(d.id()).append("\"\n");
        meta(out, "kind", "input-missing", "pack", p, "dimension", d.id(), "field", d.profileField());
        out.append("    salience 100\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n")
                .append("    MissingInput( field == \"").append(d.profileField()).append("\" )\nthen\n")
                .append("    $e.status(drools.getRule(), \"").append(p).append("\", \"").append(d.id()).append("\", \"")
                .append(d.profileField()).append("\", \"input-missing\", null);\nend\n\n");
    }

    private static void packRule(StringBuilder out, EvidencePack pack) {
        String p = pack.id();
        Source review = pack.source(pack.info().review()).orElseThrow();
        List<String[]> caveats = new ArrayList<>();
        if (review.access() != Access.FULL_TEXT) {
            caveats.add(new String[] {"source-access", "The review (" + review.shortCitation() + ") could be read only as "
                    + switch (review.access()) {
                        case ABSTRACT_ONLY -> "its abstract";
                        case PARTIAL -> "part of its text";
                        case TABLE_ONLY -> "a table";
                        case SECONDARY -> "a secondary source";
                        case FULL_TEXT -> "full text";
                    } + ": its study list, forest plots and most subgroup estimates are not available to this engine."});
        }
        out.append("rule \"").append(p).append("/pack\"\n");
        meta(out, "kind", "pack", "pack", p, "version", pack.info().version(), "evidenceHash", pack.contentHash(),
                "review", review.key(), "doi", review.doi() == null ? "" : review.doi());
        out.append("    salience 90\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\nthen\n")
                .append("    $e.fired(drools.getRule());\n");
        for (String[] c : caveats) {
            out.append("    $e.caveat(drools.getRule(), \"").append(p).append("\", \"").append(c[0]).append("\", \"")
                    .append(escape(c[1])).append("\");\n");
        }
        out.append("end\n\n");
    }

    private static void findingRule(StringBuilder out, EvidencePack pack, Finding f, Assessor.Assessment a) {
        String p = pack.id();
        List<String> m = new ArrayList<>(List.of("kind", "finding", "findingId", f.id(), "pack", p, "packVersion", f.packVersion(),
                "findingRole", f.role().name().toLowerCase(Locale.ROOT), "origin", f.origin().name().toLowerCase(Locale.ROOT).replace('_', '-')));
        addIf(m, "outcome", f.outcome());
        addIf(m, "comparator", pack.outcome(f.outcome() == null ? "" : f.outcome())
                .map(o -> o.comparator().name().toLowerCase(Locale.ROOT).replace('_', '-')).orElse(null));
        addIf(m, "measure", f.measure());
        // numbers exactly as the source printed them (6.90 stays 6.90)
        addIf(m, "estimate", f.estimateText());
        addIf(m, "ciLow", f.ciLowText());
        addIf(m, "ciHigh", f.ciHighText());
        addIf(m, "unit", f.isNumeric() && !"OR".equals(f.measure()) && !"RR".equals(f.measure()) ? EffectText.unit(f.measure(), f.unit()) : null);
        addIf(m, "signConvention", f.signReversed() ? "reversed" : null);
        addIf(m, "pValue", f.pValue());
        addIf(m, "k", f.k() == null ? null : f.k().toString());
        addIf(m, "n", f.n() == null ? null : f.n().toString());
        addIf(m, "direction", f.direction());
        addIf(m, "dimension", f.dimension());
        addIf(m, "level", f.level());
        addIf(m, "levelAsReported", f.levelAsReported());
        addIf(m, "comparison", f.comparison());
        addIf(m, "pooledLevels", f.pooledLevels().isEmpty() ? null : String.join(",", f.pooledLevels()));
        m.addAll(List.of("source", f.sourceKey(), "doi", f.doi() == null ? "" : f.doi(), "locator", f.locator()));
        addIf(m, "reportedEstimate", f.reportedEstimateId());
        addIf(m, "studies", f.studyIds().isEmpty() ? null : String.join(",", f.studyIds()));
        m.addAll(List.of("evidenceHash", f.evidenceHash()));
        m.addAll(List.of("certainty", a.certainty().rated() ? a.certainty().level().words() : "not rated"));
        // the highest level the evidence could reach is kept apart from the rating, never in its place
        addIf(m, "certaintyAtMost", a.certainty().rated() || a.certainty().upperBound() == null ? null : a.certainty().upperBound().words());
        addIf(m, "credibility", a.credibility() == null ? null : a.credibility().level().words());
        out.append("rule \"").append(f.id()).append("\"\n");
        meta(out, m.toArray(new String[0]));
        out.append("    salience 50\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\n");
        if (f.role() == Finding.Role.PATIENT) {
            out.append("    LevelAssigned( pack == \"").append(p).append("\", dimension == \"").append(f.dimension())
                    .append("\", level == \"").append(f.level()).append("\" )\n");
        }
        String[] population = population(pack, f);
        out.append("then\n    $e.fired(drools.getRule());\n");
        out.append("    insert(new FindingFired(\"").append(p).append("\", \"").append(f.id()).append("\", ")
                .append(quoted(f.outcome())).append(", \"").append(f.role().name()).append("\", ")
                .append(quoted(f.dimension())).append(", ").append(quoted(f.level())).append(", ").append(f.isNumeric())
                .append(", ").append(side(f) > 0).append(", ")
                .append(a.credibility() == null ? "null" : "\"" + a.credibility().level().words() + "\"").append(", \"")
                .append(f.sourceKey()).append("\",\n        ").append(f.isEffectModification()).append(", ")
                .append(headlineCandidate(f)).append(", ").append(headlineOrder(pack, f)).append(", ")
                .append(quoted(population[0])).append(", ").append(quoted(population[1])).append(", ")
                .append(quoted(population[2])).append(", ").append(f.signReversed()).append("));\n");
        for (String[] c : caveats(pack, f, a)) {
            out.append("    $e.caveat(drools.getRule(), \"").append(p).append("\", \"").append(c[0]).append("\", \"")
                    .append(escape(c[1])).append("\");\n");
        }
        out.append("end\n\n");
    }

    private static String quoted(String s) {
        return s == null ? "null" : "\"" + escape(s) + "\"";
    }

    /** A numeric estimate for the whole pool (overall, or at a follow-up time) may be an outcome's headline. */
    static boolean headlineCandidate(Finding f) {
        return f.isNumeric() && f.outcome() != null && (f.role() == Finding.Role.OVERALL || f.role() == Finding.Role.TIMEPOINT);
    }

    /**
     * Preference among an outcome's headline candidates, lower first: an estimate printed with the outcome's
     * sign convention before one printed reversed; an overall estimate before time-point ones; among time
     * points the longest follow-up first (the later levels of a time-point dimension).
     */
    static int headlineOrder(EvidencePack pack, Finding f) {
        int order = f.signReversed() ? 1000 : 0;
        if (f.role() == Finding.Role.TIMEPOINT) {
            List<org.evidencecds.evidence.Level> levels = pack.dimension(f.dimension()).orElseThrow().levels();
            int index = levels.indexOf(levels.stream().filter(l -> l.id().equals(f.level())).findFirst().orElseThrow());
            order += 100 + (levels.size() - 1 - index);
        }
        return order;
    }

    /**
     * The one patient level a whole-pool estimate is restricted to (dimension, level, label), e.g. a review
     * of type 2 diabetes only; nulls when the pool covers several levels or is not known.
     */
    static String[] population(EvidencePack pack, Finding f) {
        if (!headlineCandidate(f)) {
            return new String[3];
        }
        Map<String, List<String>> byDimension = new LinkedHashMap<>();
        for (String pl : f.pooledLevels()) {
            String[] dl = pl.split("/", 2);
            byDimension.computeIfAbsent(dl[0], d -> new ArrayList<>()).add(dl[1]);
        }
        for (Map.Entry<String, List<String>> e : byDimension.entrySet()) {
            Dimension d = pack.dimension(e.getKey()).orElseThrow();
            if (d.profileField() != null && e.getValue().size() == 1) {
                String level = e.getValue().get(0);
                return new String[] {d.id(), level, org.evidencecds.evidence.Labels.inSentence(d.level(level).map(Level::label).orElse(level))};
            }
        }
        return new String[3];
    }

    /** One rule per protocol: it is shown whenever the pack is, with its source and credibility. */
    private static void protocolRules(StringBuilder out, EvidencePack pack, List<Protocols.Protocol> protocols) {
        String p = pack.id();
        if (protocols.isEmpty()) {
            out.append("// (no protocol: no source in this pack states one, and no subgroup result has moderate or high credibility)\n\n");
        }
        for (Protocols.Protocol pr : protocols) {
            List<String> m = new ArrayList<>(List.of("kind", "protocol", "pack", p, "protocolId", pr.id(),
                    "basis", pr.basis().name().toLowerCase(Locale.ROOT), "source", pr.source()));
            addIf(m, "locator", pr.locator());
            m.addAll(List.of("elements", String.join(",", pr.elements().stream().map(e -> e.dimension() + "/" + e.level()).toList()),
                    "credibility", pr.credibility().words()));
            addIf(m, "supportingFindings", String.join(",", pr.elements().stream().flatMap(e -> e.supportingFindings().stream()).toList()));
            out.append("rule \"").append(p).append("/protocol/").append(pr.id()).append("\"\n");
            meta(out, m.toArray(new String[0]));
            out.append("    salience 10\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\nthen\n")
                    .append("    $e.protocol(drools.getRule(), \"").append(p).append("\", \"").append(pr.id()).append("\");\nend\n\n");
        }
    }

    /**
     * The harms rule: always shown with the pack, so that a report never stays silent on harms. Its metadata
     * lists what the pack has on harms: the harm outcomes, the review's and other reviews' harm findings,
     * claims about harms in words, and the trials' narrative statements (never pooled).
     */
    private static void harmsRule(StringBuilder out, EvidencePack pack, List<Finding> findings) {
        String p = pack.id();
        List<String> outcomes = pack.outcomes().stream().filter(o -> o.harm()).map(o -> o.id()).toList();
        String anchor = pack.info().review();
        List<String> review = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (Finding f : findings) {
            boolean harm = f.outcome() != null ? outcomes.contains(f.outcome())
                    : pack.reportedEstimates().stream().anyMatch(e -> e.id().equals(f.reportedEstimateId()) && "harms".equals(e.topic()));
            if (harm) {
                (f.sourceKey().equals(anchor) ? review : other).add(f.id());
            }
        }
        List<String> statements = pack.studyOutcomes().stream().filter(o -> outcomes.contains(o.outcome())
                && o.statistic() == org.evidencecds.evidence.Vocabulary.Statistic.NARRATIVE).map(o -> o.id()).toList();
        List<String> m = new ArrayList<>(List.of("kind", "harms", "pack", p, "harmOutcomes", String.join(",", outcomes),
                "reviewFindings", String.join(",", review), "otherReviewFindings", String.join(",", other),
                "trialStatements", String.join(",", statements)));
        out.append("rule \"").append(p).append("/harms\"\n");
        meta(out, m.toArray(new String[0]));
        out.append("    salience 10\nwhen\n    $e : Evaluation()\n    EvaluationScope( pack == \"").append(p).append("\" )\nthen\n")
                .append("    $e.harms(drools.getRule(), \"").append(p).append("\");\nend\n\n");
    }

    /** The caveats a finding carries, written for a clinician. */
    static List<String[]> caveats(EvidencePack pack, Finding f, Assessor.Assessment a) {
        List<String[]> out = new ArrayList<>();
        String what = f.outcome() == null ? "outcome not named" : pack.outcome(f.outcome()).map(o -> o.phrase()).orElse(f.outcome());
        // the slice as a reader sees it (exponents as superscripts); the source's text stays in the evidence and @metadata
        String slice = EffectText.display(f.levelLabel() != null ? f.levelLabel() : f.levelAsReported());
        String result = f.isNumeric() ? EffectText.estimate(f) : EffectText.direction(f.direction());
        if (f.origin() == Finding.Origin.DIRECTION_ONLY) {
            out.add(new String[] {"direction-only", "The source reports " + (f.role() == Finding.Role.OVERALL ? "" : "for '" + slice + "' ")
                    + "a direction only (" + EffectText.direction(f.direction()) + ", " + what
                    + "), with no estimate, confidence interval or number of trials."});
        }
        String anchor = pack.info().review();
        if (f.origin() != Finding.Origin.RECOMPUTED && f.sourceKey() != null && anchor != null && !f.sourceKey().equals(anchor)) {
            // the anchor review is the pack's reason to exist; a result borrowed from another review says so
            String review = pack.source(anchor).map(Source::shortCitation).orElse(anchor);
            out.add(new String[] {"other-review", "This result (" + result + ", " + what + ") comes from " + f.shortCitation()
                    + ", not from " + review + ", the review this evidence is built on: it is evidence from another review, with its own "
                    + "population, studies and methods."});
        }
        if (f.signReversed()) {
            out.add(new String[] {"sign-convention", "The source reports this result (" + result + ", " + what
                    + ") with the opposite sign to this outcome's convention (a fall reported as a positive reduction); the number is "
                    + "shown as printed and read in the source's direction."});
        }
        if (f.origin() == Finding.Origin.RECOMPUTED) {
            out.add(new String[] {"recomputed", "This estimate (" + result + ", " + what
                    + ") was pooled by this engine from " + f.k() + " stud" + (f.k() == 1 ? "y" : "ies") + " of the pack ("
                    + String.join(", ", f.studyIds()) + "); no review published it."});
        }
        if (a.credibility() != null) {
            out.add(new String[] {"subgroup-credibility", "The source reports " + result + " for '" + slice + "'"
                    + (f.outcome() == null ? "" : " (" + what + ")") + "; subgroup credibility " + a.credibility().summary() + "."});
        }
        if ("single-level".equals(f.comparison())) {
            out.add(new String[] {"single-level", "The source studied only '" + slice + "' (" + result + ", " + what
                    + "): this is not evidence that it differs from other levels, and it is never a protocol element."});
        }
        if (f.role() == Finding.Role.UNPLACED) {
            out.add(new String[] {"undefined-slice", "The source does not define '" + slice + "' (no thresholds), so it cannot be matched to a patient or protocol."});
        }
        if (f.isNumeric() && (f.k() == null || f.k() < SMALL_K)) {
            out.add(new String[] {"small-k", f.k() == null ? "The number of trials behind this estimate (" + result + ", " + what + ") is not reported."
                    : "Only " + f.k() + " trial" + (f.k() == 1 ? "" : "s") + " behind this estimate (" + result + ", " + what + ")."});
        }
        for (String conflictId : f.conflicts()) {
            Conflict c = pack.conflicts().stream().filter(x -> x.id().equals(conflictId)).findFirst().orElseThrow();
            // the recorded values in words ("1e7" as 1×10⁷, a direction code in words), nothing left out
            out.add(new String[] {"source-conflict", "Sources disagree on " + conflictField(c.field()) + " for "
                    + (slice == null ? "this result" : "'" + slice + "'")
                    + ": " + EffectText.recorded(c.valueA()) + " (" + name(pack, c.sourceA()) + ") vs " + EffectText.recorded(c.valueB())
                    + " (" + name(pack, c.sourceB()) + "); the engine uses "
                    + (switch (c.rowHolds()) {
                        case A -> EffectText.recorded(c.valueA());
                        case B -> EffectText.recorded(c.valueB());
                        case NONE -> "neither";
                    }) + " and records both."});
        }
        return out;
    }

    /**
     * What a conflict is about, in words: the column names of the evidence files (p_value, level_as_reported)
     * are for the files, not for a clinician.
     */
    static String conflictField(String column) {
        if (column == null) {
            return "the value";
        }
        return switch (column) {
            case "estimate" -> "the estimate";
            case "ci_low" -> "the lower confidence limit";
            case "ci_high" -> "the upper confidence limit";
            case "p_value" -> "the p value";
            case "k" -> "the number of trials";
            case "n" -> "the number of participants";
            case "i2" -> "the heterogeneity (I²)";
            case "direction" -> "the direction";
            case "measure" -> "the effect measure";
            case "level_as_reported" -> "the subgroup as reported";
            case "lower" -> "the lower bound";
            case "upper" -> "the upper bound";
            case "label" -> "the label";
            default -> "the " + column.replace('_', ' ');
        };
    }

    /** Short citations of one or more source keys ("a;b"). */
    private static String name(EvidencePack pack, String keys) {
        return String.join("; ", java.util.Arrays.stream(keys.split(";")).map(String::trim)
                .map(k -> pack.source(k).map(Source::shortCitation).orElse(k)).toList());
    }

    private static void addIf(List<String> m, String key, String value) {
        if (value != null) {
            m.add(key);
            m.add(value);
        }
    }

    /** The metadata key of a level rule's label: the one the application has always shown (see {@link #levelRule}). */
    public static final String LABEL = "org.kie.api.definition.type.Label";

    private static void meta(StringBuilder out, String... keyValues) {
        for (int i = 0; i < keyValues.length; i += 2) {
            out.append("    @").append(keyValues[i]).append("(\"").append(metaValue(keyValues[i + 1])).append("\")\n");
        }
    }

    /** Metadata values: double quotes become single quotes (the DRL annotation syntax has no escape). */
    private static String metaValue(String value) {
        return value == null ? "" : value.replace('"', '\'').replace("\\", "/").replace('\n', ' ');
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    static String plain(double d) {
        return EffectText.plainAscii(d);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
