package org.evidencecds.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.meta.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReconcilerTest {

    private static final Path BCG = Path.of("src/test/resources/packs/reference/bcg-metan");

    /** A complete public data set: every published metan result is reproduced within its printed rounding. */
    @Test
    void completeStudySetReproducesEveryPublishedEstimate() {
        ReconciliationReport report = Reconciler.reconcile(PackLoader.load(BCG), Method.REML);
        assertThat(report.rows()).hasSize(4).allSatisfy(r -> {
            assertThat(r.verdict()).as(r.estimateId() + " " + r.reasons()).isEqualTo(Verdict.REPRODUCED);
            assertThat(r.recomputed().k()).isEqualTo(13);
        });
        ReconciliationRow rrDl = report.rows().get(0);
        assertThat(rrDl.method()).startsWith("DL (as stated");
        assertThat(rrDl.recomputed().estimate()).isCloseTo(0.4896, within(0.00005));
        assertThat(rrDl.recomputed().ciLow()).isCloseTo(0.3449, within(0.00005));
        assertThat(rrDl.recomputed().ciHigh()).isCloseTo(0.6950, within(0.00005));
        assertThat(rrDl.finding().result().tau2()).isCloseTo(0.3088, within(0.00005));
        assertThat(rrDl.finding().result().i2()).isCloseTo(92.1173, within(0.00005));
        assertThat(report.rows().get(3).method()).startsWith("FE (as stated");
    }

    /** The same data with one count changed no longer reproduces: the verdict can fail. */
    @Test
    void aChangedCountIsCaught(@TempDir Path tmp) throws IOException {
        Path copy = tmp.resolve("bcg-metan");
        Files.createDirectories(copy);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(BCG.resolve(name));
            if (name.equals(PackLoader.OUTCOMES_FILE)) {
                text = text.replace("T04-tb,T04,tuberculosis,TB positive cases,end of trial follow-up,patients,between-arms,mean,62,",
                        "T04-tb,T04,tuberculosis,TB positive cases,end of trial follow-up,patients,between-arms,mean,72,");
            }
            Files.writeString(copy.resolve(name), text);
        }
        ReconciliationReport report = Reconciler.reconcile(PackLoader.load(copy), Method.REML);
        assertThat(report.rows()).extracting(ReconciliationRow::verdict).containsOnly(Verdict.DIFFERS);
        assertThat(report.rows().get(0).reasons()).anyMatch(r -> r.startsWith("estimate differs: published 0.4896"));
    }

    @Test
    void theDfuPackSaysHonestlyWhatItCannotReproduce() {
        EvidencePack pack = PackLoader.load(Path.of("evidence/dfu-cell-therapy"));
        ReconciliationReport report = Reconciler.reconcile(pack, Method.REML);
        assertThat(report.rows()).hasSize(16);
        assertThat(report.count(Verdict.REPRODUCED)).isZero();

        ReconciliationRow healing = row(report, "healing-overall");
        assertThat(healing.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(healing.studiesUsed()).containsExactly("Huang2005", "Namgoong2022");
        // metafor: rma(escalc("OR", ai=c(14,8), n1i=c(18,10), ci=c(7,3), n2i=c(18,6)), method="REML")
        assertThat(healing.recomputed().estimate()).isCloseTo(4.997891033, within(1e-8));
        assertThat(healing.recomputed().ciLow()).isCloseTo(1.473584343, within(1e-8));
        assertThat(healing.recomputed().ciHigh()).isCloseTo(16.951126615, within(1e-7));
        assertThat(healing.reasons()).contains("model not stated; recomputed with REML",
                "not pooled: Zhang2016-ulcer-healing-18-months (design cct: the review pooled rct only)",
                "pooled rows mix units of analysis: [ulcers, patients]");

        ReconciliationRow amputation = row(report, "amputation-overall");
        assertThat(amputation.verdict()).isEqualTo(Verdict.DIFFERS);
        assertThat(amputation.studiesUsed()).containsExactly("Huang2005", "Mohammadzadeh2013", "Uzun2021");
        // metafor: rma(escalc("OR", ai=c(0,0,1), n1i=c(14,7,10), ci=c(5,7,2), n2i=c(14,14,10), add=1/2, to="only0"), method="REML")
        assertThat(amputation.recomputed().estimate()).isCloseTo(0.13935948812, within(1e-9));
        assertThat(amputation.reasons()).anyMatch(r -> r.startsWith("pooled rows report the outcome differently"));

        assertThat(row(report, "healing-time-overall").reasons())
                .contains("not pooled: Moon2019-healing-time-12-weeks (medians are not pooled as means)",
                        "not pooled: Uzun2021-healing-time-time-to-wound-closure (not reported: n_t, n_c)");
        assertThat(row(report, "healing-bm-msc").verdict()).isEqualTo(Verdict.NOT_RECOMPUTABLE);
        assertThat(row(report, "dose-high-amputation").reasons())
                .anyMatch(r -> r.contains("'high and very-high doses' has no published definition"));
        assertThat(row(report, "ulcer-area-large").reasons()).first().asString().startsWith("direction-only claim (larger-benefit)");
    }

    @Test
    void roundingComparisonUsesThePrintedDecimals() {
        List<String> reasons = new ArrayList<>();
        assertThat(Reconciler.compare("x", "6.90", 6.904999, reasons)).isTrue();
        assertThat(Reconciler.compare("x", "6.90", 6.895, reasons)).isTrue();
        assertThat(Reconciler.compare("x", "6.90", 6.905, reasons)).isFalse();
        assertThat(Reconciler.compare("x", "-16.83", -16.834, reasons)).isTrue();
        assertThat(Reconciler.compare("x", "0.4896", 0.48955, reasons)).isTrue();
        assertThat(Reconciler.compare("x", null, 1.0, reasons)).isTrue();
        assertThat(reasons).containsExactly("x differs: published 6.90, recomputed 6.91 (6.90500)");
    }

    private static ReconciliationRow row(ReconciliationReport report, String id) {
        return report.rows().stream().filter(r -> r.estimateId().equals(id)).findFirst().orElseThrow();
    }
}
