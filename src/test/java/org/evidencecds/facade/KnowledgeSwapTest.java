package org.evidencecds.facade;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.RuleFiles;
import org.junit.jupiter.api.Test;

/** Swapping knowledge while evaluations run: every report is entirely of one version. */
class KnowledgeSwapTest {

    @Test
    void noEvaluationSeesHalfOfTwoVersions() throws Exception {
        Map<String, String> hand = RuleFiles.handWritten(Path.of("rules"));
        Knowledge dfu = Knowledge.build(List.of(PackLoader.load(Path.of("evidence/dfu-cell-therapy"))), hand);
        Knowledge mini = Knowledge.build(List.of(PackLoader.load(Path.of("src/test/resources/packs/valid/mini-pack"))), hand);
        assertThat(dfu.version()).isNotEqualTo(mini.version());
        EvidenceFacade facade = new EvidenceFacade(dfu);
        PatientProfile profile = PatientProfile.of(Map.of("ulcerAreaCm2", 12.0, "diabetesDurationYears", 6.0));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Integer>> workers = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            workers.add(pool.submit(() -> {
                int checked = 0;
                for (int i = 0; i < 2000; i++) {
                    EvidenceReport r = facade.evaluate(profile);
                    String pack = r.packs().get(0).pack();
                    assertThat(r.packs()).hasSize(1);
                    assertThat(r.knowledgeVersion()).startsWith(pack + "@");
                    assertThat(r.packs().get(0).firedRules()).allSatisfy(f ->
                            assertThat(f.rule()).satisfiesAnyOf(n -> assertThat(n).startsWith(pack + "/"), n -> assertThat(n).startsWith("assembly/")));
                    checked++;
                }
                return checked;
            }));
        }
        Future<?> swapper = pool.submit(() -> {
            for (int i = 0; i < 500; i++) {
                facade.swap(i % 2 == 0 ? mini : dfu);
            }
        });
        swapper.get(60, TimeUnit.SECONDS);
        for (Future<Integer> w : workers) {
            assertThat(w.get(60, TimeUnit.SECONDS)).isEqualTo(2000);
        }
        pool.shutdown();
    }
}
