package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.facade.TextReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.screening.BatchScreener;
import org.evidencecds.screening.ScreeningReport;
import org.evidencecds.screening.ScreeningResult;
import org.evidencecds.screening.ScreeningText;
import org.evidencecds.screening.Screener;
import org.evidencecds.screening.TrialProtocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code screen}: trial eligibility pre-screening, one candidate or a whole registry CSV. */
@Command(name = "screen", mixinStandardHelpOptions = true,
        description = {"Screen a candidate against a trial protocol.",
                "The protocols are evidence/trials/<ID>.yaml. Each criterion is met, not met or unknown, with the input that "
                        + "decided it; then the overall verdict and the evidence that applies.",
                "With --input, every row of a registry CSV (header: profile field names, optional id column) is screened into "
                        + "--output, one result row per input row, and the attrition per criterion is printed.",
                "Exit status: 0 eligible or batch done, 3 not eligible, 4 needs information, 2 bad input."})
final class ScreenCommand implements Callable<Integer>, ProfileOptions.TakesProfile {

    @Spec
    CommandSpec spec;

    @Option(names = "--trial", paramLabel = "ID", description = "trial protocol id (see --list)")
    String trial;

    @Option(names = "--list", description = "list the trial protocols and exit")
    boolean list;

    @Option(names = "--input", paramLabel = "FILE.csv", description = "registry CSV to screen (batch mode)")
    Path input;

    @Option(names = "--output", paramLabel = "FILE.csv", description = "where to write the batch results")
    Path output;

    @Option(names = "--progress", paramLabel = "WHEN", defaultValue = "auto",
            description = "progress bar on standard error: auto (on a terminal), always or never (default: ${DEFAULT-VALUE})")
    String progress;

    @Option(names = "--threads", paramLabel = "N", description = "worker threads for a registry (default: the number of cores)")
    Integer threads;

    @Option(names = "--json", description = "print JSON instead of text (single candidate)")
    boolean json;

    @Option(names = "--no-evidence", description = "leave out the applicable evidence (single candidate)")
    boolean noEvidence;

    @Mixin
    KnowledgeOptions where = new KnowledgeOptions();

    @Mixin
    AuditOptions auditing = new AuditOptions();

