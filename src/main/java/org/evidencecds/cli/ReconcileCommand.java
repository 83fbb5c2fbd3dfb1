package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.meta.Method;
import org.evidencecds.reconcile.ReconciliationReport;
import org.evidencecds.reconcile.ReconciliationRow;
import org.evidencecds.reconcile.Reconciler;
import org.evidencecds.reconcile.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code reconcile}: every published estimate of a pack beside the value recomputed from its study rows. */
@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = {"Recompute every reported estimate of a pack from its study rows.",
                "Each published estimate is shown beside the recomputed value, with the number of trials (k) and "
                        + "participants (n) used and published, and a verdict: reproduced within rounding, differs, or not "
                        + "recomputable (with the data that are missing)."})
final class ReconcileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", required = true, paramLabel = "PACK_ID", description = "evidence pack id (its folder name)")
    String packId;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = "evidence", description = "evidence folder (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Option(names = "--method", paramLabel = "FE|MH|DL|REML|PM", defaultValue = "REML",
            description = "method when the review does not state its estimator (default: ${DEFAULT-VALUE})")
    Method method;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EvidencePack pack = PackLoader.load(UsageException.requirePack(evidence.resolve(packId)));
        ReconciliationReport report = Reconciler.reconcile(pack, method);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(toJson(report)));
        } else {
            printText(out, report);
        }
        return 0;
    }

    private static void printText(PrintWriter out, ReconciliationReport report) {
        out.printf("Reconciliation of %s %s (%s)%n", report.packId(), report.packVersion(), report.contentHash());
        out.printf("%d reported estimates: %d reproduced within rounding, %d differ, %d not recomputable%n%n",
                report.rows().size(), report.count(Verdict.REPRODUCED), report.count(Verdict.DIFFERS), report.count(Verdict.NOT_RECOMPUTABLE));
        for (ReconciliationRow r : report.rows()) {
            out.printf("%s  [%s]%n", r.estimateId(), r.verdict().words().toUpperCase(Locale.ROOT));
            out.printf("  outcome %s, slice %s%s%n", r.outcome() == null ? "(none named)" : r.outcome(), r.slice(),
                    r.measure() == null ? "" : ", " + r.measure());
            out.printf("  published:  %s%n", numbers(r.published(), true));
            if (r.recomputed() != null) {
                out.printf("  recomputed: %s  with %s from %s%n", numbers(r.recomputed(), false), r.method(), String.join(", ", r.studiesUsed()));
            }
            for (String reason : r.reasons()) {
                out.printf("    - %s%n", reason);
            }
            out.println();
        }
    }

    private static String numbers(ReconciliationRow.Numbers n, boolean asPrinted) {
        if (n.estimate() == null) {
            return "no number";
        }
        String ci = n.ciLow() == null ? "CI not given"
                : "95% CI " + fmt(n.ciLow(), asPrinted) + " to " + fmt(n.ciHigh(), asPrinted);
        return fmt(n.estimate(), asPrinted) + " (" + ci + "), k " + (n.k() == null ? "not given" : n.k())
                + ", n " + (n.n() == null ? "not given" : n.n());
    }

    /** Published numbers as a reader would write them; recomputed ones to 4 significant digits. */
    private static String fmt(Double d, boolean asPrinted) {
        return asPrinted ? java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString()
                : String.format(Locale.ROOT, "%.4g", d);
    }

    private static Map<String, Object> toJson(ReconciliationReport report) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pack", report.packId());
        m.put("version", report.packVersion());
        m.put("contentHash", report.contentHash());
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) {
            counts.put(v.name().toLowerCase(Locale.ROOT).replace('_', '-'), report.count(v));
        }
        m.put("counts", counts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ReconciliationRow r : report.rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("estimate", r.estimateId());
            row.put("outcome", r.outcome());
            row.put("slice", r.slice());
            row.put("measure", r.measure());
            row.put("published", r.published());
            row.put("recomputed", r.recomputed());
            row.put("method", r.method());
            row.put("studiesUsed", r.studiesUsed());
            row.put("verdict", r.verdict().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            row.put("reasons", r.reasons());
            rows.add(row);
        }
        m.put("rows", rows);
        return m;
    }
}
