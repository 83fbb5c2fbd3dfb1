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
        description = {"Say what the evidence shows for one patient.",
                "The report gives the patient's subgroups, the protocol, the estimates with their provenance, the caveats "
                        + "and the rules that fired.",
                "Every input is optional."})
final class EvaluateCommand implements Callable<Integer>, ProfileOptions.TakesProfile {

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", paramLabel = "ID", description = "evaluate against this pack (repeatable; default: every pack that applies to the patient)")
    java.util.Set<String> packs;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Option(names = "--fhir-bundle", paramLabel = "FILE", description = "read the profile from a FHIR R4 Bundle (Synthea output, an EHR export) "
            + "by the same rules as CDS Hooks; profile options given too override what was read")
    java.nio.file.Path fhirBundle;

    @Option(names = "--patient-id", paramLabel = "ID", description = "with --fhir-bundle: the patient (default: the Bundle's only Patient)")
    String patientId;

    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "with --fhir-bundle: the day durations and ages are counted to (default: today, UTC)")
    java.time.LocalDate today;

    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Mixin
    AuditOptions auditing = new AuditOptions();

    @Mixin
    AuditDatabase db = new AuditDatabase();

    @Override
    public Integer call() throws Exception {
        auditing.check();
        java.util.Map<String, Object> inputs = new java.util.LinkedHashMap<>();
        org.evidencecds.fhir.FhirReading reading = null;
        if (fhirBundle != null) {
            reading = FhirBundleInput.read(fhirBundle, patientId, today == null ? java.time.LocalDate.now(java.time.ZoneOffset.UTC) : today);
            inputs.putAll(reading.values());
        } else if (patientId != null || today != null) {
            throw new UsageException((patientId != null ? "--patient-id" : "--today") + ": only with --fhir-bundle");
        }
        inputs.putAll(ProfileOptions.values(spec));
        PatientProfile profile = PatientProfile.of(inputs);
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
        // recorded before the answer is shown, as on every channel
        auditing.evaluation(db, facade.knowledge(), where.evidence, inputs, packs, report, spec.commandLine().getErr());
        if (json) {
            Object shown = report;
            if (reading != null) {
                java.util.Map<String, Object> both = new java.util.LinkedHashMap<>();
                both.put("fhir", reading.summary());
                both.put("report", report);
                shown = both;
            }
            spec.commandLine().getOut().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(shown));
        } else {
            if (reading != null) {
                FhirBundleInput.print(reading, fhirBundle, spec.commandLine().getOut());
            }
            spec.commandLine().getOut().print(TextReport.render(report));
        }
        return 0;
    }
}
