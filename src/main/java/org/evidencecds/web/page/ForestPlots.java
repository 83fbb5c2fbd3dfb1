package org.evidencecds.web.page;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.evidencecds.evidence.EvidencePack;
import org.evidencecds.evidence.OutcomeDefinition;
import org.evidencecds.evidence.StudyOutcome;
import org.evidencecds.evidence.Vocabulary;
import org.evidencecds.facade.EvidenceReport;
import org.evidencecds.findings.EffectText;
import org.evidencecds.findings.Finding;
import org.evidencecds.meta.EffectSize;
import org.evidencecds.meta.MetaResult;
import org.evidencecds.rules.Knowledge;
import org.evidencecds.synthesis.PooledFinding;
import org.evidencecds.synthesis.Slice;
import org.evidencecds.synthesis.Synthesis;
import org.evidencecds.synthesis.SynthesisOptions;
import org.evidencecds.web.page.ForestPlotView.Axis;
import org.evidencecds.web.page.ForestPlotView.Ci;
import org.evidencecds.web.page.ForestPlotView.Geometry;
import org.evidencecds.web.page.ForestPlotView.Kind;
import org.evidencecds.web.page.ForestPlotView.Label;
import org.evidencecds.web.page.ForestPlotView.Marker;
import org.evidencecds.web.page.ForestPlotView.Row;
import org.evidencecds.web.page.ForestPlotView.Scale;
import org.evidencecds.web.page.ForestPlotView.Shape;
import org.evidencecds.web.page.ForestPlotView.Tick;

/**
 * One forest plot per outcome: the headline and every subgroup finding of the outcome on one shared axis,
 * study rows and the prediction interval where the estimate was pooled here, and the findings that cannot
 * be drawn on that axis (no numbers, another measure, the opposite sign) said in words under it.
 *
 * <p>The geometry is laid out for a phone: the viewBox is {@value #WIDTH} units wide, so at a 390 px
 * viewport (about 358 px of content) one unit is about one pixel and the {@value #FONT}-unit text renders
 * at about 13 px. Each row's label has its own line above the row's CI line, with the numbers
 * right-aligned on that line; labels wrap rather than run under the numbers. Text widths are estimated
 * generously ({@value #CHAR_EM} em a character, {@value #BOLD_EM} em in bold: DejaVu Sans, the widest common
 * fallback font, measures up to 0.60 and 0.63 em in headless Chromium) so that wrapping errs on the side
 * of no overlap.
 */
public final class ForestPlots {

    static final double WIDTH = 360;
    /** Text margin from the viewBox edges. */
    static final double EDGE = 4;
    /** The axis ends: room for a centred tick label at either end. */
    static final double LEFT = 22;
    static final double RIGHT = WIDTH - LEFT;
    static final double FONT = 13;
    static final double CHAR_EM = 0.62;
    static final double BOLD_EM = 0.66;
    static final double LINE = 16;
    static final double TOP = 8;
    /** Minimum space between two texts on one line. */
    static final double GAP = 8;
    /** Estimated 95% CI from an effect size's standard error. */
    private static final double Z95 = 1.959963984540054;
    /** A log axis clips CI ends beyond these (unless a point estimate lies beyond). */
    private static final double LOG_FLOOR = 0.01;
    private static final double LOG_CEILING = 100;

    private ForestPlots() {
    }

