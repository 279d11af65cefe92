package io.warden.benchmarks.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A horizontal bar chart as a PNG: {@code BarChart FILE TITLE UNIT label=value ...}. With {@code
 * log:} before the unit the scale is logarithmic (for figures that differ by orders of magnitude,
 * like a cached decision against jCasbin's linear scan). Values that are not numbers are skipped.
 */
public final class BarChart {
  private static final int WIDTH = 900;
  private static final int BAR = 26;
  private static final int GAP = 10;
  private static final Color[] COLORS = {
    new Color(0x2E86AB),
    new Color(0xE07A5F),
    new Color(0x3D405B),
    new Color(0x81B29A),
    new Color(0xF2CC8F),
    new Color(0x9C6644)
  };

  private BarChart() {}

  private record Bar(String label, double value) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: BarChart FILE TITLE [log:]UNIT label=value ...");
    }
    boolean log = args[2].startsWith("log:");
    String unit = log ? args[2].substring(4) : args[2];
    List<Bar> bars = new ArrayList<>();
    for (int i = 3; i < args.length; i++) {
      int eq = args[i].lastIndexOf('=');
      try {
        bars.add(new Bar(args[i].substring(0, eq), Double.parseDouble(args[i].substring(eq + 1))));
      } catch (RuntimeException notANumber) {
        // A "-" (not measured) has no bar.
      }
    }
    if (bars.isEmpty()) {
      return;
    }
    int height = 70 + bars.size() * (BAR + GAP) + 30;
    BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, WIDTH, height);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
    g.drawString(args[1] + " (" + unit + (log ? ", log scale" : "") + ")", 12, 28);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    FontMetrics metrics = g.getFontMetrics();
    int labelWidth = 0;
    for (Bar bar : bars) {
      labelWidth = Math.max(labelWidth, metrics.stringWidth(bar.label()));
    }
    int left = Math.min(labelWidth + 24, WIDTH / 2);
    int right = WIDTH - 110;
    double max = bars.stream().mapToDouble(Bar::value).max().orElse(1);
    double min = bars.stream().mapToDouble(Bar::value).filter(v -> v > 0).min().orElse(1);
    double floor = log ? Math.pow(10, Math.floor(Math.log10(min))) : 0;
    int y = 50;
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double share =
          log
              ? (Math.log10(Math.max(bar.value(), floor)) - Math.log10(floor))
                  / Math.max(1e-9, Math.log10(max) - Math.log10(floor))
              : bar.value() / (max == 0 ? 1 : max);
      int length = (int) Math.round(Math.max(2, share * (right - left)));
      g.setColor(COLORS[i % COLORS.length]);
      g.fillRect(left, y, length, BAR);
      g.setColor(Color.BLACK);
      g.drawString(bar.label(), 10, y + BAR - 8);
      g.drawString(format(bar.value()), left + length + 6, y + BAR - 8);
      y += BAR + GAP;
    }
    g.setStroke(new BasicStroke(1));
    g.drawLine(left, 45, left, y);
    g.dispose();
    ImageIO.write(image, "png", new File(args[0]));
  }

  private static String format(double value) {
    if (value >= 100 || value == Math.rint(value)) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    return String.format(Locale.ROOT, "%.2f", value);
  }
}
