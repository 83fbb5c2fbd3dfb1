package org.evidencecds.web;

import java.util.List;
import java.util.Locale;
import org.springframework.web.util.HtmlUtils;

/**
 * Server-side SVG forest plots (no JavaScript library): one row per study with its CI and a square sized
 * by weight, the pooled diamond, the prediction interval, and the line of no effect. Ratio measures are
 * drawn on a log axis. A published estimate without study data is drawn as a diamond labelled as such.
 */
final class ForestPlot {

    /** The plot's inline SVG style (allowed by its hash in the pages' Content-Security-Policy). */
    static final String STYLE = "text{font:12px system-ui,sans-serif}";

    /** One row; {@code text} is its numbers as shown (the published text for a published estimate), null: computed here. */
    record Row(String label, double estimate, double low, double high, Double weightPercent, String text) {

        Row(String label, double estimate, double low, double high, Double weightPercent) {
            this(label, estimate, low, high, weightPercent, null);
        }
    }

    private static final int WIDTH = 640;
    private static final int LABEL = 190;
    private static final int NUMBERS = 150;
    private static final int ROW = 22;

    private ForestPlot() {
    }

    static String svg(String title, String measure, List<Row> studies, Row pooled, Double piLow, Double piHigh) {
        boolean ratio = "OR".equals(measure) || "RR".equals(measure);
        double none = ratio ? 1.0 : 0.0;
        double min = none;
        double max = none;
        for (Row r : studies) {
            min = Math.min(min, r.low());
            max = Math.max(max, r.high());
        }
        min = Math.min(min, pooled.low());
        max = Math.max(max, pooled.high());
        if (piLow != null) {
            min = Math.min(min, piLow);
            max = Math.max(max, piHigh);
        }
        double lo = ratio ? Math.log(min) : min;
        double hi = ratio ? Math.log(max) : max;
        double pad = (hi - lo) * 0.08 + 1e-9;
        lo -= pad;
        hi += pad;
        int plotWidth = WIDTH - LABEL - NUMBERS;
        int rows = studies.size() + 2;
        int height = rows * ROW + 40;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"100%\" aria-labelledby=\"fp-").append(Math.abs(title.hashCode())).append("\">")
                .append("<title id=\"fp-").append(Math.abs(title.hashCode())).append("\">").append(esc(title)).append("</title>")
                .append("<style>").append(STYLE).append("</style>");
        double xNone = x(ratio ? 0 : 0, lo, hi, plotWidth);
        s.append(line(LABEL + xNone, 4, LABEL + xNone, height - 28, "#555", "4 3"));
        int y = ROW;
        for (Row r : studies) {
            s.append(text(4, y + 4, r.label(), "start"));
            double cx = LABEL + x(t(r.estimate(), ratio), lo, hi, plotWidth);
            s.append(line(LABEL + x(t(r.low(), ratio), lo, hi, plotWidth), y, LABEL + x(t(r.high(), ratio), lo, hi, plotWidth), y, "#222", null));
            double size = r.weightPercent() == null ? 6 : 4 + Math.sqrt(r.weightPercent()) * 1.6;
            s.append("<rect x=\"").append(fmt(cx - size / 2)).append("\" y=\"").append(fmt(y - size / 2)).append("\" width=\"")
                    .append(fmt(size)).append("\" height=\"").append(fmt(size)).append("\" fill=\"#1f4e79\"/>");
            s.append(text(WIDTH - 4, y + 4, numbers(r) + (r.weightPercent() == null ? "" : String.format(Locale.ROOT, "  %.0f%%", r.weightPercent())), "end"));
            y += ROW;
        }
        if (piLow != null) {
            s.append(line(LABEL + x(t(piLow, ratio), lo, hi, plotWidth), y, LABEL + x(t(piHigh, ratio), lo, hi, plotWidth), y, "#b35900", null));
            s.append(text(4, y + 4, "95% prediction interval", "start"));
            s.append(text(WIDTH - 4, y + 4, num(piLow) + " to " + num(piHigh), "end"));
        }
        y += ROW;
        double l = LABEL + x(t(pooled.low(), ratio), lo, hi, plotWidth);
        double c = LABEL + x(t(pooled.estimate(), ratio), lo, hi, plotWidth);
        double h = LABEL + x(t(pooled.high(), ratio), lo, hi, plotWidth);
        s.append("<polygon points=\"").append(fmt(l)).append(',').append(y).append(' ').append(fmt(c)).append(',').append(y - 7)
                .append(' ').append(fmt(h)).append(',').append(y).append(' ').append(fmt(c)).append(',').append(y + 7)
                .append("\" fill=\"#8b0000\"/>");
        s.append(text(4, y + 4, pooled.label(), "start"));
        s.append(text(WIDTH - 4, y + 4, numbers(pooled), "end"));
        s.append(text(LABEL + xNone, height - 12, (ratio ? measure + " 1" : measure + " 0") + " (no effect)", "middle"));
        s.append("</svg>");
        return s.toString();
    }

    private static double t(double v, boolean ratio) {
        return ratio ? Math.log(v) : v;
    }

    private static double x(double v, double lo, double hi, int width) {
        return (v - lo) / (hi - lo) * width;
    }

    private static String line(double x1, double y1, double x2, double y2, String colour, String dash) {
        return "<line x1=\"" + fmt(x1) + "\" y1=\"" + fmt(y1) + "\" x2=\"" + fmt(x2) + "\" y2=\"" + fmt(y2) + "\" stroke=\"" + colour
                + "\" stroke-width=\"1.5\"" + (dash == null ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
    }

    private static String text(double x, double y, String s, String anchor) {
        return "<text x=\"" + fmt(x) + "\" y=\"" + fmt(y) + "\" text-anchor=\"" + anchor + "\">" + esc(s) + "</text>";
    }

    private static String numbers(Row r) {
        return r.text() != null ? r.text() : num(r.estimate()) + " [" + num(r.low()) + ", " + num(r.high()) + "]";
    }

    /** A value computed here (a study's effect, a prediction limit): 2 decimals, as EffectText's recomputed precision. */
    static String num(double d) {
        return org.evidencecds.findings.EffectText.computed(d);
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}
