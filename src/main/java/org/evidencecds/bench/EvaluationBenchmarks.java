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
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/** Evaluations per second: the facade (rules' answers), a full report, Drools afresh, and the plain-Java baseline. */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EvaluationBenchmarks {

    @State(Scope.Benchmark)
    public static class Shared {
        @Param("evidence")
        public String evidence;

        @Param("rules")
        public String rules;

        EvidenceFacade facade;
        ReferenceEvaluator baseline;
        List<PatientProfile> profiles;

        @Setup
        public void setUp() {
            facade = new EvidenceFacade(KnowledgeLoader.load(Path.of(evidence), Path.of(rules)));
            baseline = new ReferenceEvaluator(PackLoader.loadAll(Path.of(evidence)));
            profiles = new ProfileGenerator(PackLoader.loadAll(Path.of(evidence)), 7L).generate(10_000);
        }
    }

    /** Each thread walks the profiles from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        PatientProfile next(Shared s) {
            PatientProfile p = s.profiles.get(next);
            next = next + 1 == s.profiles.size() ? 0 : next + 1;
            return p;
        }
    }

    @Benchmark
    public Evaluation facadeDecide(Shared s, Cursor c) {
        return s.facade.decide(c.next(s));
    }

    @Benchmark
    public EvidenceReport facadeReport(Shared s, Cursor c) {
        return s.facade.evaluate(c.next(s));
    }

    @Benchmark
    public Evaluation droolsAfresh(Shared s, Cursor c) {
        return s.facade.run(c.next(s));
    }

    @Benchmark
    public ReferenceEvaluator.Decisions baseline(Shared s, Cursor c) {
        return s.baseline.evaluate(c.next(s));
    }
}
