package org.npg4j.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.npg4j.util.AtomicFiles;

/**
 * Line charts (XChart) written as PNG and SVG, atomically. Rendering is headless. Public for the benchmark suite of
 * npg4j-bench, which draws its learning curves with the same look.
 */
public final class Charts {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /**
     * A fixed palette (Tableau 10, then six further well-separated colours) for series that must keep their colour
     * from chart to chart: {@link #colour} of an index.
     */
    private static final java.awt.Color[] PALETTE = {
            new java.awt.Color(0x1f77b4), new java.awt.Color(0xff7f0e), new java.awt.Color(0x2ca02c),
            new java.awt.Color(0xd62728), new java.awt.Color(0x9467bd), new java.awt.Color(0x8c564b),
            new java.awt.Color(0xe377c2), new java.awt.Color(0x7f7f7f), new java.awt.Color(0xbcbd22),
            new java.awt.Color(0x17becf), new java.awt.Color(0x393b79), new java.awt.Color(0xad494a),
            new java.awt.Color(0x637939), new java.awt.Color(0x843c39), new java.awt.Color(0x7b4173),
            new java.awt.Color(0x3182bd)};

    /** The palette's colour number {@code index} (cycling). */
    static java.awt.Color colour(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /** One line of a chart; {@code colour} null lets XChart choose. */
    public record Line(String name, double[] x, double[] y, boolean dashed, java.awt.Color colour) {
        public Line(String name, double[] x, double[] y, boolean dashed) {
            this(name, x, y, dashed, null);
        }

        public static Line of(String name, double[] x, double[] y) {
            return new Line(name, x, y, false);
        }

        /** The same line in a fixed colour. */
        Line in(java.awt.Color c) {
            return new Line(name, x, y, dashed, c);
        }
    }

    /** A line chart; with {@code logY}, non-positive y values are dropped (a log axis cannot show them). */
    public static XYChart lineChart(String title, String xLabel, String yLabel, boolean logY, List<Line> lines) {
        XYChart chart = new XYChartBuilder().width(800).height(520).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        Styler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Line l : lines) {
            double[] x = l.x();
            double[] y = l.y();
            if (logY) {
                int n = 0;
                for (double v : y) {
                    if (v > 0 && Double.isFinite(v)) {
                        n++;
                    }
                }
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int i = 0, k = 0; i < y.length; i++) {
                    if (y[i] > 0 && Double.isFinite(y[i])) {
                        xs[k] = x[i];
                        ys[k++] = y[i];
                    }
                }
                x = xs;
                y = ys;
            }
            if (x.length == 0) {
                continue;
            }
            XYSeries s = chart.addSeries(l.name(), x, y);
            s.setMarker(SeriesMarkers.NONE);
            if (l.colour() != null) {
                s.setLineColor(l.colour());
            }
            if (l.dashed()) {
                s.setLineStyle(new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                        10f, new float[] {6f, 4f}, 0f));
            }
        }
        fitLegend(chart);
        return chart;
    }

    /** Pixels an entry of XChart's legend takes besides its text: the line sample and the gaps around it. */
    private static final int LEGEND_ENTRY_EXTRA = 45;

    /**
     * Places the legend where every entry fits, once the series are added: a row below the plot when the row fits
     * in the chart's width (XChart does not wrap a row, so a longer one ran off the chart's edge), else a column to
     * the right of the plot.
     */
    public static void fitLegend(XYChart chart) {
        Styler st = chart.getStyler();
        java.awt.Graphics2D g = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)
                .createGraphics();
        java.awt.FontMetrics fm = g.getFontMetrics(st.getLegendFont());
        int row = 0;
        for (XYSeries s : chart.getSeriesMap().values()) {
            if (s.isShowInLegend()) {
                row += fm.stringWidth(s.getName()) + LEGEND_ENTRY_EXTRA;
            }
        }
        g.dispose();
        if (row > chart.getWidth() - 20) {
            st.setLegendPosition(Styler.LegendPosition.OutsideE);
            st.setLegendLayout(Styler.LegendLayout.Vertical);
        } else {
            st.setLegendPosition(Styler.LegendPosition.OutsideS);
            st.setLegendLayout(Styler.LegendLayout.Horizontal);
        }
    }

    /** Degrees the x tick labels are turned by: slanted labels need a line height of room, not their width. */
    static final int X_LABEL_ROTATION = 45;

    /**
     * Timestep tick labels in short form (8.19k, 1.5M) and slanted: on equally spaced data (every update's timesteps)
     * XChart 3.8 puts a tick on every few points whatever the spacing hint, and level labels (4.33E5, 1,234,567) ran
     * together.
     */
    public static void compactXAxis(XYChart chart) {
        chart.setCustomXAxisTickLabelsFormatter(Charts::compact);
        chart.getStyler().setXAxisLabelRotation(X_LABEL_ROTATION);
    }

    /** A count in short form with three significant digits: 950, 8.19k, 25k, 1.5M, 2G. */
    static String compact(double v) {
        double a = Math.abs(v);
        String[] suffix = {"", "k", "M", "G"};
        int k = 0;
        while (a >= 999.5 && k < suffix.length - 1) {
            a /= 1000;
            k++;
        }
        java.math.BigDecimal d = new java.math.BigDecimal(a).round(new java.math.MathContext(3));
        return (v < 0 ? "-" : "") + d.stripTrailingZeros().toPlainString() + suffix[k];
    }

    /** Writes {@code base.png} and {@code base.svg}. */
    public static void save(XYChart chart, Path base) {
        try {
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
            AtomicFiles.write(Path.of(base + ".png"), png.toByteArray());
            ByteArrayOutputStream svg = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart, svg, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            AtomicFiles.write(Path.of(base + ".svg"), svg.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(base + ": cannot render chart (" + e.getMessage() + ")", e);
        }
    }
}
