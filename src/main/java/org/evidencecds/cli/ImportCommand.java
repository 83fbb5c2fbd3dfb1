package org.evidencecds.cli;

import ca.uhn.fhir.parser.DataFormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.evidencecds.ebm.EvidenceImport;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.evidence.EvidencePack;
import org.hl7.fhir.r5.model.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code import}: a new evidence pack from an EBM-on-FHIR (R5) Bundle (docs/fhir-evidence.md). */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Write a new evidence pack from a FHIR R5 Bundle (EBM-on-FHIR).",
                "The Bundle's Evidence, EvidenceVariable and Citation resources become the pack's estimates, outcomes, "
                        + "dimensions and sources. The pack is checked as 'validate' checks it before it is put in place; "
                        + "an existing pack is never overwritten. Then run 'compile' to generate its rules."})
final class ImportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "the input's format: fhir-r5")
    String format;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "the Bundle, FHIR JSON")
    Path input;

    @Option(names = "--pack", required = true, paramLabel = "NEW_ID", description = "id of the new pack (its folder name)")
    String pack;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = "evidence", description = "evidence folder (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Override
    public Integer call() {
        if (!"fhir-r5".equals(format)) {
            throw new UsageException("--format: the only input format is fhir-r5, got '" + format + "'");
        }
        String json;
        try {
            json = Files.readString(input, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--input: cannot read " + input + " (" + e.getMessage() + ")");
        }
        Bundle bundle;
        try {
            bundle = FhirR5.parse(Bundle.class, json);
        } catch (DataFormatException | ClassCastException e) {
            throw new UsageException("--input: " + input + " is not a FHIR R5 Bundle in JSON: " + e.getMessage());
        }
        EvidencePack written;
        try {
            written = EvidenceImport.write(bundle, pack, evidence);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new UsageException(message.startsWith("pack:") ? "--" + message
                    : message.startsWith("input:") ? "--" + message : "--input: " + message);
        }
        spec.commandLine().getOut().printf("wrote %s %s in %s (%d sources, %d outcomes, %d dimensions, %d reported estimates, %d studies) %s%n",
                written.id(), written.info().version(), evidence.resolve(written.id()), written.sources().size(), written.outcomes().size(),
                written.dimensions().size(), written.reportedEstimates().size(), written.studies().size(), written.contentHash());
        spec.commandLine().getOut().printf("next: java -jar evidence-cds.jar compile --evidence %s (generates the new pack's rules)%n", evidence);
        return 0;
    }
}