    /**
     * The outcome's forest plot, or empty when no finding of the outcome has an estimate drawable on the
     * headline's scale (then there is nothing to draw; the findings' text says it all).
     */
    public static Optional<ForestPlotView> forOutcome(Knowledge knowledge, EvidenceReport.PackReport pack,
                                                      EvidenceReport.OutcomeEvidence outcome) {
        List<EvidenceReport.FindingView> findings = ordered(outcome);
        if (findings.stream().noneMatch(f -> f.estimate() != null)) {
            return Optional.empty();
        }
        Optional<OutcomeDefinition> definition = knowledge.pack(pack.pack())
                .flatMap(p -> outcome.outcome() == null ? Optional.empty() : p.outcome(outcome.outcome()));
        String measure = baseMeasure(outcome, findings, definition);
        boolean several = findings.stream().map(EvidenceReport.FindingView::shortCitation).filter(Objects::nonNull).distinct().count() > 1;
        List<Planned> planned = new ArrayList<>();
        Set<List<String>> drawnStudies = new java.util.HashSet<>();
        for (EvidenceReport.FindingView f : findings) {
            plan(knowledge, f, f.id().equals(outcome.headlineFinding()), measure, several, drawnStudies, planned);
        }
        if (planned.stream().noneMatch(Planned::drawn)) {
            return Optional.empty();
        }
        Scale scale = "OR".equals(measure) || "RR".equals(measure) ? Scale.LOG : Scale.LINEAR;
        String benefit = outcome.benefit() != null ? outcome.benefit()
                : definition.map(d -> d.benefit().name().toLowerCase(Locale.ROOT)).orElse("higher");
        boolean baseline = definition.map(d -> d.comparator() == Vocabulary.Comparator.VS_BASELINE).orElse(false);
        String unit = findings.stream().filter(f -> measure.equals(f.measure()) && f.unit() != null).map(EvidenceReport.FindingView::unit)
                .findFirst().orElse("");
        return Optional.of(layout(plotId(pack.pack(), outcome.outcome()), outcome.name(), scale, measure, unit,
                "higher".equals(benefit), baseline, planned));
    }

    /** {@code plot-<pack>-<outcome>}, lower case letters, digits and hyphens only. */
    static String plotId(String pack, String outcome) {
        String raw = "plot-" + pack + "-" + (outcome == null ? "any-outcome" : outcome);
        return raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
    }

    // ---- what each finding contributes ----------------------------------------------------------------

    /**
     * A row before layout: its values on the natural scale ({@code low}/{@code high} null when no CI),
     * its texts, for text rows the words said instead, and for the SVG's description the row in words
     * ({@code spoken}). {@code role} is the finding's (overall, patient, protocol, timepoint, unplaced); null
     * for study and prediction-interval rows.
     */
    record Planned(Kind kind, String role, boolean headline, String label, String numbers, Double value, Double low, Double high,
                   Double weight, String findingId, String words, String spoken) {

        boolean drawn() {
            return kind != Kind.DIRECTION_ONLY && kind != Kind.OTHER_SCALE;
        }

        /** A summary estimate: its CI sets the axis (study and prediction intervals may be clipped). */
        boolean summary() {
            return kind == Kind.OVERALL || kind == Kind.SUBGROUP || kind == Kind.POOLED;
        }
    }

    /** The headline first (it is what the reader looks for), then the other findings in the report's order. */
    private static List<EvidenceReport.FindingView> ordered(EvidenceReport.OutcomeEvidence outcome) {
        List<EvidenceReport.FindingView> out = new ArrayList<>(outcome.findings());
        out.sort(Comparator.comparing(f -> !f.id().equals(outcome.headlineFinding())));
        return out;
    }

    /**
     * The measure of the shared axis: the headline's; without a headline, the outcome's own measure when a
     * finding has it, else the first estimate's.
     */
    private static String baseMeasure(EvidenceReport.OutcomeEvidence outcome, List<EvidenceReport.FindingView> findings,
                                      Optional<OutcomeDefinition> definition) {
        for (EvidenceReport.FindingView f : findings) {
            if (f.id().equals(outcome.headlineFinding()) && f.estimate() != null) {
                return f.measure();
            }
        }
        Optional<String> own = definition.map(d -> d.measure().name())
                .filter(m -> findings.stream().anyMatch(f -> f.estimate() != null && m.equals(f.measure())));
        return own.orElseGet(() -> findings.stream().filter(f -> f.estimate() != null).findFirst().orElseThrow().measure());
    }

