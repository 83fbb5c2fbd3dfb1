package org.evidencecds.synthesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.junit.jupiter.api.Test;

class SynthesisTest {

    private static final EvidencePack DFU = PackLoader.load(Path.of("evidence/dfu-cell-therapy"));

    @Test
    void aSliceTakesOnlyTheStudiesInItsLevel() {
        PooledFinding autologous = Synthesis.pool(DFU, "amputation", new Slice("cell-origin", "autologous"), SynthesisOptions.defaults());
        assertThat(autologous.studies()).containsExactly("Huang2005", "Mohammadzadeh2013");
        PooledFinding allogeneic = Synthesis.pool(DFU, "amputation", new Slice("cell-origin", "allogeneic"), SynthesisOptions.defaults());
        assertThat(allogeneic.studies()).containsExactly("Uzun2021");
        assertThat(allogeneic.exclusions()).anyMatch(x -> x.reason().equals("cell_origin is autologous, not allogeneic"));
        // Huang 2005 has ulcer area 2.7 cm²; the other amputation trials record none
        PooledFinding small = Synthesis.pool(DFU, "amputation", new Slice("ulcer-area", "lt-10-cm2"), SynthesisOptions.defaults());
        assertThat(small.studies()).containsExactly("Huang2005");
        assertThat(small.exclusions()).anyMatch(x -> x.reason().startsWith("ulcer_area_cm2 not recorded"));
        PooledFinding noStudyColumn = Synthesis.pool(DFU, "amputation", new Slice("dose-band", "medium-to-high"), SynthesisOptions.defaults());
        assertThat(noStudyColumn.isPooled()).isFalse();
        assertThat(noStudyColumn.warnings()).singleElement().asString().contains("no study value");
    }

    @Test
    void recomputingAPackCoversEveryOutcomeLevelAndLeaveOneOut() {
        PackSynthesis all = Synthesis.recompute(DFU, SynthesisOptions.defaults());
        assertThat(all.outcomes()).hasSize(DFU.outcomes().size());
        OutcomeSynthesis amputation = all.outcomes().stream().filter(o -> o.outcome().equals("amputation")).findFirst().orElseThrow();
        assertThat(amputation.overall().k()).isEqualTo(3);
        assertThat(amputation.leaveOneOut()).hasSize(3);
        assertThat(amputation.subgroups()).extracting(SubgroupSynthesis::dimension)
                .containsExactly("cell-type", "cell-origin", "route", "diabetes-duration", "ulcer-area", "ulcer-duration");
        SubgroupSynthesis origin = amputation.subgroups().get(1);
        assertThat(origin.test()).isNotNull();
        assertThat(origin.test().levels()).hasSize(2);
        // with one study in a level, its pooled OR is the study's own: Uzun 2021, 1/10 vs 2/10, OR = (1·8)/(9·2)
        assertThat(origin.levels().get(1).result().ratio()).isCloseTo((1.0 * 8) / (9 * 2), within(1e-12));
    }
}
