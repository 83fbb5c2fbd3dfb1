package org.evidencecds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.rules.Knowledge;
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
                "With --check, nothing is written, and the exit code is 2 when rules/ is out of date."})
final class CompileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;


    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Option(names = "--check", description = "only check that rules/generated matches the evidence")
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
            return 0;
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
}