    @Mixin
    AuditDatabase db = new AuditDatabase();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Knowledge knowledge = where.load();
        Screener screener = Screener.load(where.evidence, where.rules,
                knowledge.packIds());
        if (list) {
            for (TrialProtocol p : screener.protocols()) {
                out.printf(Locale.ROOT, "%-14s %s (%s %s; %s checked here, %s for the investigator; %s)%n", p.id(), p.title(), p.registry(),
                        p.registryId(), org.evidencecds.profile.FieldText.count(p.criteria().size(), "criterion", "criteria"),
                        org.evidencecds.profile.FieldText.count(p.notScreened().size(), "criterion", "criteria"),
                        ScreeningText.transcription(p.status(), p.verification()));
            }
            return 0;
        }
        if (trial == null) {
            throw new UsageException("--trial is required (known: " + String.join(", ", screener.protocols().stream().map(TrialProtocol::id).toList()) + ")");
        }
        if (screener.trial(trial).isEmpty()) {
            throw new UsageException("--trial: no trial protocol '" + trial + "' (known: "
                    + String.join(", ", screener.protocols().stream().map(TrialProtocol::id).toList()) + ")");
        }
        auditing.check();
        if (input != null || output != null) {
            if (auditing.audit) {
                throw new UsageException("--audit records one candidate; batch runs are not audited row by row (the output file is the record)");
            }
            return batch(screener, out);
        }
        PatientProfile profile = ProfileOptions.profile(spec);
        ScreeningReport full = ScreeningReport.of(screener, new EvidenceFacade(knowledge), trial, profile);
        ScreeningResult result = full.screening();
        java.util.Map<String, Object> inputs = ProfileOptions.values(spec);
        // recorded before the answer is shown, as on every channel; the record always holds the evidence
        // (as the web answers do), so that a replay can reproduce it, whatever is shown here
        auditing.screening(db, knowledge, where.evidence, screener, inputs, full, spec.commandLine().getErr());
        EvidenceReport evidence = noEvidence ? null : full.evidence();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(new ScreeningReport(result, evidence)));
        } else {
            out.print(ScreeningText.render(result));
            if (evidence != null) {
                out.println("\n---- Applicable evidence ----");
                out.print(TextReport.render(evidence));
            }
        }
        out.flush();
        return switch (result.verdict()) {
            case "eligible" -> 0;
            case "not-eligible" -> 3;
            default -> 4;
        };
    }

    private int batch(Screener screener, PrintWriter out) throws Exception {
        if (input == null || output == null) {
            throw new UsageException("batch screening needs both --input FILE.csv and --output FILE.csv");
        }
        if (!ProfileOptions.values(spec).isEmpty()) {
            throw new UsageException("give either profile options (one candidate) or --input (a registry), not both");
        }
        if (!java.nio.file.Files.isRegularFile(input)) {
            throw new UsageException("--input: no such file: " + input);
        }
        boolean show = switch (progress) {
            case "always" -> true;
            case "never" -> false;
            case "auto" -> System.console() != null;
            default -> throw new UsageException("--progress: must be auto, always or never, got '" + progress + "'");
        };
        PrintWriter err = spec.commandLine().getErr();
        ProgressBar bar = show ? new ProgressBar(err) : null;
        int workers = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (workers < 1) {
            throw new UsageException("--threads must be at least 1, got " + workers);
        }
        BatchScreener.Summary s = BatchScreener.run(screener, trial, input, output, bar, workers);
        out.printf(Locale.ROOT, "Screened %,d rows against %s (rules %s) in %.1f s: %,.0f rows/s%n", s.rows(), s.trial(), s.rulesVersion(),
                s.seconds(), s.rowsPerSecond());
        out.printf(Locale.ROOT, "  eligible %,d · not eligible %,d · needs information %,d · rows with errors %,d (see the error column)%n",
                s.eligible(), s.notEligible(), s.needsInformation(), s.errors());
        long screened = s.rows() - s.errors();
        out.printf(Locale.ROOT, "%nAttrition per criterion (of %,d screened rows; rows with errors left out)%n", screened);
        out.printf(Locale.ROOT, "  %-9s %-16s %12s %12s %16s%n", "kind", "criterion", "rules out", "undecided", "left after it");
        for (BatchScreener.Attrition a : s.attrition()) {
            out.printf(Locale.ROOT, "  %-9s %-16s %,12d %,12d %,16d%n", a.kind(), a.criterion(), a.excludedByIt(), a.unknown(), a.remainingAfter());
        }
        out.println("'rules out' counts each criterion on its own; 'left after it' applies the criteria in order (a row leaves at the first that rules it out).");
        out.println("Results: " + output);
        return 0;
    }

    /** A one-line progress bar with rate and ETA, redrawn in place at most every 200 ms. */
    static final class ProgressBar implements BatchScreener.Progress {
        private final PrintWriter err;
        private final long start = System.nanoTime();
        private long lastDraw;

        ProgressBar(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void update(long rows, long bytesRead, long totalBytes, boolean done) {
            long now = System.nanoTime();
            if (!done && now - lastDraw < 200_000_000L) {
                return;
            }
            lastDraw = now;
            double seconds = Math.max((now - start) / 1e9, 1e-9);
            double fraction = totalBytes == 0 ? 1 : Math.min(1, (double) bytesRead / totalBytes);
            int width = 30;
            int filled = (int) Math.round(fraction * width);
            double eta = fraction <= 0 ? 0 : seconds * (1 - fraction) / fraction;
            err.print(String.format(Locale.ROOT, "\r[%s%s] %3.0f%% %,d rows %,.0f rows/s ETA %s   ", "#".repeat(filled), ".".repeat(width - filled),
                    fraction * 100, rows, rows / seconds, done ? "0:00" : clock(eta)));
            if (done) {
                err.println();
            }
            err.flush();
        }

        static String clock(double seconds) {
            long s = Math.round(seconds);
            return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60)
                    : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
        }
    }
}