    /**
     * The rows one finding contributes. {@code drawnStudies}: the study sets already drawn above, so that
     * two estimates pooled here from the same trials do not repeat them.
     */
    private static void plan(Knowledge knowledge, EvidenceReport.FindingView f, boolean headline, String measure, boolean several,
                             Set<List<String>> drawnStudies, List<Planned> out) {
        // "et al." stays with its author when a label wraps
        String source = f.shortCitation() == null ? null : f.shortCitation().replace(" et al.", "\u00a0et\u00a0al.");
        String label = sentenceCase(f.slice()) + (several && source != null ? " (" + source + ")" : "");
        String role = f.role();
        if (f.estimate() == null) {
            // a claim without numbers: said, never drawn as a bar
            String direction = EffectText.direction(f.direction());
            String words = "Direction only: " + (direction.isEmpty() ? "no direction stated" : direction) + "; no numbers published";
            out.add(new Planned(Kind.DIRECTION_ONLY, role, headline, label, null, null, null, null, null, f.id(), words, words));
            return;
        }
        String numbers = numbers(f);
        if (!measure.equals(f.measure())) {
            String words = f.measure() + " " + numbers + ": " + measureName(f.measure()).toLowerCase(Locale.ROOT)
                    + ", another scale; not drawn on this axis";
            out.add(new Planned(Kind.OTHER_SCALE, role, headline, label, null, f.estimate(), f.ciLow(), f.ciHigh(), null, f.id(), words,
                    f.effect() + ", another scale; not drawn on this axis"));
            return;
        }
        if (f.signReversed()) {
            // the number is never changed, and drawn as printed it would sit on the wrong side
            String words = f.measure() + " " + numbers + " as printed: the source gives the effect the opposite sign; not drawn on this axis";
            out.add(new Planned(Kind.OTHER_SCALE, role, headline, label, null, f.estimate(), f.ciLow(), f.ciHigh(), null, f.id(), words,
                    f.effect() + " as printed: the source gives the effect the opposite sign; not drawn on this axis"));
            return;
        }
        Kind kind = "overall".equals(role) ? Kind.OVERALL : Kind.SUBGROUP;
        Finding finding = knowledge.findings().get(f.id());
        PooledFinding pooled = finding != null && finding.origin() == Finding.Origin.RECOMPUTED ? pool(knowledge, finding) : null;
        if (pooled != null && pooled.isPooled()) {
            kind = Kind.POOLED;
            if (drawnStudies.add(pooled.rowIds())) {
                studies(knowledge.pack(finding.packId()).orElseThrow(), pooled, out);
                label = label + ": pooled here";
            } else {
                label = label + ": pooled here from the same trials as above";
            }
        }
        out.add(new Planned(kind, role, headline, label, numbers, f.estimate(), f.ciLow(), f.ciHigh(), null, f.id(), null,
                f.effect() + (kind == Kind.POOLED ? ", pooled here from the trials above" : "") + (headline ? ", the headline estimate" : "")));
        if (kind == Kind.POOLED) {
            prediction(pooled.result(), out);
        }
    }

    /**
     * The study rows of an estimate pooled here: the finding's rows pooled again with the same options, so
     * the squares' weights are the weights of the diamond below them.
     */
    private static void studies(EvidencePack pack, PooledFinding pooled, List<Planned> out) {
        MetaResult m = pooled.result();
        boolean ratio = m.measure().isRatio();
        for (int i = 0; i < pooled.rowIds().size(); i++) {
            StudyOutcome r = pack.studyOutcome(pooled.rowIds().get(i)).orElseThrow();
            EffectSize e = Synthesis.effectSize(r, m.measure());
            double lo = e.yi() - Z95 * e.sei();
            double hi = e.yi() + Z95 * e.sei();
            double weight = m.weightsPercent().get(i);
            double value = ratio ? Math.exp(e.yi()) : e.yi();
            double low = ratio ? Math.exp(lo) : lo;
            double high = ratio ? Math.exp(hi) : hi;
            String name = pack.study(r.study()).map(s -> s.label()).orElse(r.study());
            // whole percentages, as RevMan prints them; a weight that rounds to 0 is still a weight
            String percent = weight < 0.5 ? "<1%" : EffectText.plain(Math.round(weight)) + "%";
            out.add(new Planned(Kind.STUDY, null, false, name, computed(value, low, high) + ", " + percent, value, low, high, weight, null, null,
                    m.measure() + " " + EffectText.computed(value) + " (95% CI " + EffectText.computed(low) + " to " + EffectText.computed(high)
                            + "), weight " + percent));
        }
    }

