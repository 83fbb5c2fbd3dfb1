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
 * {@code bench}: JMH in this process (the fat jar cannot be forked by JMH's launcher, so forks = 0, one
 * warm JVM) measuring µs per fit at k = 32 and per full recompute of a pack.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure how fast pooling, evaluation, screening and FHIR reading run.",
                "The figures are JMH average times: microseconds per REML, DL and PM fit at k = 32, and per full recompute "
                        + "of a pack (all outcomes, all subgroup levels and tests, leave-one-out)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--pack", paramLabel = "DIR", defaultValue = "evidence/dfu-cell-therapy", description = "pack folder to recompute (default: ${DEFAULT-VALUE})")
    Path pack;

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "3", description = "warm-up iterations of 1 s (default: ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "5", description = "measured iterations of 1 s (default: ${DEFAULT-VALUE})")
    int iterations;

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
        Options options = new OptionsBuilder()
                .include(org.evidencecds.bench.FhirReadingBenchmarks.class.getName())
                .forks(0)
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .verbosity(VerboseMode.SILENT)
                .build();
        out.println("JMH, 1 thread: FHIR record (Patient, 3 Conditions, n Observations) parsed and read into a profile:");
        for (RunResult r : new Runner(options).run()) {
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
        java.util.Map<String, Double> perThreads = new java.util.LinkedHashMap<>();
        for (int threads : new int[] {1, 2}) {
            Options options = new OptionsBuilder()
                    .include(org.evidencecds.bench.EvaluationBenchmarks.class.getName())
                    .param("evidence", evidence.toString())
                    .param("rules", rules.toString())
                    .forks(0)
                    .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                    .threads(threads)
                    .verbosity(VerboseMode.SILENT)
                    .build();
            out.printf("JMH evaluations per second, %d thread%s, 10,000 generated profiles:%n", threads, threads == 1 ? "" : "s");
            for (RunResult r : new Runner(options).run()) {
                String name = r.getParams().getBenchmark();
                name = name.substring(name.lastIndexOf('.') + 1);
                double score = r.getPrimaryResult().getScore();
                perThreads.put(name + "@" + threads, score);
                out.printf(Locale.ROOT, "  %-14s %,14.0f evaluations/s%n", name, score);
            }
        }
        Double facade = perThreads.get("facadeDecide@2");
        Double base = perThreads.get("baseline@2");
        if (facade != null && base != null) {
            out.printf(Locale.ROOT, "both cores: facade %,.0f/s vs baseline %,.0f/s: baseline/facade = %.2f (goal: facade >= 1,000,000/s and ratio <= 3)%n",
                    facade, base, base / facade);
        }
    }

    private void meta(PrintWriter out) throws Exception {
        UsageException.requirePack(pack);
        if (warmup < 0 || iterations < 1) {
            throw new UsageException("--warmup must be >= 0 and --iterations >= 1");
        }
        Options options = new OptionsBuilder()
                .include(MetaBenchmarks.class.getName())
                .param("pack", pack.toString())
                .forks(0)
                .warmupIterations(warmup).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1))
                .threads(1)
                .verbosity(VerboseMode.SILENT)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        out.printf("JMH, 1 thread, forks 0, %d x 1 s warm-up, %d x 1 s measured, Java %s%n", warmup, iterations,
                System.getProperty("java.version"));
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
