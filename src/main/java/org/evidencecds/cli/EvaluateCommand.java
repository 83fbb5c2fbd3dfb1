package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.concurrent.Callable;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.facade.TextReport;
import org.evidencecds.profile.PatientProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evaluate}: what the evidence says for one patient. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"What the evidence says for one patient: subgroup levels, protocol, estimates with their",
                "provenance, caveats and the rules that fired. Every input is optional."})
final class EvaluateCommand implements Callable<Integer>, ProfileOptions.TakesProfile {

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", paramLabel = "ID", description = "evaluate against this pack (repeatable; default: every pack that applies to the patient)")
    java.util.Set<String> packs;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Mixin
    AuditOptions auditing = new AuditOptions();

    @Mixin
    AuditDatabase db = new AuditDatabase();

    @Override
    public Integer call() throws Exception {
        auditing.check();
        PatientProfile profile = ProfileOptions.profile(spec);
        EvidenceFacade facade = new EvidenceFacade(where.load());
        if (packs != null) {
            for (String p : packs) {
                if (facade.knowledge().pack(p).isEmpty()) {
                    throw new UsageException("--pack: no evidence pack '" + p + "' (known: "
                            + String.join(", ", facade.knowledge().packs().stream().map(x -> x.id()).toList()) + ")");
                }
            }
        }
        EvidenceReport report = facade.evaluate(profile, packs);
        java.util.Map<String, Object> inputs = ProfileOptions.values(spec);
        // recorded before the answer is shown, as on every channel
        auditing.evaluation(db, facade.knowledge(), where.evidence, inputs, packs, report, spec.commandLine().getErr());
        if (json) {
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            spec.commandLine().getOut().print(TextReport.render(report));
        }
        return 0;
    }
}
