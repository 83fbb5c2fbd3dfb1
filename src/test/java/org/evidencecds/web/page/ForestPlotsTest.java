package org.evidencecds.web.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.PackLoader;
import org.evidencecds.facade.EvidenceFacade;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.profile.PatientProfile;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.rules.KnowledgeLoader;
import org.evidencecds.web.page.ForestPlotView.Kind;
import org.evidencecds.web.page.ForestPlotView.Label;
import org.evidencecds.web.page.ForestPlotView.Row;
import org.evidencecds.web.page.ForestPlotView.Scale;
import org.evidencecds.web.page.ForestPlotView.Tick;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The forest plots' geometry, from the bundled knowledge: one plot per outcome, one shared axis, readable sides. */
class ForestPlotsTest {

    private static EvidenceFacade facade;

    @BeforeAll
    static void load() {
        facade = new EvidenceFacade(KnowledgeLoader.load(Path.of("evidence"), Path.of("rules")));
    }

    /** The issue's patient: ulcer area 12 cm², diabetes 6 years, ulcer 250 days. */
    static EvidenceReport issuePatient(EvidenceFacade facade) {
        return facade.evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 12, "diabetesDurationYears", 6, "ulcerDurationDays", 250,
                "footUlcer", "yes")));
    }

    static EvidenceReport.PackReport pack(EvidenceReport r, String id) {
        return r.packs().stream().filter(p -> p.pack().equals(id)).findFirst().orElseThrow();
    }

    static ForestPlotView plot(EvidenceFacade facade, EvidenceReport r, String pack, String outcome) {
        EvidenceReport.PackReport p = pack(r, pack);
        EvidenceReport.OutcomeEvidence o = p.outcomes().stream().filter(x -> outcome.equals(x.outcome())).findFirst().orElseThrow();
        return ForestPlots.forOutcome(facade.knowledge(), p, o).orElseThrow();
    }

    /** Every plot of a report, in page order. */
    static List<ForestPlotView> plots(Knowledge k, EvidenceReport r) {
        List<ForestPlotView> out = new ArrayList<>();
        for (EvidenceReport.PackReport p : r.packs()) {
            for (EvidenceReport.OutcomeEvidence o : p.outcomes()) {
                ForestPlots.forOutcome(k, p, o).ifPresent(out::add);
            }
        }
        return out;
    }

    private static double x(ForestPlotView v, double value) {
        return ForestPlots.x(v.axis().scale(), v.axis().min(), v.axis().max(), value);
    }

    @Test
    void ulcerHealingShowsTheOverallEstimateAndTheSubgroupsOnOneLogAxis() {
        ForestPlotView v = plot(facade, issuePatient(facade), "dfu-cell-therapy", "ulcer-healing");
        assertThat(v.id()).isEqualTo("plot-dfu-cell-therapy-ulcer-healing");
        assertThat(v.titleId()).isEqualTo("plot-dfu-cell-therapy-ulcer-healing-title");
        assertThat(v.descId()).isEqualTo("plot-dfu-cell-therapy-ulcer-healing-desc");
        assertThat(v.title()).isEqualTo("Forest plot: Complete ulcer healing, odds ratio");
        assertThat(v.axis().scale()).isEqualTo(Scale.LOG);

        Row overall = v.rows().get(0);
        assertThat(overall.kind()).isEqualTo(Kind.OVERALL);
        assertThat(overall.headline()).isTrue();
        assertThat(overall.labelText()).isEqualTo("All included trials");
        assertThat(overall.numbers().text()).isEqualTo("4.64 [3.11, 6.90]");
        assertThat(overall.marker().shape()).isEqualTo(ForestPlotView.Shape.DIAMOND);
        assertThat(overall.ci().x1()).isCloseTo(x(v, 3.11), org.assertj.core.data.Offset.offset(0.06));
        assertThat(overall.ci().x2()).isCloseTo(x(v, 6.90), org.assertj.core.data.Offset.offset(0.06));

        // every subgroup finding of the outcome is there, drawn on the same axis or said in words
        assertThat(v.rows()).extracting(Row::findingId).containsExactly("dfu-cell-therapy/ulcer-healing/overall",
                "dfu-cell-therapy/ulcer-healing/cell-type/bm-msc", "dfu-cell-therapy/ulcer-healing/dose-band/as-reported-high-and-very-high-doses");
        Row bmMsc = v.rows().get(1);
        assertThat(bmMsc.kind()).isEqualTo(Kind.SUBGROUP);
        assertThat(bmMsc.labelText()).startsWith("Bone marrow-derived");
        assertThat(bmMsc.marker().shape()).isEqualTo(ForestPlotView.Shape.CIRCLE);
        assertThat(bmMsc.marker().cx()).isCloseTo(x(v, 8.33), org.assertj.core.data.Offset.offset(0.06));
        assertThat(bmMsc.numbers().text()).isEqualTo("8.33 (no CI published)");
        assertThat(bmMsc.ci()).isNull();

        // a direction-only claim is a text row: words, no bar, no point
        Row dose = v.rows().get(2);
        assertThat(dose.kind()).isEqualTo(Kind.DIRECTION_ONLY);
        assertThat(dose.drawn()).isFalse();
        assertThat(dose.ci()).isNull();
        assertThat(dose.marker()).isNull();
        assertThat(String.join(" ", dose.notes().stream().map(Label::text).toList()))
                .isEqualTo("Direction only: larger benefit; no numbers published");
        assertThat(dose.label().get(0).y()).isGreaterThan(v.axis().title().y());

        // the ticks: 1 present, spanning 3.11 to 6.90 and every drawn value
        List<Double> ticks = v.axis().ticks().stream().map(Tick::value).toList();
        assertThat(ticks).contains(1.0).hasSizeGreaterThanOrEqualTo(3);
        assertThat(v.axis().ticks()).extracting(Tick::label).containsExactly("1", "2", "5", "10");
        assertThat(ticks.get(0)).isLessThanOrEqualTo(3.11);
        assertThat(ticks.get(ticks.size() - 1)).isGreaterThanOrEqualTo(8.33);
        for (Row r : v.drawnRows()) {
            assertThat(r.marker().value()).isBetween(v.axis().min(), v.axis().max());
            if (r.ci() != null) {
                assertThat(r.ci().clippedLow() || r.ci().low() >= v.axis().min()).isTrue();
                assertThat(r.ci().clippedHigh() || r.ci().high() <= v.axis().max()).isTrue();
            }
        }
        assertThat(v.axis().noEffectX()).isCloseTo(x(v, 1), org.assertj.core.data.Offset.offset(0.06));

        // higher healing is better: points right of 1 favour cell therapy
        assertThat(v.axis().favoursRight().text()).isEqualTo("Favours cell therapy →");
        assertThat(v.axis().favoursLeft().text()).isEqualTo("← Favours control");
        assertThat(v.caption()).startsWith("Odds ratio, log scale; the overall estimate and the subgroups that apply to this patient")
                .endsWith("points right of 1 favour cell therapy.");
        assertThat(v.description()).contains("All included trials: OR 4.64 (95% CI 3.11 to 6.90), the headline estimate");
        assertReadable(v);
    }

    @Test
    void amputationIsBetterWhenLowerSoCellTherapyIsOnTheLeft() {
        ForestPlotView v = plot(facade, issuePatient(facade), "dfu-cell-therapy", "amputation");
        assertThat(v.axis().favoursLeft().text()).isEqualTo("← Favours cell therapy");
        assertThat(v.axis().favoursRight().text()).isEqualTo("Favours control →");
        assertThat(v.axis().favoursLeft().x()).isLessThan(v.axis().noEffectX());
        assertThat(v.axis().favoursRight().x()).isGreaterThan(v.axis().noEffectX());
        assertThat(v.caption()).endsWith("points left of 1 favour cell therapy.");
        assertThat(v.drawnRows().get(0).marker().cx()).isLessThan(v.axis().noEffectX());
        assertThat(v.axis().ticks()).extracting(Tick::label).contains("1").doesNotContain("1.0");
        assertReadable(v);
    }

    @Test
    void aMeanDifferenceIsOnALinearAxisWithZeroAndRealMinusSigns() {
        ForestPlotView v = plot(facade, issuePatient(facade), "dfu-cell-therapy", "healing-time");
        assertThat(v.axis().scale()).isEqualTo(Scale.LINEAR);
        assertThat(v.axis().name()).isEqualTo("Mean difference (days)");
        assertThat(v.axis().ticks()).extracting(Tick::value).contains(0.0);
        assertThat(v.axis().ticks()).hasSizeBetween(4, 7);
        assertThat(v.axis().ticks()).extracting(Tick::label).contains("0", "\u221210").allSatisfy(l -> {
            assertThat(l).doesNotContain(".0").doesNotContain("-");
        });
        assertThat(v.drawnRows().get(0).numbers().text()).isEqualTo("\u221216.83 [\u221227.93, \u22125.74]");
        // shorter healing time is better: cell therapy on the left of 0
        assertThat(v.axis().favoursLeft().text()).contains("cell therapy");
        assertThat(v.caption()).isEqualTo("Mean difference (days), linear scale; the overall estimate; points left of 0 favour cell therapy.");
        assertReadable(v);
    }

    @Test
    void idsAreUniqueAcrossEveryPlotOfAReport() {
        EvidenceReport both = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2", "hba1cPercent", 8.5, "footUlcer", "yes",
                "ulcerAreaCm2", 12)));
        List<ForestPlotView> plots = plots(facade.knowledge(), both);
        assertThat(plots).hasSizeGreaterThan(10);
        List<String> ids = new ArrayList<>();
        plots.forEach(p -> ids.addAll(List.of(p.id(), p.titleId(), p.descId())));
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9-]+"));
        assertThat(plots).extracting(ForestPlotView::title).doesNotHaveDuplicates();
        plots.forEach(ForestPlotsTest::assertReadable);
    }

    @Test
    void estimatesOnAnotherScaleOrWithTheOppositeSignAreSaidNotDrawn() {
        EvidenceReport r = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-2")), java.util.Set.of("t2dm-msc"));
        ForestPlotView v = plot(facade, r, "t2dm-msc", "hba1c-vs-baseline");
        // Habiba 2024 prints a fall as a positive number: drawn as printed it would sit on the wrong side
        assertThat(v.textRows()).anySatisfy(row -> {
            assertThat(row.kind()).isEqualTo(Kind.OTHER_SCALE);
            assertThat(row.labelText()).contains("Habiba");
            assertThat(row.ci()).isNull();
            assertThat(row.marker()).isNull();
        });
        assertThat(v.drawnRows()).allSatisfy(row -> assertThat(row.marker().value()).isNegative());
        // before and after, no control arm: the sides are improvement and worsening, not "control"
        assertThat(v.axis().favoursLeft().text()).isEqualTo("← Improved from baseline");
        assertThat(v.axis().favoursRight().text()).isEqualTo("Worse than baseline →");
        // several reviews: each row says whose estimate it is
        assertThat(v.drawnRows()).allSatisfy(row -> assertThat(row.labelText()).contains("20"));

        EvidenceReport typeOne = facade.evaluate(PatientProfile.of(Map.of("diabetesType", "type-1")), java.util.Set.of("t2dm-msc"));
        ForestPlotView cPeptide = plot(facade, typeOne, "t2dm-msc", "c-peptide-vs-control");
        assertThat(cPeptide.axis().measure()).isEqualTo("MD");
        assertThat(cPeptide.textRows()).anySatisfy(row -> {
            assertThat(row.kind()).isEqualTo(Kind.OTHER_SCALE);
            assertThat(String.join(" ", row.notes().stream().map(Label::text).toList()))
                    .isEqualTo("SMD 0.89 [0.36, 1.42]: standardised mean difference, another scale; not drawn on this axis");
        });
    }

    @Test
    void noPlotWithoutAnEstimate() {
        EvidenceReport.PackReport p = pack(issuePatient(facade), "dfu-cell-therapy");
        EvidenceReport.OutcomeEvidence unnamed = p.outcomes().stream().filter(o -> o.outcome() == null).findFirst().orElseThrow();
        assertThat(unnamed.findings()).allMatch(f -> f.estimate() == null);
        assertThat(ForestPlots.forOutcome(facade.knowledge(), p, unnamed)).isEmpty();
    }

    @Test
    void niceTicks() {
        assertThat(ForestPlots.logTicks(3.11, 6.90).ticks()).containsExactly(1.0, 2.0, 5.0, 10.0);
        assertThat(ForestPlots.logTicks(0.18, 1).ticks()).containsExactly(0.1, 0.2, 0.5, 1.0);
        // a narrow range still gets three ticks, 1 among them
        assertThat(ForestPlots.logTicks(1, 1.8).ticks()).containsExactly(0.5, 1.0, 2.0);
        assertThat(ForestPlots.logTicks(0.72, 1.32).ticks()).containsExactly(0.5, 1.0, 2.0);
        // a wide range keeps 1, its ends and the powers of ten; labels never touch
        ForestPlots.Range wide = ForestPlots.logTicks(0.01, 100);
        assertThat(wide.ticks()).contains(0.01, 0.1, 1.0, 10.0, 100.0);
        assertThat(wide.min()).isEqualTo(0.01);
        assertThat(wide.max()).isEqualTo(100.0);

        for (double[] range : new double[][] {{-27.93, 0}, {0, 0.22}, {-1.49, 0}, {-0.3, 0.56}, {-24.23, 11.79}, {0, 3}, {-0.001, 0.002},
                {-1500, 20}}) {
            ForestPlots.Range r = ForestPlots.linearTicks(range[0], range[1]);
            assertThat(r.ticks()).as("%s", java.util.Arrays.toString(range)).contains(0.0).hasSizeBetween(4, 7);
            assertThat(r.min()).isLessThanOrEqualTo(range[0]);
            assertThat(r.max()).isGreaterThanOrEqualTo(range[1]);
        }
        assertThat(ForestPlots.linearTicks(-27.93, 0).ticks()).containsExactly(-30.0, -25.0, -20.0, -15.0, -10.0, -5.0, 0.0);
        assertThat(ForestPlots.linearTicks(0, 0.22).ticks().stream().map(ForestPlots::tickLabel).toList())
                .containsExactly("0", "0.05", "0.1", "0.15", "0.2", "0.25");
    }

    @Test
    void estimatesPooledHereShowTheirTrialsWeightsAndPredictionInterval(@TempDir Path tmp) throws IOException {
        Knowledge k = Knowledge.build(List.of(recomputingPack(tmp)), Map.of());
        EvidenceReport.PackReport p = new EvidenceFacade(k).evaluate(PatientProfile.of(Map.of("ulcerAreaCm2", 5.0))).packs().get(0);
        EvidenceReport.OutcomeEvidence time = p.outcomes().stream().filter(o -> "healing-time".equals(o.outcome())).findFirst().orElseThrow();
        ForestPlotView v = ForestPlots.forOutcome(k, p, time).orElseThrow();

        List<Row> studies = v.rows().stream().filter(r -> r.kind() == Kind.STUDY).toList();
        assertThat(studies).isNotEmpty().allSatisfy(s -> {
            assertThat(s.marker().shape()).isEqualTo(ForestPlotView.Shape.SQUARE);
            assertThat(s.numbers().text()).matches("\u2212?[0-9.]+ \\[\u2212?[0-9.]+, \u2212?[0-9.]+\\], (<1|[0-9]+)%");
        });
        // the overall and the subgroup estimates pool the same three trials: drawn once, under the first
        assertThat(studies).extracting(Row::labelText).containsExactly("Alpha 2015", "Gamma 2019", "Delta 2020");
        List<Row> pooledRows = v.rows().stream().filter(r -> r.kind() == Kind.POOLED).toList();
        assertThat(pooledRows).hasSizeGreaterThan(1);
        assertThat(pooledRows.subList(1, pooledRows.size()))
                .allSatisfy(r -> assertThat(r.labelText()).endsWith("pooled here from the same trials as above"));
        // the larger the weight, the larger the square
        Row gamma = studies.stream().filter(s -> s.labelText().equals("Gamma 2019")).findFirst().orElseThrow();
        Row delta = studies.stream().filter(s -> s.labelText().equals("Delta 2020")).findFirst().orElseThrow();
        assertThat(weight(delta)).isGreaterThan(weight(gamma));
        assertThat(delta.marker().size()).isGreaterThan(gamma.marker().size());
        // Gamma's very wide CI runs off the axis: clipped, with an arrowhead
        assertThat(gamma.ci().clippedLow() || gamma.ci().clippedHigh()).isTrue();
        assertThat(gamma.ci().clippedLow() ? gamma.ci().arrowLow() : gamma.ci().arrowHigh()).isNotBlank();
        assertThat(gamma.ci().x1()).isGreaterThanOrEqualTo(v.axis().left());
        assertThat(gamma.ci().x2()).isLessThanOrEqualTo(v.axis().right());

        List<Kind> kinds = v.rows().stream().map(Row::kind).toList();
        int pooled = kinds.indexOf(Kind.POOLED);
        assertThat(pooled).isGreaterThan(kinds.indexOf(Kind.STUDY));
        assertThat(kinds.get(pooled + 1)).isEqualTo(Kind.PREDICTION_INTERVAL);
        Row pi = v.rows().get(pooled + 1);
        assertThat(pi.marker()).isNull();
        assertThat(pi.ci()).isNotNull();
        assertThat(pi.labelText()).isEqualTo("95% prediction interval");
        assertThat(v.caption()).contains("their trials (squares sized by weight) and the 95% prediction interval");
        assertReadable(v);
    }

    private static int weight(Row study) {
        String n = study.numbers().text();
        String percent = n.substring(n.lastIndexOf(", ") + 2, n.length() - 1);
        return percent.equals("<1") ? 0 : Integer.parseInt(percent);
    }

    /**
     * The mini test pack, pooled here: three trials of time to healing with means (A2015 as given, a tiny
     * noisy Gamma 2019, a large Delta 2020), all autologous and under 10 cm².
     */
    static EvidencePack recomputingPack(Path tmp) throws IOException {
        Path dir = tmp.resolve("mini-pack");
        Files.createDirectories(dir);
        for (String name : PackLoader.FILES) {
            String text = Files.readString(Path.of("src/test/resources/packs/valid/mini-pack").resolve(name));
            if (name.equals(PackLoader.PACK_FILE)) {
                text = text.replace("review: rev\n", "review: rev\nrecomputeFindings: true\n");
            }
            if (name.equals("studies.csv")) {
                text += "C2019,C2019,Gamma,2019,Nowhere,rct,randomised,,BM-MSC,autologous,1e7,1e7,per leg,1x10^7/leg,,intramuscular,saline,4,4,12,,5,,,low,trial-a,Abstract,extracted,\n"
                        + "D2020,D2020,Delta,2020,Nowhere,rct,randomised,,BM-MSC,autologous,1e7,1e7,per leg,1x10^7/leg,,intramuscular,saline,80,80,12,,6,,,low,trial-a,Abstract,extracted,\n";
            }
            if (name.equals("study_outcomes.csv")) {
                text += "C-time,C2019,healing-time,days to closure,end,patients,between-arms,mean,,,,,30.0,90.0,4,40.0,90.0,4,days,trial-a,Abstract,,extracted,\n"
                        + "D-time,D2020,healing-time,days to closure,end,patients,between-arms,mean,,,,,35.0,12.0,80,52.0,14.0,80,days,trial-a,Abstract,,extracted,\n";
            }
            Files.writeString(dir.resolve(name), text);
        }
        return PackLoader.load(dir);
    }

    /**
     * Nothing overlaps and nothing leaves the viewBox, by the generous width estimate the layout uses:
     * each label line ends before the numbers on its line start, texts stay inside 0..width, rows do not
     * share a line, and the favours labels do not meet.
     */
    static void assertReadable(ForestPlotView v) {
        double w = v.width();
        assertThat(w).isEqualTo(360);
        List<double[]> boxes = new ArrayList<>();
        for (Row r : v.rows()) {
            // headline rows and the labels of text rows are bold
            for (Label l : r.label()) {
                boxes.add(box(l, r.headline() || !r.drawn()));
            }
            for (Label l : r.notes()) {
                boxes.add(box(l, false));
            }
            if (r.numbers() != null) {
                boxes.add(box(r.numbers(), r.headline()));
            }
            if (r.drawn()) {
                assertThat(r.label()).allSatisfy(l -> assertThat(l.y()).isLessThan(r.y()));
                assertThat(r.y()).isLessThan(v.axis().y());
            }
        }
        boxes.add(box(v.axis().favoursLeft(), false));
        boxes.add(box(v.axis().favoursRight(), false));
        boxes.add(box(v.axis().title(), false));
        for (Tick t : v.axis().ticks()) {
            boxes.add(box(new Label(t.label(), t.x(), t.labelY(), "middle"), false));
        }
        for (double[] b : boxes) {
            assertThat(b[0]).as("text inside the viewBox of %s", v.id()).isGreaterThanOrEqualTo(0);
            assertThat(b[1]).as("text inside the viewBox of %s", v.id()).isLessThanOrEqualTo(w);
            assertThat(b[2]).isLessThanOrEqualTo(v.height());
        }
        for (int i = 0; i < boxes.size(); i++) {
            for (int j = i + 1; j < boxes.size(); j++) {
                double[] a = boxes.get(i);
                double[] b = boxes.get(j);
                boolean sameLine = Math.abs(a[2] - b[2]) < ForestPlots.FONT;
                boolean apart = a[1] <= b[0] || b[1] <= a[0];
                assertThat(!sameLine || apart).as("texts overlap in %s: %s / %s", v.id(), java.util.Arrays.toString(a),
                        java.util.Arrays.toString(b)).isTrue();
            }
        }
    }

    private static double[] box(Label l, boolean bold) {
        double width = ForestPlots.width(l.text(), bold);
        double left = switch (l.anchor()) {
            case "start" -> l.x();
            case "end" -> l.x() - width;
            default -> l.x() - width / 2;
        };
        return new double[] {left, left + width, l.y()};
    }
}
