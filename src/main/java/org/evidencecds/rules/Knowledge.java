package org.evidencecds.rules;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.findings.Finding;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.StatelessKieSession;

/**
 * One knowledge version: the packs, their compiled rules plus the hand-written rules, and the KieBase
 * built from them once. Immutable and shared by every evaluation; each evaluation borrows a pooled session.
 *
 * @param version    pack ids and versions plus a hash of all rule text, e.g.
 *                   {@code dfu-cell-therapy@1.0.0+rules.3f2a9c1d2e4b}
 * @param rulesBuilt whether the rule base was loaded from the model the build precompiled or compiled from DRL
 * @param sessions   reusable sessions on {@code base}: an evaluation takes one ({@link #session()}) instead of building one
 */
public record Knowledge(String version, List<EvidencePack> packs, List<RuleCompiler.CompiledPack> compiled,
                        Map<String, String> handWritten, KieBase base, RuleBases.How rulesBuilt, Map<String, Finding> findings,
                        KieSessionsPool sessions) {

    public Knowledge {
        packs = List.copyOf(packs);
        compiled = List.copyOf(compiled);
        handWritten = Map.copyOf(handWritten);
        findings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(findings));
    }

    /** Compiles the packs and builds the KieBase; a DRL error stops with every message. */
    public static Knowledge build(List<EvidencePack> packs, Map<String, String> handWrittenRules) {
        List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
        for (EvidencePack pack : packs) {
            compiled.add(RuleCompiler.compile(pack));
        }
        return build(packs, compiled, handWrittenRules);
    }

    /**
     * The version the knowledge built from these rules has, known before any rule base is built: the packs'
     * ids and versions and a hash of all rule text (each pack's generated rules name its evidence hash).
     */
    public static String version(List<RuleCompiler.CompiledPack> compiled, Map<String, String> handWrittenRules) {
        StringBuilder all = new StringBuilder();
        StringBuilder label = new StringBuilder();
        for (RuleCompiler.CompiledPack c : compiled) {
            all.append(c.drl());
            label.append(label.length() == 0 ? "" : ",").append(c.packId()).append('@').append(c.packVersion());
        }
        new java.util.TreeMap<>(handWrittenRules).forEach((name, drl) -> all.append(name).append('\n').append(drl));
        return label + "+rules." + RuleCompiler.sha256(all.toString()).substring(0, 12);
    }

    /** Builds the rule base through {@link RuleBases#build}: the precompiled model when the build made one for these rules. */
    public static Knowledge build(List<EvidencePack> packs, List<RuleCompiler.CompiledPack> compiled, Map<String, String> handWrittenRules) {
        return build(packs, compiled, handWrittenRules, RuleBases::build);
    }

    /**
     * The rule files of a knowledge version, as the KIE file system holds them: each pack's generated rules in a
     * folder mirroring their DRL package (as Drools expects), then the hand-written rules.
     */
    public static RuleBases.RuleSet ruleSet(String version, List<RuleCompiler.CompiledPack> compiled, Map<String, String> handWrittenRules) {
        Map<String, String> files = new LinkedHashMap<>();
        for (RuleCompiler.CompiledPack c : compiled) {
            files.put("src/main/resources/org/evidencecds/rules/generated/" + c.packId().replace('-', '_') + "/" + c.fileName(), c.drl());
        }
        handWrittenRules.forEach((name, drl) -> files.put("src/main/resources/org/evidencecds/rules/assembly/" + name, drl));
        return new RuleBases.RuleSet("knowledge " + version, "org.evidencecds.knowledge", "kb", "1.0.0-" + version, files);
    }

    /** As {@link #build(List, List, Map)}, with the rule base built by {@code builder} (e.g. {@link RuleBases#compile}). */
    public static Knowledge build(List<EvidencePack> packs, List<RuleCompiler.CompiledPack> compiled, Map<String, String> handWrittenRules,
                                  java.util.function.Function<RuleBases.RuleSet, RuleBases.Built> builder) {
        Map<String, Finding> findings = new LinkedHashMap<>();
        for (RuleCompiler.CompiledPack c : compiled) {
            c.findings().forEach(f -> findings.put(f.id(), f));
        }
        String version = version(compiled, handWrittenRules);

        RuleBases.Built built = builder.apply(ruleSet(version, compiled, handWrittenRules));
        // sessions are reused (reset between evaluations) rather than built per evaluation
        KieSessionsPool sessions = built.base().newKieSessionsPool(Runtime.getRuntime().availableProcessors());
        return new Knowledge(version, packs, compiled, handWrittenRules, built.base(), built.how(), findings, sessions);
    }

    /** A stateless session for one evaluation, from the pool of sessions this knowledge keeps (thread-safe). */
    public StatelessKieSession session() {
        return sessions.newStatelessKieSession();
    }

    public Optional<Rule> rule(String name) {
        for (KiePackage p : base.getKiePackages()) {
            for (Rule r : p.getRules()) {
                if (r.getName().equals(name)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }

    public List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        for (KiePackage p : base.getKiePackages()) {
            out.addAll(p.getRules());
        }
        out.sort(java.util.Comparator.comparing(Rule::getName));
        return out;
    }

    /** Certainty and credibility of a finding, as compiled into its rule's metadata. */
    public org.evidencecds.certainty.Assessor.Assessment assessment(String findingId) {
        for (RuleCompiler.CompiledPack c : compiled) {
            var a = c.assessments().get(findingId);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    /** The ids of the packs, sorted. */
    public java.util.SortedSet<String> packIds() {
        return new java.util.TreeSet<>(packs.stream().map(EvidencePack::id).toList());
    }

    public Optional<RuleCompiler.CompiledPack> compiled(String packId) {
        return compiled.stream().filter(c -> c.packId().equals(packId)).findFirst();
    }

    public Optional<EvidencePack> pack(String id) {
        return packs.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** The DRL text of a rule's file (generated pack file or hand-written file). */
    public String drlOf(String ruleName) {
        for (RuleCompiler.CompiledPack c : compiled) {
            if (c.drl().contains("rule \"" + ruleName + "\"")) {
                return c.drl();
            }
        }
        Collection<String> hand = handWritten.values();
        return hand.stream().filter(d -> d.contains("rule \"" + ruleName + "\"")).findFirst().orElse(null);
    }
}
