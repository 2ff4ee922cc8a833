package org.cairnmq.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.DoubleFunction;

/**
 * A small SVG line chart: one line per series, linear or logarithmic axes. Enough for the benchmark's
 * curves, so that the report needs no chart library.
 */
final class LineChart {
    private static final String[] COLOURS = {"#2b7a4b", "#c0504d", "#4f81bd", "#8064a2", "#f79646"};
    private static final int WIDTH = 640;
    private static final int HEIGHT = 360;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 50;

    /** One line: its name in the legend and its points as {x, y}. */
    record Series(String name, List<double[]> points) {
    }

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final boolean logX;
    private final boolean logY;
    private final DoubleFunction<String> xFormat;
    private final List<Series> series = new ArrayList<>();
    private boolean xDescending;

    LineChart(String title, String xLabel, boolean logX, DoubleFunction<String> xFormat, String yLabel,
            boolean logY) {
        this.title = title;
        this.xLabel = xLabel;
        this.logX = logX;
        this.xFormat = xFormat;
        this.yLabel = yLabel;
        this.logY = logY;
    }

    /** Large x on the left: for a backlog that drains from left to right. */
    LineChart xDescending() {
        xDescending = true;
        return this;
    }

    LineChart add(Series line) {
        series.add(line);
        return this;
    }

    static int height() {
        return HEIGHT;
    }

    /** The chart as a standalone SVG document. */
    String svg() {
        return svgAt(0) + "\n";
    }

    /** The chart as an {@code <svg>} element at vertical offset {@code y}, to stack several in one file. */
    String svgAt(int y) {
        TreeSet<Double> xs = new TreeSet<>();
        double yMin = Double.MAX_VALUE;
        double yMax = -Double.MAX_VALUE;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (usable(p[0], logX) && usable(p[1], logY)) {
                    xs.add(p[0]);
                    yMin = Math.min(yMin, p[1]);
                    yMax = Math.max(yMax, p[1]);
                }
            }
        }
        StringBuilder svg = new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "y=\"%d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">%n", y, WIDTH, HEIGHT));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"16\" font-size=\"13\">%s</text>%n", LEFT, escape(title)));
        if (xs.isEmpty()) {
            return svg.append("</svg>").toString();
        }
        if (!logY) {
            yMin = Math.min(0, yMin);
        }
        if (yMax <= yMin) {
            yMax = logY ? yMin * 10 : yMin + 1;
        }
        Axis xAxis = new Axis(xs.first(), xs.last() > xs.first() ? xs.last() : xs.first() + 1, logX,
                xDescending ? WIDTH - RIGHT : LEFT, xDescending ? LEFT : WIDTH - RIGHT);
        Axis yAxis = new Axis(logY ? lowerPowerOf10(yMin) : yMin, logY ? upperPowerOf10(yMax) : yMax * 1.05, logY,
                HEIGHT - BOTTOM, TOP);
        frame(svg, xAxis, yAxis, xs);
        for (int i = 0; i < series.size(); i++) {
            String colour = COLOURS[i % COLOURS.length];
            StringBuilder path = new StringBuilder();
            for (double[] p : series.get(i).points()) {
                if (usable(p[0], logX) && usable(p[1], logY)) {
                    path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                            xAxis.at(p[0]), yAxis.at(p[1])));
                    svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" fill=\"%s\"/>%n",
                            xAxis.at(p[0]), yAxis.at(p[1]), colour));
                }
            }
            svg.append(String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>%n",
                    path, colour));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"26\" width=\"10\" height=\"10\" fill=\"%s\"/>"
                    + "<text x=\"%d\" y=\"35\">%s</text>%n", LEFT + i * 180, colour, LEFT + i * 180 + 14,
                    escape(series.get(i).name())));
        }
        return svg.append("</svg>").toString();
    }

    private void frame(StringBuilder svg, Axis xAxis, Axis yAxis, TreeSet<Double> xs) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", LEFT, TOP, WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM));
        // x ticks at the measured points (few of them: client counts, sizes, segments)
        int every = Math.max(1, xs.size() / 10);
        int n = 0;
        for (double x : xs) {
            if (n++ % every == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                        xAxis.at(x), HEIGHT - BOTTOM + 15, escape(xFormat.apply(x))));
            }
        }
        for (double v : yAxis.ticks()) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>%n", LEFT, WIDTH - RIGHT, yAxis.at(v),
                    yAxis.at(v), LEFT - 4, yAxis.at(v) + 4, String.format(Locale.ROOT, "%,.0f", v)));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>%n",
                (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 12, escape(xLabel + (logX ? " (log)" : ""))));
        svg.append(String.format(Locale.ROOT, "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">"
                + "%s</text>%n", (TOP + HEIGHT - BOTTOM) / 2, escape(yLabel + (logY ? " (log)" : ""))));
    }

    private static boolean usable(double v, boolean log) {
        return Double.isFinite(v) && (!log || v > 0);
    }

    private static double lowerPowerOf10(double v) {
        return Math.pow(10, Math.floor(Math.log10(v)));
    }

    private static double upperPowerOf10(double v) {
        return Math.pow(10, Math.ceil(Math.log10(v) + 1e-9));
    }

    /** Maps values from {@code min..max} to pixels {@code from..to}. */
    private record Axis(double min, double max, boolean log, double from, double to) {
        double at(double v) {
            double f = log ? (Math.log(v) - Math.log(min)) / (Math.log(max) - Math.log(min)) : (v - min) / (max - min);
            return from + f * (to - from);
        }

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            if (log) {
                boolean few = max / min <= 100; // two decades or less: 2 and 5 between the powers of ten
                for (double v = min; v <= max * 1.0001; v *= 10) {
                    ticks.add(v);
                    if (few && v * 2 <= max) {
                        ticks.add(v * 2);
                    }
                    if (few && v * 5 <= max) {
                        ticks.add(v * 5);
                    }
                }
                return ticks;
            }
            double step = Math.pow(10, Math.floor(Math.log10((max - min) / 4)));
            if ((max - min) / step > 10) {
                step *= 2;
            }
            for (double v = Math.ceil(min / step) * step; v <= max; v += step) {
                ticks.add(v);
            }
            return ticks;
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;");
    }
}
