package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.evidencecds.bench.ProfileGenerator;
import org.evidencecds.bench.ReferenceEvaluator;
import org.evidencecds.knowledge.EvidenceDirectory;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.junit.jupiter.api.Test;

/** Sessions are reused across evaluations: nothing of one evaluation may leak into the next, on any thread. */
class PooledSessionsTest {

    @Test
    void reusedSessionsDecideAsAFreshSessionWouldOnEveryThread() throws Exception {
        Knowledge knowledge = EvidenceDirectory.load(Path.of("evidence"), Path.of("rules")).knowledge();
        EvidenceFacade facade = new EvidenceFacade(knowledge);
        List<PatientProfile> profiles = new ProfileGenerator(knowledge.packs(), 11).generate(400);
        // the expected decisions from fresh sessions, one at a time
        List<ReferenceEvaluator.Decisions> expected = new ArrayList<>();
        for (PatientProfile p : profiles) {
            expected.add(ReferenceEvaluator.fromRules(fresh(knowledge, p)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ReferenceEvaluator.Decisions>>> runs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                runs.add(pool.submit(() -> profiles.stream().map(p -> ReferenceEvaluator.fromRules(facade.run(p))).toList()));
            }
            for (Future<List<ReferenceEvaluator.Decisions>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The rules on a session built for this evaluation alone (how every evaluation ran before sessions were pooled). */
    private static org.evidencecds.rules.Evaluation fresh(Knowledge k, PatientProfile profile) {
        org.evidencecds.rules.Evaluation evaluation = new org.evidencecds.rules.Evaluation();
        List<Object> facts = new ArrayList<>();
        facts.add(evaluation);
        k.packs().forEach(p -> facts.add(new org.evidencecds.rules.EvaluationScope(p.id())));
        facts.addAll(org.evidencecds.rules.ProfileFacts.of(profile,
                field -> k.packs().stream().anyMatch(p -> p.dimensions().stream().anyMatch(d -> field.equals(d.profileField())))));
        k.base().newStatelessKieSession().execute(facts);
        return evaluation;
    }
}
