package dev.sparky.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A grouped bar chart drawn with java.awt (headless): categories on x, one bar per series, the value above
 * each bar, and dashed horizontal target lines. Enough for the two plots of docs/performance.md without a
 * plotting package on the machine.
 */
public final class BarChart {
    /** A dashed horizontal line: a target. */
    public record Line(String label, double y) {}

    private static final int W = 900;
    private static final int H = 520;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 60;
    private static final int BOTTOM = 80;
    private static final Color[] COLORS = {
        new Color(0x3273dc), new Color(0xf14668), new Color(0x48c78e), new Color(0xffb70f)
    };

    private final String title;
    private final String yLabel;
    private final List<String> categories;
    private final Map<String, double[]> series = new LinkedHashMap<>();
    private final List<Line> lines = new ArrayList<>();

    public BarChart(String title, String yLabel, List<String> categories) {
        this.title = title;
        this.yLabel = yLabel;
        this.categories = List.copyOf(categories);
    }

    /** One value per category, NaN for a missing bar. */
    public BarChart series(String name, double... values) {
        series.put(name, values.clone());
        return this;
    }

    public BarChart line(String label, double y) {
        lines.add(new Line(label, y));
        return this;
    }

    public void write(Path png) {
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double max = niceMax();
        drawAxes(g, max);
        drawBars(g, max);
        drawLines(g, max);
        drawLegend(g);
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + png, e);
        }
    }

    private double niceMax() {
        double max = lines.stream().mapToDouble(Line::y).max().orElse(0);
        for (double[] v : series.values()) {
            for (double d : v) {
                if (!Double.isNaN(d)) {
                    max = Math.max(max, d);
                }
            }
        }
        double step = Math.pow(10, Math.floor(Math.log10(Math.max(max, 1e-9))));
        return Math.ceil(max * 1.1 / step) * step;
    }

    private int y(double v, double max) {
        return TOP + (int) Math.round((H - TOP - BOTTOM) * (1 - v / max));
    }

    private void drawAxes(Graphics2D g, double max) {
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        g.drawString(title, LEFT, 32);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        for (int i = 0; i <= 5; i++) {
            double v = max * i / 5;
            int yy = y(v, max);
            g.setColor(new Color(0xe5e5e5));
            g.drawLine(LEFT, yy, W - RIGHT, yy);
            g.setColor(Color.DARK_GRAY);
            String s = Numbers.fmt(v);
            g.drawString(s, LEFT - 8 - g.getFontMetrics().stringWidth(s), yy + 5);
        }
        g.setColor(Color.BLACK);
        g.drawLine(LEFT, TOP, LEFT, H - BOTTOM);
        g.drawLine(LEFT, H - BOTTOM, W - RIGHT, H - BOTTOM);
        Graphics2D r = (Graphics2D) g.create();
        r.rotate(-Math.PI / 2);
        r.drawString(yLabel, -(H - BOTTOM + TOP) / 2 - r.getFontMetrics().stringWidth(yLabel) / 2, 22);
        r.dispose();
    }

    private void drawBars(Graphics2D g, double max) {
        int groupW = (W - LEFT - RIGHT) / Math.max(1, categories.size());
        int barW = Math.max(8, (groupW - 30) / Math.max(1, series.size()));
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        for (int c = 0; c < categories.size(); c++) {
            int x0 = LEFT + c * groupW + 15;
            int s = 0;
            for (double[] values : series.values()) {
                double v = c < values.length ? values[c] : Double.NaN;
                int x = x0 + s * barW;
                if (!Double.isNaN(v)) {
                    g.setColor(COLORS[s % COLORS.length]);
                    g.fillRect(x, y(v, max), barW - 4, H - BOTTOM - y(v, max));
                    g.setColor(Color.BLACK);
                    String label = Numbers.fmt(v);
                    g.drawString(label, x + (barW - 4 - g.getFontMetrics().stringWidth(label)) / 2, y(v, max) - 4);
                }
                s++;
            }
            g.setColor(Color.BLACK);
            String cat = categories.get(c);
            g.drawString(cat, LEFT + c * groupW + (groupW - g.getFontMetrics().stringWidth(cat)) / 2, H - BOTTOM + 20);
        }
    }

    private void drawLines(Graphics2D g, double max) {
        g.setFont(new Font(Font.SANS_SERIF, Font.ITALIC, 12));
        for (Line l : lines) {
            int yy = y(l.y(), max);
            g.setColor(new Color(0x555555));
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            g.drawLine(LEFT, yy, W - RIGHT, yy);
            g.drawString(l.label(), W - RIGHT - g.getFontMetrics().stringWidth(l.label()) - 4, yy - 4);
        }
        g.setStroke(new BasicStroke(1));
    }

    private void drawLegend(Graphics2D g) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int x = LEFT;
        int s = 0;
        for (String name : series.keySet()) {
            g.setColor(COLORS[s++ % COLORS.length]);
            g.fillRect(x, H - 35, 14, 14);
            g.setColor(Color.BLACK);
            g.drawString(name, x + 20, H - 23);
            x += 40 + g.getFontMetrics().stringWidth(name);
        }
    }
}
