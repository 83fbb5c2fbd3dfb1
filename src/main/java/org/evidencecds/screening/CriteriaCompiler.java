package org.evidencecds.screening;

import org.evidencecds.profile.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.evidencecds.profile.ProfileField;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.RuleCompiler;

/**
 * Compiles a trial protocol into DRL: for every criterion, rules that record it as met, not met or
 * unknown (an input it needs is missing), each carrying the criterion's text and source in its metadata.
 * The three rules of a criterion have mutually exclusive conditions, so exactly one status results
 * (an any-of criterion may be met through several alternatives at once; that is still one status).
 * Output is deterministic: same protocol, same text.
 */
public final class CriteriaCompiler {

    /** The generated DRL of one protocol and where it is kept under {@code rules/generated}. */
    public record CompiledTrial(String trialId, String trialVersion, String fileName, String drl) {
    }

    private CriteriaCompiler() {
    }

    public static CompiledTrial compile(TrialProtocol p) {
        StringBuilder b = new StringBuilder();
        b.append("// GENERATED from evidence/trials/").append(p.id()).append(".yaml (trial ").append(p.id()).append(", transcription ")
                .append(p.version()).append(").\n");
        b.append("// Do not edit: change the protocol file and run `java -jar target/evidence-cds.jar compile`.\n");
        b.append("// Reading guide: each criterion has a 'met', a 'not-met' and an 'unknown' rule with exclusive conditions;\n");
        b.append("// for an exclusion criterion 'met' means the exclusion applies. The verdict rules are hand-written\n");
        b.append("// (rules/hand-written/screening/verdict.drl).\n\n");
        b.append("package ").append(packageOf(p.id())).append(";\n\n");
        b.append("import org.evidencecds.rules.MissingInput;\n");
        b.append("import org.evidencecds.rules.ProfileCategory;\n");
        b.append("import org.evidencecds.rules.ProfileValue;\n");
        b.append("import org.evidencecds.screening.ScreeningSheet;\n");
        for (TrialProtocol.Criterion c : p.criteria()) {
            criterion(b, p, c);
        }
        return new CompiledTrial(p.id(), p.version(), p.id() + ".drl", b.toString());
    }

