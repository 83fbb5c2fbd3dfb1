package org.evidencecds.web.page;

import java.util.List;

/**
 * One outcome's forest plot as geometry, ready for {@code templates/fragments/forest.html} to draw: every
 * coordinate is in viewBox units, already rounded to one decimal, and every text is final display text.
 * No markup here: the template owns the SVG, this record owns the numbers (so tests can check the
 * numbers without parsing SVG).
 *
 * @param id          unique per page ({@code plot-<pack>-<outcome>}, [a-z0-9-]); the other ids derive from it
 * @param titleId     id of the SVG {@code <title>}, for {@code aria-labelledby}
 * @param descId      id of the SVG {@code <desc>}, for {@code aria-describedby}
 * @param title       the accessible name ("Forest plot: Complete ulcer healing, odds ratio")
 * @param description every drawn and listed row in words, for screen readers
 * @param caption     what is drawn, in words, for the {@code <figcaption>}
 * @param width       viewBox width
 * @param height      viewBox height
 * @param axis        the shared axis of every drawn row
 * @param rows        top to bottom: drawn rows (above the axis), then text rows (below it)
 */
public record ForestPlotView(String id, String titleId, String descId, String title, String description, String caption,
                             double width, double height, Axis axis, List<Row> rows) {

    public ForestPlotView {
        rows = List.copyOf(rows);
    }

    /** The value of the {@code viewBox} attribute. */
    public String viewBox() {
        return "0 0 " + Geometry.text(width) + " " + Geometry.text(height);
    }

    /** The rows drawn on the axis (with a point). */
    public List<Row> drawnRows() {
        return rows.stream().filter(Row::drawn).toList();
    }

    /** The rows said in words under the axis (direction-only claims, estimates on another scale). */
    public List<Row> textRows() {
        return rows.stream().filter(r -> !r.drawn()).toList();
    }

    /** A log axis for ratio measures (OR, RR), a linear one for differences (MD, SMD). */
    public enum Scale { LOG, LINEAR }

    /**
     * The shared axis.
     *
     * @param scale       log or linear
     * @param measure     the measure drawn ("OR", "MD" ...)
     * @param name        the measure in words, with its unit ("Odds ratio", "Mean difference (days)")
     * @param min         the value at the left end
     * @param max         the value at the right end
     * @param left        x of the left end
     * @param right       x of the right end
     * @param y           y of the axis line
     * @param top         y where the line of no effect starts
     * @param noEffect    the value of no effect (1 or 0)
     * @param noEffectX   x of the line of no effect
     * @param ticks       left to right
     * @param favoursLeft what points left of the line of no effect favour, placed under the axis
     * @param favoursRight what points right of it favour
     * @param title       the axis title under the favours labels ("Odds ratio (log scale)")
     */
    public record Axis(Scale scale, String measure, String name, double min, double max, double left, double right, double y,
                       double top, double noEffect, double noEffectX, List<Tick> ticks, Label favoursLeft, Label favoursRight,
                       Label title) {

        public Axis {
            ticks = List.copyOf(ticks);
        }

        /** y of the tick marks' lower end. */
        public double tickEnd() {
            return Geometry.round(y + Geometry.TICK);
        }
    }

    /** A tick: its value, x, and label text (whole numbers without ".0", minus sign U+2212). */
    public record Tick(double value, double x, double labelY, String label) {
    }

    /** A line of text: {@code anchor} is the SVG text-anchor (start, middle, end). */
    public record Label(String text, double x, double y, String anchor) {
    }

    /** What a row shows. */
    public enum Kind {
        /** A whole-review estimate (diamond). */
        OVERALL,
        /** A subgroup or time-point estimate (circle). */
        SUBGROUP,
        /** One study of an estimate pooled here (square sized by weight). */
        STUDY,
        /** An estimate pooled here from the study rows above it (diamond). */
        POOLED,
        /** The 95% prediction interval of the estimate pooled here (a line, no point). */
        PREDICTION_INTERVAL,
        /** A claim with a direction and no numbers: words only, never a bar. */
        DIRECTION_ONLY,
        /** An estimate on another scale (another measure, or printed with the opposite sign): words only. */
        OTHER_SCALE
    }

    /** The marker shapes. */
    public enum Shape { SQUARE, DIAMOND, CIRCLE }

    /**
     * One row.
     *
     * @param kind     what the row is
     * @param headline the outcome's headline estimate (shown in bold)
     * @param label    the row's label, one or more lines (labels wrap; never under the numbers)
     * @param numbers  the numbers as published ("4.64 [3.11, 6.90]"), right-aligned on the first label
     *                 line; null for text rows
     * @param notes    text rows: what the row says in words, one or more lines; empty for drawn rows
     * @param y        y of the CI line and marker; NaN for text rows
     * @param ci       the CI (or prediction interval) line; null when there is none
     * @param marker   the point; null for the prediction interval and text rows
     * @param findingId the finding the row shows (null for study and prediction-interval rows)
     */
    public record Row(Kind kind, boolean headline, List<Label> label, Label numbers, List<Label> notes, double y, Ci ci,
                      Marker marker, String findingId) {

        public Row {
            label = List.copyOf(label);
            notes = List.copyOf(notes);
        }

        /** Drawn on the axis (as opposed to said in words under it). */
        public boolean drawn() {
            return kind != Kind.DIRECTION_ONLY && kind != Kind.OTHER_SCALE;
        }

        /** The label as one string (its lines joined by spaces). */
        public String labelText() {
            return String.join(" ", label.stream().map(Label::text).toList());
        }
    }

    /**
     * A CI line from {@code x1} to {@code x2}, clipped to the axis; a clipped end gets an arrowhead
     * ({@code arrowLow}/{@code arrowHigh}: polygon points, null when that end is on the axis).
     */
    public record Ci(double low, double high, double x1, double x2, double y, boolean clippedLow, boolean clippedHigh,
                     String arrowLow, String arrowHigh) {
    }

    /**
     * A marker at {@code (cx, cy)}: a circle of radius {@code r}, or a polygon ({@code points}) for squares
     * and diamonds; {@code size} is its width (a study's square grows with its weight).
     */
    public record Marker(Shape shape, double value, double cx, double cy, double size, double r, String points) {

        public boolean circle() {
            return shape == Shape.CIRCLE;
        }
    }

    /** Rounding and text of coordinates: one decimal, a dot, never an exponent. */
    static final class Geometry {

        static final double TICK = 5;

        private Geometry() {
        }

        static double round(double v) {
            return Math.round(v * 10) / 10.0;
        }

        static String text(double v) {
            double r = round(v);
            return r == Math.rint(r) ? Long.toString((long) r) : Double.toString(r);
        }
    }
}
