package org.evidencecds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evidencecds.audit.KnowledgeArchive;
import org.evidencecds.audit.ReportDiff;
import org.evidencecds.evidence.CsvFile;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.profile.ProfileSchema;
import org.evidencecds.rules.Knowledge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code diff}: the profiles whose answer changes between two knowledge versions, before an update goes live. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"List the profiles whose answer changes between two knowledge versions.",
                "An answer changes when its protocol, subgroups, headline estimate, certainty or caveats do.",
                "The versions come from the archive; 'current' is the evidence and rules on disk.",
                "The profiles CSV has one column per profile field, named as in the API (e.g. ulcerAreaCm2, diabetesDurationYears)."})
final class DiffCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "VERSION", description = "knowledge version (or 'current')")
    String from;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "knowledge version (or 'current')")
    String to;

    @Option(names = "--profiles", required = true, paramLabel = "FILE.csv", description = "profiles, one per row")
    Path profiles;

    @Mixin
    AuditDatabase db = new AuditDatabase();

    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Override
    public Integer call() {
        CsvTable table = CsvTable.read(profiles);
        for (String column : table.header) {
            if (ProfileSchema.field(column).isEmpty()) {
                throw new UsageException(table.file + ":1: " + column + ": not a profile field (known: "
                        + String.join(", ", ProfileSchema.FIELDS.stream().map(f -> f.name()).toList()) + ")");
            }
        }
        KnowledgeArchive archive = new KnowledgeArchive(db.open());
        EvidenceFacade a = new EvidenceFacade(knowledge(archive, from));
        EvidenceFacade b = new EvidenceFacade(knowledge(archive, to));
        PrintWriter out = spec.commandLine().getOut();
        out.println("from " + a.knowledge().version() + " to " + b.knowledge().version());
        int changed = 0;
        for (CsvFile.Row row : table.rows) {
            Map<String, Object> values = new LinkedHashMap<>();
            row.cells().forEach((k, v) -> {
                if (!v.text().isBlank()) {
                    values.put(k, v.text().trim());
                }
            });
            PatientProfile profile;
            try {
                profile = PatientProfile.of(values);
            } catch (PatientProfile.InvalidProfileException e) {
                throw new UsageException(table.file + ":" + row.line() + ": " + e.getMessage());
            }
            List<String> changes = ReportDiff.between(a.evaluate(profile), b.evaluate(profile));
            if (!changes.isEmpty()) {
                changed++;
                // the profile in labels and units ("Ulcer area: 12 cm²"), never "ulcerAreaCm2=12.0"
                out.println("line " + row.line() + " (" + org.evidencecds.findings.EffectText.profile(profile.values()) + "):");
                changes.forEach(c -> out.println("  " + c));
            }
        }
        out.println(changed + " of " + table.rows.size() + " profiles change");
        return 0;
    }

    private Knowledge knowledge(KnowledgeArchive archive, String version) {
        if ("current".equals(version)) {
            return where.load();
        }
        return archive.load(version).orElseThrow(() -> new UsageException("knowledge version " + version
                + " is not in the archive (known: " + String.join(", ", archive.versions()) + ", or 'current')"));
    }
}
