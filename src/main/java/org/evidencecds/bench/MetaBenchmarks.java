package org.evidencecds.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.Measure;
import org.evidencecds.meta.MetaAnalysis;
import org.evidencecds.meta.MetaOptions;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.meta.Method;
import org.evidencecds.synthesis.PackSynthesis;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Microseconds per meta-analytic fit (k = 32) and per full recompute of an evidence pack. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class MetaBenchmarks {

    /** Evidence folder for the pack recompute (the bench command sets it from --evidence). */
    @Param("evidence/dfu-cell-therapy")
    public String pack;

    private List<EffectSize> k32;
    private EvidencePack evidencePack;
    private final MetaOptions reml = MetaOptions.of(Method.REML);
    private final MetaOptions dl = MetaOptions.of(Method.DL);
    private final MetaOptions pm = MetaOptions.of(Method.PM);

    @Setup
    public void setUp() {
        k32 = BenchData.k32();
        evidencePack = PackLoader.load(Path.of(pack));
    }

    @Benchmark
    public MetaResult remlFitK32() {
        return MetaAnalysis.fit(k32, Measure.OR, reml);
    }

    @Benchmark
    public MetaResult dlFitK32() {
        return MetaAnalysis.fit(k32, Measure.OR, dl);
    }

    @Benchmark
    public MetaResult pmFitK32() {
        return MetaAnalysis.fit(k32, Measure.OR, pm);
    }

    /** All outcomes, all subgroup levels with their tests, and leave-one-out, with REML. */
    @Benchmark
    public PackSynthesis fullPackRecompute() {
        return Synthesis.recompute(evidencePack, SynthesisOptions.defaults());
    }
}
