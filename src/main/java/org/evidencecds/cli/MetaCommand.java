package org.evidencecds.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.evidencecds.evidence.CsvFile;
import org.evidencecds.meta.BinaryStudy;
import org.evidencecds.meta.ContinuousStudy;
import org.evidencecds.meta.DoubleZeroPolicy;
import org.evidencecds.meta.Egger;
import org.evidencecds.meta.EggerResult;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.EffectSizes;
import org.evidencecds.meta.LeaveOneOut;
import org.evidencecds.meta.Measure;
import org.evidencecds.meta.MetaAnalysis;
import org.evidencecds.meta.MetaOptions;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.meta.Method;
import org.evidencecds.meta.SubgroupResult;
import org.evidencecds.meta.SubgroupTest;
import org.evidencecds.meta.Subgroups;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code meta}: pool the studies of a CSV file and print the result as JSON. */
@Command(name = "meta", mixinStandardHelpOptions = true,
        description = {"Pool the studies of a CSV file and print the result as JSON.",
                "The CSV needs a 'study' column and either event_t, n_t, event_c, n_c (OR, RR) or mean_t, sd_t, n_t, "
                        + "mean_c, sd_c, n_c (MD, SMD); other columns are allowed.",
                "Ratio measures are on the log scale, with ratio, ratioCiLow and ratioCiHigh added."})
