package org.evidencecds.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.evidencecds.bench.MetaBenchmarks;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code bench}: JMH, one forked JVM per benchmark (see {@link JmhFork}), 10 x 2 s warm-up and 5 x 2 s measured
 * by default: with 3 x 1 s in one shared JVM, three runs did not agree (see EvaluationBenchmarks); the uncached
 * rules path measured 409 then about 2,000 per second after 10 s of warm-up, so 20 s.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure how fast pooling, evaluation, screening and FHIR reading run.",
                "The figures are JMH results: microseconds per REML, DL and PM fit at k = 32 and per full recompute "
                        + "of a pack (all outcomes, all subgroup levels and tests, leave-one-out); evaluations per second "
                        + "from the facade's cache (hits only), from the rules afresh (uncached) and from the plain-Java "
                        + "baseline, with their ratios."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", paramLabel = "DIR", defaultValue = "evidence/dfu-cell-therapy", description = "pack folder to recompute (default: ${DEFAULT-VALUE})")
    Path pack;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "10",
            description = "warm-up iterations; the uncached rules path is still speeding up after 10 s (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "measured iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "2",
            description = "length of each warm-up and measured iteration in seconds (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--forks", paramLabel = "N", defaultValue = "1",
            description = "fresh JVMs per benchmark; 0 runs every benchmark in this JVM, quicker but one benchmark's "
                    + "JIT profile and garbage then colour the next one's figure (default: ${DEFAULT-VALUE})")
    int forks;

    @Option(names = "--threads", paramLabel = "N[,N...]", split = ",", defaultValue = "1,2",
            description = "thread counts for the evaluation benchmarks (default: ${DEFAULT-VALUE})")
    int[] threads;

    @Option(names = "--metafor-ms", paramLabel = "MS", defaultValue = "3.2",
            description = "metafor's time per REML fit at k = 32 for the ratio (default: ${DEFAULT-VALUE} ms, measured on these machines)")
    double metaforMs;

    @Option(names = "--evidence", paramLabel = "DIR", defaultValue = "evidence", description = "evidence folder for the evaluation benchmarks (default: ${DEFAULT-VALUE})")
    Path evidence;

    @Option(names = "--rules", paramLabel = "DIR", defaultValue = "rules", description = "rules folder (default: ${DEFAULT-VALUE})")
    Path rules;

    @Option(names = "--only", paramLabel = "meta|evaluation|screening|fhir", description = "run one group of benchmarks")
    String only;

    @Option(names = "--screening-rows", paramLabel = "N", defaultValue = "1000000",
            description = "rows of the generated registry for the batch screening benchmark (default: ${DEFAULT-VALUE})")
    long screeningRows;

    @Option(names = "--trial", paramLabel = "ID", defaultValue = "NCT06003530", description = "trial for the screening benchmark (default: ${DEFAULT-VALUE})")
    String trial;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (warmup < 0 || iterations < 1 || forks < 0 || !(seconds > 0) || java.util.Arrays.stream(threads).anyMatch(t -> t < 1)) {
            throw new UsageException("--warmup must be >= 0, --iterations >= 1, --seconds > 0, --forks >= 0 and --threads >= 1");
        }
        if (only == null || only.equals("meta")) {
            meta(out);
        }
        if (only == null || only.equals("evaluation")) {
            evaluation(out);
        }
        if (only == null || only.equals("screening")) {
            screening(out);
        }
        if (only == null || only.equals("fhir")) {
            fhir(out);
        }
        return 0;
    }

    /** Reading a FHIR record into a profile, as each CDS Hooks call does, by the number of Observations. */
    private void fhir(PrintWriter out) throws Exception {
        Options options = jmh(org.evidencecds.bench.FhirReadingBenchmarks.class, 1).build();
        out.println("JMH, 1 thread, " + setting() + ": FHIR record (Patient, 3 Conditions, n Observations) parsed and read into a profile:");
        for (RunResult r : run(options)) {
            double score = r.getPrimaryResult().getScore();
            out.printf(Locale.ROOT, "  %4s Observations: %,10.0f us per record%n", r.getParams().getParam("observations"), score);
        }
    }

    /** The whole batch path (read CSV, validate, Drools per row, write CSV) on a generated registry, disk to disk. */
    private void screening(PrintWriter out) throws Exception {
        if (screeningRows < 1) {
            throw new UsageException("--screening-rows must be >= 1");
        }
        var knowledge = org.evidencecds.rules.KnowledgeLoader.load(evidence, rules);
        var packIds = knowledge.packIds();
        Path dir = java.nio.file.Files.createTempDirectory("evidence-cds-bench");
        Path registry = dir.resolve("registry.csv");
        Path results = dir.resolve("results.csv");
        try {
            long t0 = System.nanoTime();
            org.evidencecds.bench.RegistryGenerator.write(registry, screeningRows, 42L);
            out.printf(Locale.ROOT, "Batch screening: generated a %,d-row registry (%,d MB) in %.1f s%n", screeningRows,
                    java.nio.file.Files.size(registry) >> 20, (System.nanoTime() - t0) / 1e9);
            Runtime rt = Runtime.getRuntime();
            int cores = rt.availableProcessors();
            for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                // a fresh screener each time: no decision is reused from the previous run
                var screener = org.evidencecds.screening.Screener.load(evidence, rules, packIds);
                var s = org.evidencecds.screening.BatchScreener.run(screener, trial, registry, results, null, threads);
                out.printf(Locale.ROOT, "  %s, %d worker thread%s: %,d rows in %.1f s = %,.0f rows/s (disk to disk; %,d eligible, %,d not eligible, "
                                + "%,d need information, %,d errors; %,d rule sessions, one per distinct decision)%n",
                        s.trial(), threads, threads == 1 ? "" : "s", s.rows(), s.seconds(), s.rowsPerSecond(), s.eligible(), s.notEligible(),
                        s.needsInformation(), s.errors(), screener.trial(trial).orElseThrow().decisions().size());
            }
            System.gc();
            out.printf(Locale.ROOT, "  heap after the runs: %,d MB used of a %,d MB maximum (memory does not grow with the rows: try -Xmx64m)%n",
                    (rt.totalMemory() - rt.freeMemory()) >> 20, rt.maxMemory() >> 20);
        } finally {
            java.nio.file.Files.deleteIfExists(registry);
            java.nio.file.Files.deleteIfExists(results);
            java.nio.file.Files.deleteIfExists(dir);
        }
    }

    private void evaluation(PrintWriter out) throws Exception {
        for (int n : threads) {
            Options options = jmh(org.evidencecds.bench.EvaluationBenchmarks.class, n)
                    .param("evidence", evidence.toString())
                    .param("rules", rules.toString())
                    .build();
            out.printf(Locale.ROOT, "JMH evaluations per second, %d thread%s, %s:%n", n, n == 1 ? "" : "s", setting());
            java.util.Map<String, Double> scores = new java.util.LinkedHashMap<>();
            for (RunResult r : run(options)) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                double score = r.getPrimaryResult().getScore();
                double error = r.getPrimaryResult().getScoreError();
                scores.put(name, score);
                out.printf(Locale.ROOT, "  %-13s %,14.0f ± %,.0f evaluations/s  %s%n", name, score, Double.isNaN(error) ? 0.0 : error,
                        EVALUATION_PATHS.getOrDefault(name, ""));
                // each measured iteration, so a figure that drifts (warm-up too short, a busy machine) shows
                StringBuilder each = new StringBuilder();
                r.getBenchmarkResults().forEach(b -> b.getIterationResults().forEach(
                        i -> each.append(String.format(Locale.ROOT, " %,.0f", i.getPrimaryResult().getScore()))));
                out.println("      iterations:" + each);
            }
            ratioLines(scores, n).forEach(out::println);
        }
    }

    /** What each evaluation benchmark measures, printed beside its figure. */
    private static final java.util.Map<String, String> EVALUATION_PATHS = java.util.Map.of(
            "cachedFacade", "(facade.decide, answer cache warm: hits only, 1,000 profiles)",
            "cachedReport", "(facade.evaluate, the full report, hits only)",
            "uncached", "(the rules afresh every call: a pooled Drools session, no cache)",
            "baseline", "(plain-Java ReferenceEvaluator, the same decisions)");

    /**
     * The ratios of one run, one line each, so they can be quoted as they stand: cached facade / baseline and
     * uncached / baseline (above 1: faster than the baseline), with the figures they come from.
     */
    static java.util.List<String> ratioLines(java.util.Map<String, Double> scores, int threads) {
        java.util.List<String> lines = new java.util.ArrayList<>();
        Double base = scores.get("baseline");
        if (base == null || !(base > 0)) {
            return lines;
        }
        String per = threads == 1 ? "1 thread" : threads + " threads";
        Double cached = scores.get("cachedFacade");
        if (cached != null) {
            lines.add(String.format(Locale.ROOT, "ratio, %s: cached facade / baseline = %.2f (%,.0f / %,.0f evaluations/s)",
                    per, cached / base, cached, base));
        }
        Double uncached = scores.get("uncached");
        if (uncached != null && uncached > 0) {
            lines.add(String.format(Locale.ROOT, "ratio, %s: uncached / baseline = %.3f (%,.0f / %,.0f evaluations/s; "
                    + "the baseline is %.1fx faster, goal: at most 3x)", per, uncached / base, uncached, base, base / uncached));
        }
        return lines;
    }

    /** The JMH settings every group shares: forks, warm-up and measured iterations, heap of the forks. */
    private org.openjdk.jmh.runner.options.ChainedOptionsBuilder jmh(Class<?> benchmarks, int threadCount) {
        TimeValue each = TimeValue.milliseconds(Math.max(1, Math.round(seconds * 1000)));
        return new OptionsBuilder()
                .include(benchmarks.getName() + "\\.")
                .forks(forks)
                // a fixed heap in each fork: no resizing during the measurement
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .warmupIterations(warmup).warmupTime(each)
                .measurementIterations(iterations).measurementTime(each)
                .threads(threadCount)
                .verbosity(VerboseMode.SILENT);
    }

    private Collection<RunResult> run(Options options) throws Exception {
        return forks == 0 ? new Runner(options).run() : JmhFork.withForkableClassPath(() -> new Runner(options).run());
    }

    private String setting() {
        return String.format(Locale.ROOT, "forks %d, %d x %s s warm-up, %d x %s s measured, Java %s", forks, warmup,
                trim(seconds), iterations, trim(seconds), System.getProperty("java.version"));
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private void meta(PrintWriter out) throws Exception {
        UsageException.requirePack(pack);
        Options options = jmh(MetaBenchmarks.class, 1).param("pack", pack.toString()).build();
        Collection<RunResult> results = run(options);
        out.println("JMH, 1 thread, " + setting());
        double reml = Double.NaN;
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            out.printf(Locale.ROOT, "%-20s %12.3f ± %.3f us/op%n", name, score, Double.isNaN(error) ? 0.0 : error);
            if (name.equals("remlFitK32")) {
                reml = score;
            }
        }
        if (!Double.isNaN(reml)) {
            out.printf(Locale.ROOT, "REML fit at k = 32: %.1fx faster than metafor's %.2f ms (target: 50x)%n",
                    metaforMs * 1000 / reml, metaforMs);
        }
    }
}