    /**
     * The 95% prediction interval under the diamond, when the fit has one and it means something: from 3
     * trials on (with fewer, between-trial variation cannot be estimated and the interval is the CI again).
     */
    private static void prediction(MetaResult m, List<Planned> out) {
        if (m.k() < 3 || !Double.isFinite(m.piLow()) || !Double.isFinite(m.piHigh())) {
            return;
        }
        boolean ratio = m.measure().isRatio();
        double low = ratio ? m.ratioPiLow() : m.piLow();
        double high = ratio ? m.ratioPiHigh() : m.piHigh();
        String range = EffectText.computed(low) + " to " + EffectText.computed(high);
        out.add(new Planned(Kind.PREDICTION_INTERVAL, null, false, "95% prediction interval", range, null, low, high, null, null, null,
                "where the effect of a new trial is expected to lie: " + range));
    }

    private static PooledFinding pool(Knowledge knowledge, Finding finding) {
        Optional<EvidencePack> pack = knowledge.pack(finding.packId());
        if (pack.isEmpty()) {
            return null;
        }
        Slice slice = finding.dimension() == null ? Slice.OVERALL : new Slice(finding.dimension(), finding.level());
        return Synthesis.pool(pack.get(), finding.outcome(), slice,
                Synthesis.measureOf(Vocabulary.EffectMeasure.valueOf(finding.measure())), SynthesisOptions.defaults());
    }

    /** "4.64 [3.11, 6.90]" as published, or "4.64 (no CI published)". */
    static String numbers(EvidenceReport.FindingView f) {
        String value = EffectText.number(f.estimateText(), f.estimate());
        if (f.ciLow() == null || f.ciHigh() == null) {
            return value + " (no CI published)";
        }
        return value + " [" + EffectText.number(f.ciLowText(), f.ciLow()) + ", " + EffectText.number(f.ciHighText(), f.ciHigh()) + "]";
    }

    private static String computed(double value, double low, double high) {
        return EffectText.computed(value) + " [" + EffectText.computed(low) + ", " + EffectText.computed(high) + "]";
    }

    static String measureName(String measure) {
        return switch (measure) {
            case "OR" -> "Odds ratio";
            case "RR" -> "Risk ratio";
            case "MD" -> "Mean difference";
            case "SMD" -> "Standardised mean difference";
            default -> measure;
        };
    }

