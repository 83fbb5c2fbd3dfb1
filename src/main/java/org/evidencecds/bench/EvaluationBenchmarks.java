package org.evidencecds.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Evaluation;
import org.evidencecds.rules.KnowledgeLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Evaluations per second on three paths that must not be mixed in one figure:
 * <ul>
 * <li>{@code cachedFacade} / {@code cachedReport}: the facade answering from its cache, every call a hit.
 * The cache is filled in the set-up, before any warm-up. It used to be filled by the measured calls themselves
 * (10,000 distinct profiles, about 0.4 ms per miss), so a figure was some unknown mix of misses and hits
 * depending on how far warm-up got on a busy machine: 1,019 to 1,267,162 per second between two runs.</li>
 * <li>{@code uncached}: the rules afresh for every call ({@link EvidenceFacade#run}: a pooled Drools session,
 * no answer reused), the cost of a miss without the report.</li>
 * <li>{@code baseline}: the plain-Java {@link ReferenceEvaluator} making the same decisions.</li>
 * </ul>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EvaluationBenchmarks {

    /** Distinct profiles the cached benchmarks cycle through. */
    static final int CACHED_PROFILES = 1_000;

    /**
     * The warm facade's cache bound: large enough to hold the answers of all {@link #CACHED_PROFILES} (about
     * 900 classes of equivalent profiles, about 360 KB each as weighed), so the figure stays "hits only".
     * The default bound (64 MiB) holds about 180 of them: with it the benchmark measured mostly misses.
     */
    static final org.evidencecds.cache.CacheLimits WARM_LIMITS = new org.evidencecds.cache.CacheLimits(100_000, 1L << 30);

    /** Generated profiles (fixed seed): the same list in every fork and every run. */
    @State(Scope.Benchmark)
    public static class Profiles {
        @Param("evidence")
        public String evidence;

        @Param("rules")
        public String rules;

        List<PatientProfile> all;
        List<PatientProfile> cached;

        @Setup(Level.Trial)
        public void setUp() {
            all = new ProfileGenerator(PackLoader.loadAll(Path.of(evidence)), 7L).generate(10_000);
            cached = all.subList(0, CACHED_PROFILES);
        }
    }

    /** A facade whose cache already holds the answer for every profile the cached benchmarks ask about. */
    @State(Scope.Benchmark)
    public static class WarmFacade {
        EvidenceFacade facade;

        @Setup(Level.Trial)
        public void setUp(Profiles p) {
            facade = new EvidenceFacade(KnowledgeLoader.load(Path.of(p.evidence), Path.of(p.rules)), WARM_LIMITS);
            // decide() and evaluate() share the answer cache for profiles inside every population;
            // evaluate() keeps the others in its scoped cache, so both are filled
            facade.decideAll(p.cached);
            for (PatientProfile profile : p.cached) {
                facade.evaluate(profile);
            }
        }
    }

    /** A facade used only for {@link EvidenceFacade#run}, which never reads or fills the cache. */
    @State(Scope.Benchmark)
    public static class Rules {
        EvidenceFacade facade;

        @Setup(Level.Trial)
        public void setUp(Profiles p) {
            facade = new EvidenceFacade(KnowledgeLoader.load(Path.of(p.evidence), Path.of(p.rules)));
        }
    }

    @State(Scope.Benchmark)
    public static class Baseline {
        ReferenceEvaluator evaluator;

        @Setup(Level.Trial)
        public void setUp(Profiles p) {
            evaluator = new ReferenceEvaluator(PackLoader.loadAll(Path.of(p.evidence)));
        }
    }

    /** Each thread walks the profiles from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        PatientProfile next(List<PatientProfile> profiles) {
            PatientProfile p = profiles.get(next);
            next = next + 1 == profiles.size() ? 0 : next + 1;
            return p;
        }
    }

    @Benchmark
    public Evaluation cachedFacade(Profiles p, WarmFacade f, Cursor c) {
        return f.facade.decide(c.next(p.cached));
    }

    @Benchmark
    public EvidenceReport cachedReport(Profiles p, WarmFacade f, Cursor c) {
        return f.facade.evaluate(c.next(p.cached));
    }

    @Benchmark
    public Evaluation uncached(Profiles p, Rules r, Cursor c) {
        return r.facade.run(c.next(p.all));
    }

    @Benchmark
    public ReferenceEvaluator.Decisions baseline(Profiles p, Baseline b, Cursor c) {
        return b.evaluator.evaluate(c.next(p.all));
    }
}
