package org.evidencecds.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evidencecds.ebm.EvidenceExport;
import org.evidencecds.ebm.FhirR5;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.rules.Knowledge;
import org.hl7.fhir.r5.model.Bundle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code export --pack ID --format fhir-r5 --output FILE.json}: a pack as a FHIR R5 Bundle, as the server serves it. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write an evidence pack as a FHIR R5 Bundle.",
                "The Bundle is a collection in the EBM-on-FHIR form: an Evidence per finding with its statistic as printed, "
                        + "95%% CI and GRADE certainty, the EvidenceVariables, a Citation per source, an ArtifactAssessment per "
                        + "credibility rating and the study tables.",
                "It holds the same resources a server at --base serves (GET /fhir/Bundle/<pack>), written as pretty-printed JSON.",
                "An unknown pack or format exits with 2."})
final class ExportCommand implements Callable<Integer> {

    static final String FHIR_R5 = "fhir-r5";
    static final List<String> FORMATS = List.of(FHIR_R5);
    static final String DEFAULT_BASE = "http://localhost:8080/fhir";

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", paramLabel = "ID", required = true, description = "the pack to export, e.g. dfu-cell-therapy")
    String pack;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = FHIR_R5, description = "the format: fhir-r5, the only one (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--output", paramLabel = "FILE.json", required = true, description = "where to write the Bundle (replaced if it exists)")
    Path output;

    @Option(names = "--base", paramLabel = "URL", defaultValue = DEFAULT_BASE,
            description = "the FHIR base the resources' fullUrls are under (default: ${DEFAULT-VALUE})")
    String base;

    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Override
    public Integer call() {
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format: unknown format '" + org.evidencecds.profile.Quote.cut(format) + "' (known: "
                    + String.join(", ", FORMATS) + ")");
        }
        webUrl(base);
        Knowledge k = where.load();
        EvidencePack p = k.pack(pack).orElseThrow(() -> new UsageException("--pack: no evidence pack '" + org.evidencecds.profile.Quote.cut(pack)
                + "' in " + where.evidence + " (known: " + String.join(", ", k.packs().stream().map(EvidencePack::id).toList()) + ")"));
        Bundle bundle = EvidenceExport.bundle(k, p.id(), where.evidence, base);
        try {
            Files.writeString(output, FhirR5.json(bundle), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--output: cannot write " + output + " (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        spec.commandLine().getOut().println("wrote " + output + ": FHIR R5 Bundle of " + p.id() + " " + p.info().version() + ", "
                + counts(bundle) + " (knowledge " + k.version() + ")");
        return 0;
    }

    /** "57 resources: 1 Basic, 3 CodeSystem, ..." in the order the Bundle holds them. */
    static String counts(Bundle bundle) {
        Map<String, Integer> byType = new LinkedHashMap<>();
        bundle.getEntry().forEach(e -> byType.merge(e.getResource().fhirType(), 1, Integer::sum));
        return org.evidencecds.findings.EffectText.count(bundle.getEntry().size(), "resource", "resources") + ": "
                + String.join(", ", byType.entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).toList());
    }

    private static void webUrl(String value) {
        try {
            URI uri = new URI(value);
            if (uri.isAbsolute() && List.of("http", "https").contains(uri.getScheme()) && uri.getHost() != null) {
                return;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw new UsageException("--base: '" + org.evidencecds.profile.Quote.cut(value) + "' is not an http(s) URL");
    }
}
