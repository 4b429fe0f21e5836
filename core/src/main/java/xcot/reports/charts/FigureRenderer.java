package xcot.reports.charts;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.jfree.svg.MeetOrSlice;
import org.jfree.svg.PreserveAspectRatio;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

/**
 * Draws a {@link Figure} as SVG (JFreeSVG's {@link SVGGraphics2D}: the chart's own vector drawing) and as PNG (the
 * same drawing rasterized at twice the size, so it stays sharp when printed). Headless: no display is needed.
 */
public final class FigureRenderer {
    static {
        // Charts are drawn off screen; without this a JVM on a machine with no display may try to open one.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private static final int PNG_SCALE = 2;

    private FigureRenderer() {}

    /**
     * The SVG element, for inlining in HTML ({@code idPrefix} keeps the clip-path ids of several charts on one page
     * apart) or, with {@code standalone}, a complete SVG file.
     */
    public static String svg(Figure f, String idPrefix, boolean standalone) {
        SVGGraphics2D g = new SVGGraphics2D(f.widthPixels(), f.heightPixels());
        g.setDefsKeyPrefix(idPrefix);
        f.chart().draw(g, new Rectangle2D.Double(0, 0, f.widthPixels(), f.heightPixels()));
        // A viewBox lets the inline chart scale down with the page (CSS max-width) and when printed.
        return standalone ? g.getSVGDocument() : g.getSVGElement(idPrefix + "svg", true,
                new ViewBox(0, 0, f.widthPixels(), f.heightPixels()), PreserveAspectRatio.XMID_YMID, MeetOrSlice.MEET);
    }

    public static byte[] png(Figure f) {
        BufferedImage image = new BufferedImage(f.widthPixels() * PNG_SCALE, f.heightPixels() * PNG_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.scale(PNG_SCALE, PNG_SCALE);
            f.chart().draw(g, new Rectangle2D.Double(0, 0, f.widthPixels(), f.heightPixels()));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
