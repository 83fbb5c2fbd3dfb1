package org.evidencecds.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.evidencecds.audit.Provenance;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With recomputeFindings, slices no review published a number for get a finding pooled from the rows. */
class RecomputedFindingsTest {

    @Test
    void slicesWithoutAPublishedEstimateArePooledFromTheStudyRows(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("mini-pack");
        Files.createDirectories(dir);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(Path.of("src/test/resources/packs/valid/mini-pack").resolve(name));
            if (name.equals(PackLoader.PACK_FILE)) {
                text = text.replace("review: rev\n", "review: rev\nrecomputeFindings: true\n");
            }
            Files.writeString(dir.resolve(name), text);
        }
        EvidencePack pack = PackLoader.load(dir);
        List<Finding> findings = Findings.of(pack);
        assertThat(findings.stream().filter(f -> f.origin() == Finding.Origin.RECOMPUTED)).extracting(Finding::id).containsExactly(
                "mini-pack/healing/ulcer-area/lt-10-cm2/recomputed",
                "mini-pack/healing-time/overall/recomputed",
                "mini-pack/healing-time/cell-origin/autologous/recomputed",
                "mini-pack/healing-time/ulcer-area/lt-10-cm2/recomputed");
        Finding time = findings.stream().filter(f -> f.id().equals("mini-pack/healing-time/overall/recomputed")).findFirst().orElseThrow();
        // one study (A2015: 31.0 ± 10.7 vs 54.8 ± 15.0, 20 per arm): MD = -23.8, se = sqrt(10.7²/20 + 15.0²/20)
        double se = Math.sqrt(10.7 * 10.7 / 20 + 15.0 * 15.0 / 20);
        assertThat(time.estimate()).isCloseTo(-23.8, within(1e-9));
        assertThat(time.ciLow()).isCloseTo(-23.8 - 1.959963984540054 * se, within(1e-9));
        assertThat(time.studyIds()).containsExactly("A2015");
        assertThat(time.k()).isEqualTo(1);

        Knowledge k = Knowledge.build(List.of(pack), Map.of());
        EvidenceReport.PackReport r = new EvidenceFacade(k).evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 5.0))).packs().get(0);
        assertThat(r.dimensions().get(0).evidence()).containsExactly("mini-pack/healing/ulcer-area/lt-10-cm2/recomputed",
                "mini-pack/healing-time/ulcer-area/lt-10-cm2/recomputed");
        assertThat(r.caveats()).anyMatch(c -> c.code().equals("recomputed") && c.text().contains("from 1 study of the pack (A2015)"));

        Provenance.Chain chain = Provenance.of(k, "mini-pack/healing-time/overall/recomputed", tmp).orElseThrow();
        assertThat(chain.steps()).extracting(Provenance.Step::what).containsExactly("finding", "study row", "source");
        assertThat(chain.steps().get(1).where()).isEqualTo("mini-pack/study_outcomes.csv:4");
        assertThat(chain.evidenceMatches()).isTrue();
        Files.writeString(dir.resolve("study_outcomes.csv"), Files.readString(dir.resolve("study_outcomes.csv")).replace("31.0,10.7", "30.0,10.7"));
        Provenance.Chain changed = Provenance.of(k, "mini-pack/healing-time/overall/recomputed", tmp).orElseThrow();
        assertThat(changed.evidenceMatches()).isFalse();
        assertThat(changed.evidenceCheck()).startsWith("CHANGED");
    }
}