    private static String sentenceCase(String s) {
        return s == null || s.isEmpty() ? "" : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1);
    }

    // ---- the axis ------------------------------------------------------------------------------------

    /** An axis range with its ticks, on the natural scale. */
    record Range(double min, double max, List<Double> ticks) {
    }

    /**
     * The axis range: every point estimate, every summary CI (on a log axis, within 0.01 to 100) and the
     * line of no effect; study CIs and prediction intervals widen it by at most its own width on each side
     * (beyond, they are clipped with an arrow), so one wide small trial does not squash the summaries.
     */
    static Range range(Scale scale, List<Planned> rows) {
        double none = scale == Scale.LOG ? 1 : 0;
        double a = t(scale, none);
        double b = a;
        for (Planned p : rows) {
            if (!p.drawn()) {
                continue;
            }
            if (p.value() != null) {
                a = Math.min(a, t(scale, p.value()));
                b = Math.max(b, t(scale, p.value()));
            }
            if (p.summary() && p.low() != null) {
                a = Math.min(a, t(scale, capped(scale, p.low())));
                b = Math.max(b, t(scale, capped(scale, p.high())));
            }
        }
        double w = b - a;
        double lo = a;
        double hi = b;
        for (Planned p : rows) {
            if (p.drawn() && !p.summary() && p.low() != null) {
                lo = Math.min(lo, Math.max(a - w, t(scale, capped(scale, p.low()))));
                hi = Math.max(hi, Math.min(b + w, t(scale, capped(scale, p.high()))));
            }
        }
        return scale == Scale.LOG ? logTicks(Math.exp(lo), Math.exp(hi)) : linearTicks(lo, hi);
    }

    private static double capped(Scale scale, double v) {
        return scale == Scale.LOG ? Math.min(LOG_CEILING, Math.max(LOG_FLOOR, v)) : v;
    }

    static double t(Scale scale, double v) {
        return scale == Scale.LOG ? Math.log(v) : v;
    }

    /**
     * Log ticks from 1-2-5 steps (0.01, 0.02, 0.05, 0.1 ... 100): the axis runs from the step at or below
     * the smallest value to the step at or above the largest, with at least three steps; 1 is always one.
     */
    static Range logTicks(double lo, double hi) {
        lo = Math.min(lo, 1);
        hi = Math.max(hi, 1);
        List<Double> steps = new ArrayList<>();
        int fromExp = (int) Math.floor(Math.log10(lo)) - 1;
        int toExp = (int) Math.ceil(Math.log10(hi)) + 1;
        for (int e = fromExp; e <= toExp; e++) {
            for (int mantissa : new int[] {1, 2, 5}) {
                steps.add(BigDecimal.valueOf(mantissa).scaleByPowerOfTen(e).doubleValue());
            }
        }
        int first = 0;
        while (first + 1 < steps.size() && steps.get(first + 1) <= lo * (1 + 1e-9)) {
            first++;
        }
        int last = steps.size() - 1;
        while (last - 1 >= 0 && steps.get(last - 1) >= hi * (1 - 1e-9)) {
            last--;
        }
        while (last - first + 1 < 3) {
            // widen away from 1, which is always in range: toward the side that has no data
            if (steps.get(first) >= 1 - 1e-9) {
                first--;
            } else {
                last++;
            }
        }
        List<Double> candidates = new ArrayList<>(steps.subList(first, last + 1));
        double min = candidates.get(0);
        double max = candidates.get(candidates.size() - 1);
        // priority: 1, the ends, powers of ten, then fives, then twos; a tick whose label would touch a
        // kept one is dropped
        List<Double> priority = new ArrayList<>(candidates);
        priority.sort(Comparator.comparingInt((Double v) -> Math.abs(v - 1) < 1e-9 ? 0 : v == min || v == max ? 1 : 2 + mantissa(v))
                .thenComparingDouble(v -> Math.abs(Math.log(v))));
        return new Range(min, max, thin(Scale.LOG, min, max, priority));
    }

    /** 0 for a power of ten, 1 for a five, 2 for a two: the order in which log ticks give way. */
    private static int mantissa(double v) {
        long m = Math.round(v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9)));
        return m == 1 ? 0 : m == 5 ? 1 : 2;
    }

    /**
     * Linear ticks: the smallest 1-2-5 step that needs no more than 7 ticks to cover the range (at least 4:
     * widened by a step when fewer); 0 is always a tick.
     */
    static Range linearTicks(double lo, double hi) {
        lo = Math.min(lo, 0);
        hi = Math.max(hi, 0);
        if (hi - lo < 1e-12) {
            lo -= 1;
            hi += 1;
        }
        int e = (int) Math.floor(Math.log10(hi - lo)) - 2;
        BigDecimal step;
        long from;
        long to;
        while (true) {
            boolean found = false;
            step = null;
            from = 0;
            to = 0;
            for (int mantissa : new int[] {1, 2, 5}) {
                step = BigDecimal.valueOf(mantissa).scaleByPowerOfTen(e);
                double s = step.doubleValue();
                from = (long) Math.floor(lo / s + 1e-9);
                to = (long) Math.ceil(hi / s - 1e-9);
                if (to - from + 1 <= 7) {
                    found = true;
                    break;
                }
            }
            if (found) {
                break;
            }
            e++;
        }
        while (to - from + 1 < 4) {
            // widen on the side away from 0 (0 stays a tick, the data stay inside)
            if (from == 0) {
                to++;
            } else if (to == 0) {
                from--;
            } else {
                to++;
            }
        }
        List<Double> candidates = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            candidates.add(step.multiply(BigDecimal.valueOf(i)).doubleValue());
        }
        double min = candidates.get(0);
        double max = candidates.get(candidates.size() - 1);
        List<Double> priority = new ArrayList<>(candidates);
        priority.sort(Comparator.comparingInt((Double v) -> v == 0 ? 0 : v == min || v == max ? 1 : 2).thenComparingDouble(Math::abs));
        return new Range(min, max, thin(Scale.LINEAR, min, max, priority));
    }

    /** The ticks, in order of priority, whose labels do not touch a kept one; left to right. */
    private static List<Double> thin(Scale scale, double min, double max, List<Double> priority) {
        List<Double> kept = new ArrayList<>();
        for (Double v : priority) {
            double x = x(scale, min, max, v);
            double w = width(tickLabel(v));
            boolean clear = kept.stream().allMatch(k -> Math.abs(x(scale, min, max, k) - x) >= (w + width(tickLabel(k))) / 2 + GAP);
            if (clear) {
                kept.add(v);
            }
        }
        kept.sort(Comparator.naturalOrder());
        return kept;
    }

    /** A tick's label: EffectText's shortest exact text, so 2 not "2.0" and −5 with a real minus. */
    static String tickLabel(double v) {
        return EffectText.plain(v);
    }

    static double x(Scale scale, double min, double max, double v) {
        return LEFT + (t(scale, v) - t(scale, min)) / (t(scale, max) - t(scale, min)) * (RIGHT - LEFT);
    }

    /** Estimated width of a text in viewBox units (generous: see the class comment). */
    static double width(String text) {
        return width(text, false);
    }

    /** Estimated width of a text, regular or bold (headline rows and text-row labels are bold). */
    static double width(String text, boolean bold) {
        return text.codePointCount(0, text.length()) * (bold ? BOLD_EM : CHAR_EM) * FONT;
    }

    // ---- layout ----------------------------------------------------------------------------------------

    private static ForestPlotView layout(String id, String outcomeName, Scale scale, String measure, String unit,
                                         boolean higherIsBetter, boolean baseline, List<Planned> planned) {
        Range range = range(scale, planned);
        List<Row> rows = new ArrayList<>();
        double below = drawnRows(scale, range, planned, rows);
        Axis axis = axis(scale, measure, unit, range, below, higherIsBetter, baseline);
        double height = textRows(planned, axis.title().y() + 12, rows);

        String cellSide = higherIsBetter ? "right" : "left";
        String none = tickLabel(axis.noEffect());
        String meaning = baseline ? " mean improvement from baseline" : " favour cell therapy";
        String scaleName = scale == Scale.LOG ? "log" : "linear";
        String caption = axis.name() + ", " + scaleName + " scale; " + what(planned) + "; points " + cellSide + " of " + none + meaning + ".";
        StringBuilder description = new StringBuilder(axis.name()).append(", ").append(scaleName).append(" scale. ");
        for (Planned p : planned) {
            description.append(p.label().replace('\u00a0', ' ')).append(": ").append(p.spoken()).append(". ");
        }
        description.append("Points ").append(cellSide).append(" of ").append(none).append(meaning).append('.');
        String title = "Forest plot: " + outcomeName + ", " + measureName(measure).toLowerCase(Locale.ROOT);
        return new ForestPlotView(id, id + "-title", id + "-desc", title, description.toString(), caption, WIDTH, height, axis, rows);
    }

    /**
     * The drawn rows, top down: each label on its own line(s) with the numbers right-aligned on the first,
     * then the CI line and marker under it. Returns the y below the last row.
     */
    private static double drawnRows(Scale scale, Range range, List<Planned> planned, List<Row> rows) {
        double y = TOP;
        for (Planned p : planned) {
            if (!p.drawn()) {
                continue;
            }
            double firstBudget = WIDTH - 2 * EDGE - (p.numbers() == null ? 0 : width(p.numbers(), p.headline()) + GAP);
            List<Label> label = new ArrayList<>();
            double baselineY = y + FONT;
            for (String line : wrap(p.label(), firstBudget, WIDTH - 2 * EDGE, p.headline())) {
                if (!line.isEmpty()) {
                    label.add(new Label(line, EDGE, Geometry.round(baselineY), "start"));
                }
                baselineY += LINE;
            }
            Label numbers = p.numbers() == null ? null : new Label(p.numbers(), WIDTH - EDGE, Geometry.round(y + FONT), "end");
            double rowY = Geometry.round(baselineY - LINE + FONT);
            Ci ci = p.low() == null ? null : ci(scale, range, p.low(), p.high(), rowY);
            Marker marker = p.value() == null ? null : marker(scale, range, p, ci, rowY);
            rows.add(new Row(p.kind(), p.headline(), label, numbers, List.of(), rowY, ci, marker, p.findingId()));
            // room for the largest marker (half of 16) before the next row's label
            y = rowY + 11;
        }
        return y;
    }

    /** The axis under the drawn rows: line, ticks, line of no effect, favours labels, title. */
    private static Axis axis(Scale scale, String measure, String unit, Range range, double below, boolean higherIsBetter,
                             boolean baseline) {
        double none = scale == Scale.LOG ? 1 : 0;
        double axisY = Geometry.round(below + 2);
        double tickLabelY = Geometry.round(axisY + Geometry.TICK + 14);
        List<Tick> ticks = new ArrayList<>();
        for (double v : range.ticks()) {
            ticks.add(new Tick(v, Geometry.round(x(scale, range.min(), range.max(), v)), tickLabelY, tickLabel(v)));
        }
        double noEffectX = Geometry.round(x(scale, range.min(), range.max(), none));
        // with no control arm (a change from baseline) the sides are better and worse, not a comparator
        String benefitText = baseline ? "Improved from baseline" : "Favours cell therapy";
        String harmText = baseline ? "Worse than baseline" : "Favours control";
        Label[] favours = favours("← " + (higherIsBetter ? harmText : benefitText), (higherIsBetter ? benefitText : harmText) + " →",
                noEffectX, tickLabelY + 18);
        double titleY = Math.max(favours[0].y(), favours[1].y()) + 18;
        String name = measureName(measure) + (unit.isEmpty() || "no unit".equals(unit) || "SMD".equals(measure) ? "" : " (" + unit + ")");
        Label title = new Label(name + (scale == Scale.LOG ? " (log scale)" : ""), WIDTH / 2, Geometry.round(titleY), "middle");
        return new Axis(scale, measure, name, range.min(), range.max(), LEFT, RIGHT, axisY, TOP, none, noEffectX, ticks,
                favours[0], favours[1], title);
    }

    /** The rows said in words under the axis: bold label, then the words. Returns the plot's height. */
    private static double textRows(List<Planned> planned, double top, List<Row> rows) {
        double y = top;
        for (Planned p : planned) {
            if (p.drawn()) {
                continue;
            }
            y += 6;
            List<Label> label = new ArrayList<>();
            for (String line : wrap(p.label(), WIDTH - 2 * EDGE, WIDTH - 2 * EDGE, true)) {
                y += LINE;
                label.add(new Label(line, EDGE, Geometry.round(y), "start"));
            }
            List<Label> notes = new ArrayList<>();
            for (String line : wrap(p.words(), WIDTH - 2 * EDGE, WIDTH - 2 * EDGE, false)) {
                y += LINE;
                notes.add(new Label(line, EDGE, Geometry.round(y), "start"));
            }
            rows.add(new Row(p.kind(), p.headline(), label, null, notes, Double.NaN, null, null, p.findingId()));
        }
        return Geometry.round(y + 8);
    }

    /** The caption's account of what is drawn. */
    private static String what(List<Planned> planned) {
        Set<Kind> kinds = new LinkedHashSet<>();
        Set<String> roles = new LinkedHashSet<>();
        for (Planned p : planned) {
            kinds.add(p.kind());
            if (p.summary()) {
                roles.add(p.role());
            }
        }
        List<String> parts = new ArrayList<>();
        if (roles.contains("overall")) {
            parts.add("the overall estimate");
        }
        if (roles.contains("patient") || roles.contains("protocol") || roles.contains("unplaced")) {
            parts.add("the subgroups that apply to this patient");
        }
        if (roles.contains("timepoint")) {
            parts.add("the estimates at each follow-up time");
        }
        String drawn = parts.size() < 2 ? String.join("", parts)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        if (kinds.contains(Kind.STUDY)) {
            drawn += "; for estimates pooled here, their trials (squares sized by weight)"
                    + (kinds.contains(Kind.PREDICTION_INTERVAL) ? " and the 95% prediction interval" : "");
        }
        if (kinds.contains(Kind.DIRECTION_ONLY) || kinds.contains(Kind.OTHER_SCALE)) {
            drawn += "; findings that cannot be drawn on this axis are listed under it in words";
        }
        return drawn;
    }

    /** The CI line, clipped to the axis; a clipped end gets an arrowhead pointing off the axis. */
    private static Ci ci(Scale scale, Range range, double low, double high, double y) {
        // a CI end exactly on an axis end (a capped log value, a tick) is on the axis, not clipped
        double tolerance = 1e-9 * (t(scale, range.max()) - t(scale, range.min()));
        boolean clippedLow = t(scale, low) < t(scale, range.min()) - tolerance;
        boolean clippedHigh = t(scale, high) > t(scale, range.max()) + tolerance;
        double x1 = clippedLow ? LEFT : x(scale, range.min(), range.max(), low);
        double x2 = clippedHigh ? RIGHT : x(scale, range.min(), range.max(), high);
        String arrowLow = clippedLow ? points(LEFT - 4, y, LEFT + 3, y - 4, LEFT + 3, y + 4) : null;
        String arrowHigh = clippedHigh ? points(RIGHT + 4, y, RIGHT - 3, y - 4, RIGHT - 3, y + 4) : null;
        return new Ci(low, high, Geometry.round(x1), Geometry.round(x2), y, clippedLow, clippedHigh, arrowLow, arrowHigh);
    }

    private static Marker marker(Scale scale, Range range, Planned p, Ci ci, double y) {
        double cx = Geometry.round(x(scale, range.min(), range.max(), p.value()));
        return switch (p.kind()) {
            case STUDY -> {
                // area grows with weight, as in RevMan; capped so a single study does not hide its CI
                double size = Math.min(16, 4 + Math.sqrt(p.weight()) * 1.2);
                double h = size / 2;
                yield new Marker(Shape.SQUARE, p.value(), cx, y, Geometry.round(size), 0,
                        points(cx - h, y - h, cx + h, y - h, cx + h, y + h, cx - h, y + h));
            }
            case OVERALL, POOLED -> {
                double x1 = ci == null ? cx - 6 : Math.min(ci.x1(), cx - 3);
                double x2 = ci == null ? cx + 6 : Math.max(ci.x2(), cx + 3);
                yield new Marker(Shape.DIAMOND, p.value(), cx, y, Geometry.round(x2 - x1), 0, points(x1, y, cx, y - 7, x2, y, cx, y + 7));
            }
            default -> new Marker(Shape.CIRCLE, p.value(), cx, y, 10, 5, null);
        };
    }

    private static String points(double... xy) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < xy.length; i += 2) {
            s.append(i == 0 ? "" : " ").append(Geometry.text(xy[i])).append(',').append(Geometry.text(xy[i + 1]));
        }
        return s.toString();
    }

    /**
     * The two favours labels under the axis, each on its own side of the line of no effect: centred in
     * its half when it fits there; else at the viewBox edges (the arrows say which way), on two lines if
     * even then they would meet.
     */
    static Label[] favours(String left, String right, double noEffectX, double y) {
        double wl = width(left);
        double wr = width(right);
        double leftHalf = noEffectX - GAP / 2 - EDGE;
        double rightHalf = WIDTH - EDGE - noEffectX - GAP / 2;
        y = Geometry.round(y);
        if (wl <= leftHalf && wr <= rightHalf) {
            return new Label[] {new Label(left, Geometry.round((EDGE + noEffectX - GAP / 2) / 2), y, "middle"),
                    new Label(right, Geometry.round((noEffectX + GAP / 2 + WIDTH - EDGE) / 2), y, "middle")};
        }
        boolean oneLine = wl + wr + GAP <= WIDTH - 2 * EDGE;
        return new Label[] {new Label(left, EDGE, y, "start"),
                new Label(right, WIDTH - EDGE, oneLine ? y : Geometry.round(y + LINE), "end")};
    }

    /** Words in lines no wider than the budgets (the first line may have less room); a longer word keeps its own line. */
    static List<String> wrap(String text, double firstBudget, double budget, boolean bold) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.length() == 0 ? word : line + " " + word;
            double room = lines.isEmpty() ? firstBudget : budget;
            if (line.length() == 0 && lines.isEmpty() && width(word, bold) > firstBudget && firstBudget < budget) {
                // not even the first word fits beside the numbers: the label starts on the next line
                lines.add("");
                room = budget;
            }
            if (line.length() > 0 && width(candidate, bold) > room) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (line.length() > 0 || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
