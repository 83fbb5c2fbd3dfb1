package org.evidencecds.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.evidencecds.audit.AuditLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code audit verify}: walk the audit log's hash chain and name the first broken row. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "Verify or replay the audit log.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Replay.class})
final class AuditCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing subcommand (verify)");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Check the audit log's hash chain.",
                    "Exits with 1 and names the first broken row when the chain does not hold."})
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
            description = {"Re-evaluate a logged request and show what changed since.",
                    "The request (an evaluation or a trial screening) is evaluated under the knowledge and trial rules it was "
                            + "answered with, checking that the answer is byte-for-byte the one logged, and under the current ones."})
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
            org.evidencecds.audit.KnowledgeArchive archive = new org.evidencecds.audit.KnowledgeArchive(ds);
            org.evidencecds.rules.Knowledge then = archive.load(row.knowledgeVersion())
                    .orElseThrow(() -> new UsageException("knowledge " + row.knowledgeVersion() + " of row " + id + " is not in the archive"));
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            java.util.Map<String, Object> inputs = json.readValue(row.inputsJson(), new com.fasterxml.jackson.core.type.TypeReference<>() {
            });
            org.evidencecds.rules.Knowledge now = where.load();
            PrintWriter out = spec.commandLine().getOut();
            out.println("row " + id + " (" + row.channel() + ", " + row.recordedAt() + "), inputs " + row.inputsJson());
            java.util.List<String> changes;
            boolean same;
            if (row.channel().endsWith("screening")) {
                // {"trial": ..., "trialRules": ..., "profile": {...}}: the trial's rules as they ran come from the archive too
                String trial = (String) inputs.get("trial");
                String trialRules = (String) inputs.get("trialRules");
                org.evidencecds.profile.PatientProfile profile = org.evidencecds.profile.PatientProfile.of(map(inputs.get("profile")));
                org.evidencecds.screening.Screener thenScreener = archive.loadTrial(trialRules, then.packIds())
                        .orElseThrow(() -> new UsageException("trial rules " + trialRules + " of row " + id + " are not in the archive"));
                org.evidencecds.screening.Screener nowScreener = org.evidencecds.screening.Screener.load(where.evidence, where.rules, now.packIds());
                org.evidencecds.screening.ScreeningReport before = screening(thenScreener, then, trial, profile);
                same = AuditLog.digestOfJson(json, before).equals(row.outputDigest());
                if (nowScreener.trial(trial).isEmpty()) {
                    out.println("then: " + row.knowledgeVersion() + " and " + trialRules + " — replayed answer " + verdict(same));
                    out.println("now:  trial " + trial + " is no longer among the protocols");
                    return same ? 0 : 1;
                }
                org.evidencecds.screening.ScreeningReport after = screening(nowScreener, now, trial, profile);
                out.println("then: " + row.knowledgeVersion() + " and " + trialRules + " — replayed answer " + verdict(same));
                out.println("now:  " + now.version() + " and " + after.screening().rulesVersion());
                changes = new java.util.ArrayList<>(screeningChanges(before.screening(), after.screening()));
                changes.addAll(org.evidencecds.audit.ReportDiff.between(before.evidence(), after.evidence()));
            } else {
                // the profile itself, or {"profile": {...}, "packs": [...], ...} when packs were chosen or the
                // channel recorded more (CDS Hooks: what was read from the FHIR record)
                boolean scoped = inputs.get("profile") instanceof java.util.Map;
                org.evidencecds.profile.PatientProfile profile = org.evidencecds.profile.PatientProfile.of(scoped ? map(inputs.get("profile")) : inputs);
                java.util.Set<String> packs = scoped && inputs.get("packs") instanceof java.util.List<?> l
                        ? new java.util.TreeSet<>(l.stream().map(String::valueOf).toList()) : null;
                org.evidencecds.facade.EvidenceReport before = new org.evidencecds.facade.EvidenceFacade(then).evaluate(profile, packs);
                // the REST answer is compact unless the full view was asked for: either view's bytes may have been sent
                java.util.Optional<org.evidencecds.findings.AnswerView> sentView = new org.evidencecds.audit.AnswerWriter(json)
                        .viewWithDigest(before, row.outputDigest());
                same = sentView.isPresent();
                org.evidencecds.facade.EvidenceReport after = new org.evidencecds.facade.EvidenceFacade(now).evaluate(profile, packs);
                out.println("then: " + row.knowledgeVersion() + " — replayed answer " + verdict(same)
                        + sentView.map(v -> " (" + v.code() + " view)").orElse(""));
                out.println("now:  " + now.version());
                changes = org.evidencecds.audit.ReportDiff.between(before, after);
            }
            if (changes.isEmpty()) {
                out.println("no difference between then and now");
            } else {
                changes.forEach(c -> out.println("  " + c));
            }
            return same ? 0 : 1;
        }

        private static String verdict(boolean same) {
            return same ? "identical to the one logged (digest matches)" : "DIFFERS from the one logged (digest mismatch)";
        }

        @SuppressWarnings("unchecked")
        private static java.util.Map<String, Object> map(Object o) {
            return o instanceof java.util.Map<?, ?> m ? (java.util.Map<String, Object>) m : java.util.Map.of();
        }

        /** The screening and the evidence for the trial's pack, as the screening endpoints answer. */
        private static org.evidencecds.screening.ScreeningReport screening(org.evidencecds.screening.Screener screener,
                org.evidencecds.rules.Knowledge k, String trial, org.evidencecds.profile.PatientProfile profile) {
            return org.evidencecds.screening.ScreeningReport.of(screener, new org.evidencecds.facade.EvidenceFacade(k), trial, profile);
        }

        /** Verdict and criterion statuses that differ between two screenings of one candidate. */
        private static java.util.List<String> screeningChanges(org.evidencecds.screening.ScreeningResult a,
                                                               org.evidencecds.screening.ScreeningResult b) {
            java.util.List<String> out = new java.util.ArrayList<>();
            if (!a.verdict().equals(b.verdict())) {
                out.add("verdict: " + a.verdict() + " -> " + b.verdict());
            }
            java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
            a.criteria().forEach(c -> before.put(c.kind() + " " + c.id(), c.status() + " (" + c.condition() + ")"));
            java.util.Map<String, String> after = new java.util.LinkedHashMap<>();
            b.criteria().forEach(c -> after.put(c.kind() + " " + c.id(), c.status() + " (" + c.condition() + ")"));
            before.forEach((k, v) -> {
                String w = after.get(k);
                if (w == null) {
                    out.add("criterion " + k + ": " + v + " -> no longer in the protocol");
                } else if (!w.equals(v)) {
                    out.add("criterion " + k + ": " + v + " -> " + w);
                }
            });
            after.forEach((k, w) -> {
                if (!before.containsKey(k)) {
                    out.add("criterion " + k + ": new, " + w);
                }
            });
            return out;
        }
    }
}