final class MetaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "FILE.csv", description = "CSV file with one row per study")
    Path input;

    @Option(names = "--measure", required = true, paramLabel = "OR|RR|MD|SMD", description = "effect measure: ${COMPLETION-CANDIDATES}")
    Measure measure;

    @Option(names = "--method", required = true, paramLabel = "FE|MH|DL|REML|PM", description = "pooling method: ${COMPLETION-CANDIDATES}")
    Method method;

    @Option(names = "--hksj", description = "Hartung-Knapp-Sidik-Jonkman adjustment (random effects only)")
    boolean hksj;

    @Option(names = "--subgroup", paramLabel = "COLUMN", description = "pool per level of this column and test for subgroup differences")
    String subgroup;

    @Option(names = "--leave-one-out", description = "add the result with each study left out in turn")
    boolean leaveOneOut;

    @Option(names = "--egger", description = "add Egger's regression test (classic and metafor's rma form)")
    boolean egger;

    @Option(names = "--drop-double-zero", description = "drop studies with no events (or only events) in both arms, as RevMan and R meta do; metafor keeps them")
    boolean dropDoubleZero;

    @Override
    public Integer call() throws Exception {
        CsvTable table = CsvTable.read(input);
        MetaOptions options;
        try {
            options = new MetaOptions(method, hksj, dropDoubleZero ? DoubleZeroPolicy.DROP : DoubleZeroPolicy.KEEP);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (method == Method.MH && !measure.isBinary()) {
            throw new UsageException("--method MH pools binary data only (--measure OR or RR), not " + measure);
        }
        if (subgroup != null) {
            table.require(subgroup);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        if (measure.isBinary()) {
            table.require("study", "event_t", "n_t", "event_c", "n_c");
            List<BinaryStudy> studies = new ArrayList<>();
            for (CsvFile.Row row : table.rows) {
                for (String arm : List.of("t", "c")) {
                    int n = positive(table, row, "n_" + arm);
                    int events = table.integer(row, "event_" + arm);
                    if (events < 0 || events > n) {
                        throw new UsageException(table.file + ":" + row.line() + ": event_" + arm + ": must be between 0 and n_"
                                + arm + " (" + n + "), found " + events);
                    }
                }
                studies.add(checked(table, row, () -> new BinaryStudy(table.text(row, "study"),
                        table.integer(row, "event_t"), table.integer(row, "n_t"),
                        table.integer(row, "event_c"), table.integer(row, "n_c"))));
            }
            requireStudies(table, studies.size());
            out.putAll(json(MetaAnalysis.binary(studies, measure, options)));
            if (subgroup != null) {
                addSubgroups(out, Subgroups.binary(studies, groups(table), measure, options));
            }
            if (leaveOneOut) {
                out.put("leaveOneOut", looJson(LeaveOneOut.binary(studies, measure, options)));
            }
            if (egger) {
                addEgger(out, EffectSizes.binary(studies, measure, options.doubleZero()), options);
            }
        } else {
            table.require("study", "mean_t", "sd_t", "n_t", "mean_c", "sd_c", "n_c");
            List<ContinuousStudy> studies = new ArrayList<>();
            for (CsvFile.Row row : table.rows) {
                for (String arm : List.of("t", "c")) {
                    positive(table, row, "n_" + arm);
                    double sd = table.number(row, "sd_" + arm);
                    if (!(sd > 0)) {
                        throw new UsageException(table.file + ":" + row.line() + ": sd_" + arm + ": must be > 0, found " + sd);
                    }
                }
                studies.add(checked(table, row, () -> new ContinuousStudy(table.text(row, "study"),
                        table.number(row, "mean_t"), table.number(row, "sd_t"), table.integer(row, "n_t"),
                        table.number(row, "mean_c"), table.number(row, "sd_c"), table.integer(row, "n_c"))));
            }
            requireStudies(table, studies.size());
            List<EffectSize> effects = EffectSizes.continuous(studies, measure);
            out.putAll(json(MetaAnalysis.fit(effects, measure, options)));
            if (subgroup != null) {
                addSubgroups(out, Subgroups.continuous(studies, groups(table), measure, options));
            }
            if (leaveOneOut) {
                out.put("leaveOneOut", looJson(LeaveOneOut.fit(effects, measure, options)));
            }
            if (egger) {
                addEgger(out, effects, options);
            }
        }
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        spec.commandLine().getOut().println(mapper.writeValueAsString(out));
        return 0;
    }

    private interface RowParser<T> {
        T parse();
    }

    /** Domain checks (events > total, sd <= 0 ...) reported with the file and line of the row. */
    private static <T> T checked(CsvTable table, CsvFile.Row row, RowParser<T> parser) {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new UsageException(table.file + ":" + row.line() + ": " + e.getMessage());
        }
    }

    private static int positive(CsvTable table, CsvFile.Row row, String column) {
        int n = table.integer(row, column);
        if (n <= 0) {
            throw new UsageException(table.file + ":" + row.line() + ": " + column + ": must be > 0, found " + n);
        }
        return n;
    }

    private static void requireStudies(CsvTable table, int k) {
        if (k == 0) {
            throw new UsageException(table.file + ": no study rows to pool");
        }
    }

    private List<String> groups(CsvTable table) {
        List<String> groups = new ArrayList<>();
        for (CsvFile.Row row : table.rows) {
            groups.add(table.text(row, subgroup));
        }
        return groups;
    }

    private void addSubgroups(Map<String, Object> out, SubgroupResult result) {
        List<Map<String, Object>> levels = new ArrayList<>();
        for (SubgroupResult.Level level : result.levels()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("level", level.level());
            m.putAll(json(level.result()));
            levels.add(m);
        }
        out.put("subgroups", levels);
        out.put("subgroupTest", testJson(result.mixedEffects()));
        out.put("subgroupTestSeparateTau2", testJson(result.separateTau2()));
    }

    private void addEgger(Map<String, Object> out, List<EffectSize> effects, MetaOptions options) {
        if (effects.size() < 3) {
            throw new UsageException("--egger needs at least 3 studies, the file has " + effects.size());
        }
        out.put("egger", eggerJson(Egger.classic(effects)));
        out.put("eggerRma", eggerJson(Egger.metaRegression(effects, options)));
    }

    static Map<String, Object> json(MetaResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("k", r.k());
        m.put("measure", r.measure().name());
        m.put("method", r.method().name() + (r.hksj() ? "+HKSJ" : ""));
        m.put("estimate", number(r.estimate()));
        m.put("se", number(r.se()));
        m.put("ciLow", number(r.ciLow()));
        m.put("ciHigh", number(r.ciHigh()));
        m.put("statName", r.statName());
        m.put("stat", number(r.stat()));
        m.put("statDf", number(r.statDf()));
        m.put("pValue", number(r.pValue()));
        m.put("tau2", number(r.tau2()));
        m.put("i2", number(r.i2()));
        m.put("i2FromQ", number(r.i2FromQ()));
        m.put("h2", number(r.h2()));
        m.put("q", number(r.q()));
        m.put("qDf", r.qDf());
        m.put("qPValue", number(r.qPValue()));
        m.put("piLow", number(r.piLow()));
        m.put("piHigh", number(r.piHigh()));
        m.put("piTLow", number(r.piTLow()));
        m.put("piTHigh", number(r.piTHigh()));
        m.put("piHtsLow", number(r.piHtsLow()));
        m.put("piHtsHigh", number(r.piHtsHigh()));
        if (r.measure().isRatio()) {
            m.put("ratio", number(r.ratio()));
            m.put("ratioCiLow", number(r.ratioCiLow()));
            m.put("ratioCiHigh", number(r.ratioCiHigh()));
            m.put("ratioPiLow", number(r.ratioPiLow()));
            m.put("ratioPiHigh", number(r.ratioPiHigh()));
        }
        m.put("studies", r.studies());
        m.put("weights", r.weightsPercent());
        return m;
    }

    private static List<Map<String, Object>> looJson(List<LeaveOneOut.Omitted> omitted) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (LeaveOneOut.Omitted o : omitted) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("study", o.study());
            m.put("estimate", number(o.result().estimate()));
            m.put("ciLow", number(o.result().ciLow()));
            m.put("ciHigh", number(o.result().ciHigh()));
            m.put("pValue", number(o.result().pValue()));
            m.put("tau2", number(o.result().tau2()));
            m.put("i2", number(o.result().i2()));
            m.put("q", number(o.result().q()));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> testJson(SubgroupTest t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", t.method());
        m.put("description", t.description());
        m.put("qBetween", number(t.statistic()));
        m.put("distribution", t.distribution());
        m.put("df", t.df());
        m.put("df2", number(t.df2()));
        m.put("pValue", number(t.pValue()));
        m.put("tau2", number(t.tau2()));
        return m;
    }

    private static Map<String, Object> eggerJson(EggerResult e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", e.model());
        m.put("k", e.k());
        m.put("intercept", number(e.intercept()));
        m.put("se", number(e.se()));
        m.put("stat", number(e.stat()));
        m.put("df", number(e.df()));
        m.put("pValue", number(e.pValue()));
        m.put("limitEstimate", number(e.limitEstimate()));
        m.put("note", "intercept = Egger's asymmetry coefficient (coefficient of sei; intercept of yi/sei on 1/sei)");
        return m;
    }

    /** JSON has no NaN: a value that does not exist for this fit is null. */
    static Double number(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
