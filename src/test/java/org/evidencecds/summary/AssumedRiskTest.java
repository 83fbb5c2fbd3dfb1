package org.evidencecds.summary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.evidencecds.TestFiles;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.evidence.PackValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pack may declare a source's baseline risk for a binary outcome; absolute effects then assume it. */
class AssumedRiskTest {

    @TempDir
    Path tmp;

    EvidencePack miniPackWith(String baselineRisk) throws Exception {
        Path dir = tmp.resolve("mini-pack");
        TestFiles.copyTree(Path.of("src/test/resources/packs/valid/mini-pack"), dir);
        Path yaml = dir.resolve("pack.yaml");
        Files.writeString(yaml, Files.readString(yaml).replace("    benefit: higher\n", "    benefit: higher\n" + baselineRisk));
        return PackLoader.load(dir);
    }

    @Test
    void aDeclaredBaselineRiskComesBeforeThePooledControlArms() throws Exception {
        EvidencePack pack = miniPackWith("""
                    baselineRisk:
                      risk: 0.35
                      population: people with a chronic foot ulcer in a national registry
                      source: rev
                      locator: Table 2
                      snippet: "35% healed within 20 weeks with standard care"
                """);
        AssumedRisk assumed = AssumedRisk.forOutcome(pack, "healing").orElseThrow();
        assertThat(assumed.kind()).isEqualTo(AssumedRisk.Kind.PACK_DECLARED);
        assertThat(assumed.risk()).isEqualTo(0.35);
        assertThat(assumed.declared().valueText()).isEqualTo("0.35");
        assertThat(assumed.declared().locator()).isEqualTo("Table 2");
        // without one, the pooled control arms (the same rows Synthesis.pool would use)
        EvidencePack plain = PackLoader.load(Path.of("src/test/resources/packs/valid/mini-pack"));
        AssumedRisk pooled = AssumedRisk.forOutcome(plain, "healing").orElseThrow();
        assertThat(pooled.kind()).isEqualTo(AssumedRisk.Kind.POOLED_CONTROL_ARMS);
        assertThat(pooled.risk()).isEqualTo((double) pooled.events() / pooled.total());
    }

    @Test
    void aBaselineRiskThatIsNotAProportionIsRefusedWithItsPlace() {
        assertThatThrownBy(() -> miniPackWith("""
                    baselineRisk:
                      risk: 35
                      population: registry
                      source: nowhere
                      locator: Table 2
                      snippet: "35%"
                """)).isInstanceOf(PackValidationException.class)
                .satisfies(e -> assertThat(((PackValidationException) e).problems()).extracting(Object::toString).containsExactly(
                        "mini-pack/pack.yaml:31:13: baselineRisk.risk: must be a proportion between 0 and 1 (e.g. 0.35 for 35%), found 35.0",
                        "mini-pack/pack.yaml:33:15: baselineRisk.source: unknown source key \"nowhere\" (not in sources)"));
    }
}