    public static String packageOf(String trialId) {
        return "org.evidencecds.rules.generated.trials." + trialId.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "_");
    }

    private static void criterion(StringBuilder b, TrialProtocol p, TrialProtocol.Criterion c) {
        String kind = c.kind().name().toLowerCase(Locale.ROOT);
        String base = p.id() + "/" + kind + "/" + c.id();
        boolean inclusion = c.kind() == TrialProtocol.Kind.INCLUSION;
        b.append("\n// ---- ").append(kind).append(" criterion ").append(c.id()).append(": ").append(oneLine(c.text())).append(" ----\n");
        List<Condition> alts = c.anyOf();
        // met: one rule per alternative, so the deciding input is bound and shown
        for (int i = 0; i < alts.size(); i++) {
            String name = alts.size() == 1 ? base + "/met" : base + "/met/" + (i + 1);
            rule(b, p, c, name, "met", alts.get(i).describe(), List.of(pattern(alts.get(i), true, "$v")),
                    "$sheet.record(drools.getRule(), \"" + c.id() + "\", " + inclusion + ", \"met\", java.util.List.of($v))");
        }
        // not met: only when every alternative is known to fail and nothing unscreened could still satisfy it
        boolean canFail = c.notScreenedAlternatives().isEmpty() && alts.stream().noneMatch(Condition::isPresenceOnly);
        if (canFail) {
            List<String> when = new ArrayList<>();
            List<String> bound = new ArrayList<>();
            for (int i = 0; i < alts.size(); i++) {
                when.add(pattern(alts.get(i), false, "$v" + (i + 1)));
                bound.add("$v" + (i + 1));
            }
            rule(b, p, c, base + "/not-met", "not-met", "not (" + c.describe() + ")", when,
                    "$sheet.record(drools.getRule(), \"" + c.id() + "\", " + inclusion + ", \"not-met\", java.util.List.of(" + String.join(", ", bound) + "))");
        } else if (!c.notScreenedAlternatives().isEmpty()) {
            b.append("\n// (no 'not-met' rule: alternatives the profile cannot hold could still satisfy this criterion)\n");
        } else {
            b.append("\n// (no 'not-met' rule: the criterion only asks that the input be recorded)\n");
        }
        // unknown: not met by any alternative, and either an input is missing or an unscreened alternative remains
        List<String> when = new ArrayList<>();
        for (Condition a : alts) {
            when.add("not " + pattern(a, true, null));
        }
        String fields = String.join(", ", c.fields().stream().map(f -> "\"" + f + "\"").toList());
        if (canFail) {
            when.add(c.fields().size() == 1 ? "MissingInput( field == " + fields + " )" : "exists MissingInput( field in (" + fields + ") )");
        }
        rule(b, p, c, base + "/unknown", "unknown", canFail ? "an input it needs is missing" : "not met by the recorded inputs", when,
                "$sheet.unknown(drools.getRule(), \"" + c.id() + "\", " + inclusion + ", java.util.List.of(" + fields + "))");
    }

    private static void rule(StringBuilder b, TrialProtocol p, TrialProtocol.Criterion c, String name, String status, String condition,
                             List<String> when, String then) {
        TrialProtocol.Source s = p.source(c.source()).orElse(null);
        b.append("\nrule \"").append(name).append("\"\n");
        meta(b, "kind", "criterion");
        meta(b, "trial", p.id());
        meta(b, "trialVersion", p.version());
        meta(b, "registryId", p.registryId());
        meta(b, "criterion", c.id());
        meta(b, "criterionKind", c.kind().name().toLowerCase(Locale.ROOT));
        meta(b, "status", status);
        meta(b, "condition", condition);
        meta(b, "text", oneLine(c.text()));
        if (s != null) {
            meta(b, "source", s.url());
            meta(b, "locator", s.locator());
        }
        meta(b, "verification", p.verification());
        b.append("when\n    $sheet : ScreeningSheet()\n");
        for (String w : when) {
            b.append("    ").append(w).append('\n');
        }
        b.append("then\n    insert(").append(then).append(");\nend\n");
    }

    /** A pattern for one condition: the value meets it ({@code met}) or is present and fails it. */
    static String pattern(Condition c, boolean met, String binding) {
        ProfileField field = ProfileSchema.field(c.field()).orElseThrow();
        String bind = binding == null ? "" : binding + " : ";
        String type = field.isNumeric() ? "ProfileValue" : "ProfileCategory";
        if (c.isPresenceOnly()) {
            return bind + type + "( field == \"" + c.field() + "\" )";
        }
        if (!field.isNumeric()) {
            String values = String.join(", ", c.in().stream().map(v -> "\"" + v + "\"").toList());
            return bind + type + "( field == \"" + c.field() + "\", value " + (met ? "in" : "not in") + " (" + values + ") )";
        }
        List<String> tests = new ArrayList<>();
        List<String> fails = new ArrayList<>();
        if (c.min() != null) {
            tests.add("value >= " + num(c.min()));
            fails.add("value < " + num(c.min()));
        }
        if (c.above() != null) {
            tests.add("value > " + num(c.above()));
            fails.add("value <= " + num(c.above()));
        }
        if (c.max() != null) {
            tests.add("value <= " + num(c.max()));
            fails.add("value > " + num(c.max()));
        }
        if (c.below() != null) {
            tests.add("value < " + num(c.below()));
            fails.add("value >= " + num(c.below()));
        }
        String test = met ? String.join(", ", tests) : String.join(" || ", fails);
        return bind + type + "( field == \"" + c.field() + "\", " + test + " )";
    }

    private static String num(double d) {
        String s = TrialProtocol.num(d);
        return s.contains(".") ? s : s + ".0";
    }

    private static void meta(StringBuilder b, String key, String value) {
        if (value != null) {
            b.append("    @").append(key).append("(\"").append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append("\")\n");
        }
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").trim();
    }

    /** sha256 of the compiled text of every trial plus the hand-written screening rules. */
    static String hash(List<CompiledTrial> trials, String handWritten) {
        StringBuilder all = new StringBuilder();
        trials.forEach(t -> all.append(t.drl()));
        return RuleCompiler.sha256(all + handWritten);
    }
}
