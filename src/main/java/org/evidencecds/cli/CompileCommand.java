package org.evidencecds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleBases;
import org.evidencecds.rules.RuleCompiler;
import org.evidencecds.rules.RuleFiles;
import org.evidencecds.screening.CriteriaCompiler;
import org.evidencecds.screening.ProtocolLoader;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;
import org.evidencecds.screening.TrialRules;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code compile}: evidence packs to DRL under rules/generated, or check that the committed files are current. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Compile every evidence pack into Drools rules.",
                "The rules are written to rules/generated/<pack>.drl and built with the hand-written rules.",
                "With --check, nothing is written. The check also finds the precompiled rule models the jar was built with "
                        + "and proves that each one holds exactly the DRL these folders compile to.",
                "The exit code is 2 when rules/ is out of date, or when the default evidence and rules folders have rules without "
                        + "such a model (for other folders a missing model is only noted: those rules are compiled at start-up)."})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Option(names = "--check", description = "only check that rules/generated matches the evidence and that the jar's precompiled rule models match the rules")
    boolean check;

    @Override
    public Integer call() {
        List<EvidencePack> packs = PackLoader.loadAll(where.evidence);
        List<RuleCompiler.CompiledPack> compiled = new ArrayList<>();
        for (EvidencePack pack : packs) {
            compiled.add(RuleCompiler.compile(pack));
        }
        java.util.Set<String> packIds = new java.util.TreeSet<>(packs.stream().map(EvidencePack::id).toList());
        List<TrialProtocol> protocols = ProtocolLoader.loadAll(where.evidence, packIds);
        List<CriteriaCompiler.CompiledTrial> trials = protocols.stream().map(CriteriaCompiler::compile).toList();
        PrintWriter out = spec.commandLine().getOut();
        if (check) {
            List<String> stale = new ArrayList<>(RuleFiles.check(where.rules, compiled));
            stale.addAll(TrialRules.check(where.rules, trials));
            if (!stale.isEmpty()) {
                stale.forEach(s -> spec.commandLine().getErr().println("error: " + s));
                return 2;
            }
            out.println("ok: " + where.rules.resolve("generated") + " is up to date with " + where.evidence + " (" + org.evidencecds.findings.EffectText.count(compiled.size(), "pack", "packs") + ", "
                    + org.evidencecds.findings.EffectText.count(trials.size(), "trial protocol", "trial protocols") + ")");
            return checkModels(compiled, protocols, trials, out);
        }
        for (Path file : RuleFiles.write(where.rules, compiled)) {
            out.println("wrote " + file);
        }
        for (Path file : TrialRules.write(where.rules, trials)) {
            out.println("wrote " + file);
        }
        Knowledge k = Knowledge.build(packs, compiled, RuleFiles.handWritten(where.rules));
        out.println("knowledge version " + k.version() + " (" + k.rules().size() + " rules)");
        Screener screener = Screener.build(protocols, trials, TrialRules.handWritten(where.rules));
        for (TrialProtocol p : protocols) {
            out.println("trial " + screener.trial(p.id()).orElseThrow().rulesVersion() + " (" + p.criteria().size() + " screened criteria, "
                    + p.notScreened().size() + " for the investigator)");
        }
        return 0;
    }

    /**
     * Every rule set these folders build (the knowledge, each trial) must have its precompiled model on the classpath,
     * holding exactly its DRL; for other folders than the default ones a missing model is only noted (they are compiled
     * from DRL at start-up).
     */
    private int checkModels(List<RuleCompiler.CompiledPack> compiled, List<TrialProtocol> protocols, List<CriteriaCompiler.CompiledTrial> trials,
                            PrintWriter out) {
        java.util.Map<String, String> hand = RuleFiles.handWritten(where.rules);
        List<RuleBases.RuleSet> sets = new ArrayList<>();
        sets.add(Knowledge.ruleSet(Knowledge.version(compiled, hand), compiled, hand));
        sets.addAll(Screener.ruleSets(protocols, trials, TrialRules.handWritten(where.rules)));
        RuleBases.Index index = RuleBases.index();
        boolean bundled = same(where.evidence, KnowledgeOptions.DEFAULT_EVIDENCE) && same(where.rules, KnowledgeOptions.DEFAULT_RULES);
        boolean failed = false;
        for (RuleBases.RuleSet set : sets) {
            List<String> problems = index.problems(set);
            if (problems.isEmpty()) {
                out.println("ok: precompiled model " + set.key() + " holds the DRL of " + set.name());
            } else if (bundled) {
                problems.forEach(p -> spec.commandLine().getErr().println("error: " + p));
                failed = true;
            } else {
                problems.forEach(p -> out.println("note: " + p));
            }
        }
        if (index.location() != null && !failed) {
            out.println("ok: models listed in " + index.location() + " (built by Drools " + index.droolsVersion() + ")");
        }
        return failed ? 2 : 0;
    }

    private static boolean same(Path a, String b) {
        return a.toAbsolutePath().normalize().equals(Path.of(b).toAbsolutePath().normalize());
    }
}
