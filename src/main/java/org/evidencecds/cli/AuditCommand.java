package org.evidencecds.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.evidencecds.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code audit verify}: walk the audit log's hash chain and name the first broken row. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (verify)");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Walk the audit log's hash chain; exit 1 and name the first broken row when it does not hold."})
    static final class Verify implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Mixin
        AuditDatabase db = new AuditDatabase();

        @Override
        public Integer call() {
            AuditLog.Verification v = new AuditLog(db.open()).verify();
            PrintWriter out = spec.commandLine().getOut();
            if (v.ok()) {
                out.println("ok: " + v.rows() + " rows, the hash chain holds");
                return 0;
            }
            out.println("BROKEN: " + (v.firstBrokenId() == null ? "" : "row " + v.firstBrokenId() + ": ") + v.reason()
                    + " (" + v.rows() + " rows read)");
            return 1;
        }
    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = {"Re-evaluate a logged request under the knowledge version it was answered with (checking that",
                    "the answer is byte-for-byte the one logged) and under the current one, and show the differences."})
    static final class Replay implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.Parameters(paramLabel = "ID", description = "audit log row id")
        long id;

        @picocli.CommandLine.Mixin
        AuditDatabase db = new AuditDatabase();

        @picocli.CommandLine.Mixin
        KnowledgeOptions where = new KnowledgeOptions();

        @Override
        public Integer call() throws Exception {
            javax.sql.DataSource ds = db.open();
            AuditLog.Row row = new AuditLog(ds).row(id).orElseThrow(() -> new UsageException("no audit log row " + id));
            if (row.channel().endsWith("screening")) {
                throw new UsageException("row " + id + " is a trial screening (channel " + row.channel() + "): replay covers evidence "
                        + "evaluations only, because trial rules versions are not archived yet; its inputs are " + row.inputsJson());
            }
            org.evidencecds.rules.Knowledge then = new org.evidencecds.audit.KnowledgeArchive(ds).load(row.knowledgeVersion())
                    .orElseThrow(() -> new UsageException("knowledge " + row.knowledgeVersion() + " of row " + id + " is not in the archive"));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.Map<String, Object> inputs = json.readValue(row.inputsJson(), new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
            org.evidencecds.profile.PatientProfile profile = org.evidencecds.profile.PatientProfile.of(inputs);
            org.evidencecds.facade.EvidenceReport before = new org.evidencecds.facade.EvidenceFacade(then).evaluate(profile);
            boolean same = AuditLog.digest(json.writeValueAsString(before)).equals(row.outputDigest());
            org.evidencecds.rules.Knowledge now = where.load();
            org.evidencecds.facade.EvidenceReport after = new org.evidencecds.facade.EvidenceFacade(now).evaluate(profile);
            PrintWriter out = spec.commandLine().getOut();
            out.println("row " + id + " (" + row.channel() + ", " + row.recordedAt() + "), inputs " + row.inputsJson());
            out.println("then: " + row.knowledgeVersion() + " — replayed answer " + (same ? "identical to the one logged (digest matches)"
                    : "DIFFERS from the one logged (digest mismatch)"));
            out.println("now:  " + now.version());
            java.util.List<String> changes = org.evidencecds.audit.ReportDiff.between(before, after);
            if (changes.isEmpty()) {
                out.println("no difference between then and now");
            } else {
                changes.forEach(c -> out.println("  " + c));
            }
            return same ? 0 : 1;
        }
    }
}
