package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.evidencecds.audit.Provenance;
import org.evidencecds.rules.Knowledge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code provenance RULE_ID}: rule, finding, evidence rows, sources, and whether the evidence still matches. */
@Command(name = "provenance", mixinStandardHelpOptions = true,
        description = {"Print the chain of evidence behind a rule.",
                "The chain runs from the rule to its finding, the reported estimate or level definition, and the source's "
                        + "citation and locator (with recorded conflicts).",
                "It says whether the rule's evidence hash still matches the evidence on disk; the exit code is 1 when it does not."})
final class ProvenanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "RULE_ID", description = "rule name, e.g. dfu-cell-therapy/ulcer-healing/overall")
    String ruleId;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;


    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Override
    public Integer call() throws Exception {
        Knowledge k = where.load();
        Provenance.Chain chain = Provenance.of(k, ruleId, where.evidence).orElseThrow(() -> new UsageException(
                "no rule named \"" + ruleId + "\" in knowledge " + k.version() + " (list them with: compile, or see rules/)"));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(chain));
        } else {
            out.println("rule " + chain.rule() + "  (knowledge " + k.version() + ")");
            chain.metadata().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                    .forEach(e -> out.println("  @" + e.getKey() + " = " + e.getValue()));
            for (Provenance.Step step : chain.steps()) {
                out.println("-> " + step.what() + "  " + step.where());
                step.details().forEach((key, value) -> out.println("     " + key + ": " + value));
            }
            out.println("evidence check: " + chain.evidenceCheck());
            if (chain.drl() != null) {
                out.println("\n" + chain.drl());
            }
        }
        return chain.evidenceMatches() ? 0 : 1;
    }
}
