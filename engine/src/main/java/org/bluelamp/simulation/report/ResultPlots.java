package org.bluelamp.simulation.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * Draws a {@link Comparison} as PNG charts with JFreeChart: per grade with a target, the
 * distribution of response times of each policy (the share of incidents attended within t
 * minutes, all seeds pooled; the targets marked), and the share attended within target by hour of
 * the call. One colour per policy, the same in every chart. Stateless; headless.
 */
public final class ResultPlots {
    private static final Color[] COLOURS = {
        new Color(0xD62728), new Color(0x1F77B4), new Color(0x2CA02C), new Color(0x9467BD), new Color(0xFF7F0E)
    };
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 620;

    private ResultPlots() {}

    /** Writes every chart into {@code folder}; returns the files written. */
    public static List<Path> write(Comparison c, Path folder) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Path> out = new ArrayList<>();
        for (int g = 0; g < c.gradeCodes().size(); g++) {
            double[] t = c.targetMinutes().get(g);
            if (Double.isNaN(t[0]) && Double.isNaN(t[1])) {
                continue;
            }
            String code = c.gradeCodes().get(g);
            Path distribution = folder.resolve("response-times-grade-" + code + ".png");
            ChartUtils.saveChartAsPNG(distribution.toFile(), responseTimes(c, g), WIDTH, HEIGHT);
            out.add(distribution);
            Path byHour = folder.resolve("compliance-by-hour-grade-" + code + ".png");
            ChartUtils.saveChartAsPNG(byHour.toFile(), complianceByHour(c, g), WIDTH, HEIGHT);
            out.add(byHour);
        }
        return out;
    }

    /** The share of a grade's incidents attended within t minutes, per policy (all seeds pooled). */
    static JFreeChart responseTimes(Comparison c, int g) {
        String code = c.gradeCodes().get(g);
        XYSeriesCollection data = new XYSeriesCollection();
        double xMax = 0;
        for (PolicySummary p : c.policies()) {
            double[] all = pooledResponses(p, code);
            int incidents = 0;
            for (RunMetrics r : p.runs()) {
                incidents += r.grade(code).incidents();
            }
            Arrays.sort(all);
            XYSeries s = new XYSeries(p.policy() + " (" + all.length + " of " + incidents + " attended)");
            // the empirical distribution at 0.5% steps of the incidents (unattended ones never arrive)
            for (int k = 0; k <= 200; k++) {
                double q = k / 200.0;
                if (all.length == 0) {
                    break;
                }
                double x = Quantiles.of(all, q);
                s.add(x, 100.0 * q * all.length / Math.max(1, incidents));
            }
            if (all.length > 0) {
                xMax = Math.max(xMax, Quantiles.of(all, 0.98));
            }
            data.addSeries(s);
        }
        double[] t = c.targetMinutes().get(g);
        xMax = Math.max(xMax, Math.max(nanToZero(t[0]), nanToZero(t[1])) * 1.5);
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Grade " + code + ": share of incidents attended within t minutes of the call",
                "response time t (minutes, call to first unit on scene)",
                "incidents attended within t (%)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = style(chart, c);
        ((NumberAxis) plot.getDomainAxis()).setRange(0, Math.ceil(xMax));
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        marker(plot, t[0], (t[1] != t[0] ? "urban target " : "target ") + minutes(t[0]), false);
        if (t[1] != t[0]) {
            marker(plot, t[1], "rural target " + minutes(t[1]), true);
        }
        return chart;
    }

    /** The share of a grade's incidents attended within target by hour of the call, per policy. */
    static JFreeChart complianceByHour(Comparison c, int g) {
        String code = c.gradeCodes().get(g);
        XYSeriesCollection data = new XYSeriesCollection();
        for (PolicySummary p : c.policies()) {
            double[] within = new double[24];
            double[] count = new double[24];
            for (RunMetrics r : p.runs()) {
                RunMetrics.GradeMetrics gm = r.grade(code);
                for (int h = 0; h < 24; h++) {
                    if (!Double.isNaN(gm.hourCompliance()[h])) {
                        within[h] += gm.hourCompliance()[h] * gm.hourIncidents()[h];
                        count[h] += gm.hourIncidents()[h];
                    }
                }
            }
            XYSeries s = new XYSeries(p.policy());
            for (int h = 0; h < 24; h++) {
                if (count[h] > 0) {
                    s.add(h + 0.5, 100.0 * within[h] / count[h]);
                }
            }
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Grade " + code + ": share attended within target, by hour of the call",
                "hour of the call (scenario time zone)",
                "attended within target (%)",
                data,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = style(chart, c);
        NumberAxis x = (NumberAxis) plot.getDomainAxis();
        x.setRange(0, 24);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(2));
        double lowest = 100;
        for (int k = 0; k < data.getSeriesCount(); k++) {
            for (int i = 0; i < data.getItemCount(k); i++) {
                lowest = Math.min(lowest, data.getYValue(k, i));
            }
        }
        ((NumberAxis) plot.getRangeAxis()).setRange(Math.max(0, Math.floor((lowest - 5) / 10) * 10), 100.5);
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int k = 0; k < data.getSeriesCount(); k++) {
            r.setSeriesShapesVisible(k, true);
        }
        return chart;
    }

    private static XYPlot style(JFreeChart chart, Comparison c) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        chart.addSubtitle(new TextTitle(
                String.format(
                        Locale.ROOT,
                        "%s on %s: %d day(s) x %d seeds, %.0f incidents a day, %d units. Map data © OpenStreetMap"
                                + " contributors",
                        c.scenario(),
                        c.map(),
                        c.days(),
                        c.seeds().size(),
                        c.incidentsPerDay(),
                        c.units()),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) plot.getRenderer();
        for (int k = 0; k < c.policies().size(); k++) {
            r.setSeriesPaint(k, COLOURS[k % COLOURS.length]);
            r.setSeriesStroke(k, new BasicStroke(2.5f));
        }
        plot.getDomainAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        plot.getRangeAxis().setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        return plot;
    }

    /** A dashed vertical line at a target, labelled at the foot or (so two labels never overlap) mid-height. */
    private static void marker(XYPlot plot, double minutes, String label, boolean midHeight) {
        if (Double.isNaN(minutes)) {
            return;
        }
        ValueMarker m = new ValueMarker(minutes);
        m.setPaint(Color.DARK_GRAY);
        m.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        m.setLabel(label);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        m.setLabelAnchor(midHeight ? RectangleAnchor.RIGHT : RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(midHeight ? TextAnchor.CENTER_LEFT : TextAnchor.BOTTOM_LEFT);
        plot.addDomainMarker(m);
    }

    private static double[] pooledResponses(PolicySummary p, String code) {
        int n = 0;
        for (RunMetrics r : p.runs()) {
            n += r.grade(code).responseMinutes().length;
        }
        double[] all = new double[n];
        int k = 0;
        for (RunMetrics r : p.runs()) {
            double[] v = r.grade(code).responseMinutes();
            System.arraycopy(v, 0, all, k, v.length);
            k += v.length;
        }
        return all;
    }

    private static String minutes(double m) {
        return String.format(Locale.ROOT, "%.0f min", m);
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }
}
