import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.CubicCurve2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws the PredSpace icon: three training trajectories leaving "ignorance" (a grey ring,
 * lower left) and bending towards "truth" (a dark dot, upper right), marked with checkpoints
 * in the explorer's first palette hues on its #FAFAFA background. Vector drawing at every
 * size, so there is no scaled bitmap to commit by hand.
 *
 * <p>Run from the repository root: {@code java packaging/icon/DrawIcon.java packaging/icon}.
 * Writes predspace.png (256 px, Linux), predspace.ico (Windows) and predspace.icns (macOS);
 * both containers hold PNG images, which Windows Vista+ and macOS 10.7+ read.
 */
public final class DrawIcon {
    private static final Color BACKGROUND = new Color(0xFA, 0xFA, 0xFA);
    private static final Color FRAME = new Color(0xD0, 0xD4, 0xDA);
    private static final Color IGNORANCE = new Color(0x9E, 0x9E, 0x9E);
    private static final Color TRUTH = new Color(0x26, 0x32, 0x38);
    private static final Color[] RUNS = {
            new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C)};

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : ".");
        Files.createDirectories(out);
        byte[] png256 = png(draw(256));
        Files.write(out.resolve("predspace.png"), png256);
        Files.write(out.resolve("predspace.ico"), ico(png256, 256));
        Files.write(out.resolve("predspace.icns"), icns(png256, png(draw(512)), png(draw(1024))));
    }

    static BufferedImage draw(int size) {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.scale(size / 256.0, size / 256.0);   // drawn on a 256-unit canvas

        RoundRectangle2D tile = new RoundRectangle2D.Double(8, 8, 240, 240, 56, 56);
        g.setColor(BACKGROUND);
        g.fill(tile);
        g.setColor(FRAME);
        g.setStroke(new BasicStroke(4f));
        g.draw(tile);

        Point2D start = new Point2D.Double(58, 198);
        Point2D end = new Point2D.Double(198, 58);
        // the geodesic between the anchors, dashed as in the explorer
        g.setColor(new Color(0xB0, 0xB6, 0xBE));
        g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[] {8f, 9f}, 0f));
        g.drawLine((int) start.getX(), (int) start.getY(), (int) end.getX(), (int) end.getY());

        double[][] bends = {{40, 70, 110, 30}, {130, 150, 215, 120}, {90, 120, 150, 90}};
        for (int r = 0; r < RUNS.length; r++) {
            double[] b = bends[r];
            CubicCurve2D path = new CubicCurve2D.Double(start.getX(), start.getY(), b[0], b[1] + 20,
                    b[2], b[3] + 20, end.getX(), end.getY());
            g.setColor(RUNS[r]);
            g.setStroke(new BasicStroke(6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(path);
            for (double t : new double[] {0.22, 0.45, 0.66, 0.84}) {
                Point2D p = pointOn(path, t);
                double radius = 9;
                g.fill(new Ellipse2D.Double(p.getX() - radius, p.getY() - radius, 2 * radius, 2 * radius));
                g.setColor(BACKGROUND);
                g.setStroke(new BasicStroke(2.5f));
                g.draw(new Ellipse2D.Double(p.getX() - radius, p.getY() - radius, 2 * radius, 2 * radius));
                g.setColor(RUNS[r]);
            }
        }
        g.setColor(BACKGROUND);
        g.fill(new Ellipse2D.Double(start.getX() - 17, start.getY() - 17, 34, 34));
        g.setColor(IGNORANCE);
        g.setStroke(new BasicStroke(7f));
        g.draw(new Ellipse2D.Double(start.getX() - 14, start.getY() - 14, 28, 28));
        g.setColor(TRUTH);
        g.fill(new Ellipse2D.Double(end.getX() - 17, end.getY() - 17, 34, 34));
        g.dispose();
        return image;
    }

    private static Point2D pointOn(CubicCurve2D c, double t) {
        double u = 1 - t;
        double x = u * u * u * c.getX1() + 3 * u * u * t * c.getCtrlX1() + 3 * u * t * t * c.getCtrlX2() + t * t * t * c.getX2();
        double y = u * u * u * c.getY1() + 3 * u * u * t * c.getCtrlY1() + 3 * u * t * t * c.getCtrlY2() + t * t * t * c.getY2();
        return new Point2D.Double(x, y);
    }

    private static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    /** ICONDIR with one entry whose data is a PNG (little-endian fields; 0 means 256 px). */
    private static byte[] ico(byte[] png, int size) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(6 + 16 + png.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) 0).putShort((short) 1).putShort((short) 1);
        b.put((byte) (size % 256)).put((byte) (size % 256)).put((byte) 0).put((byte) 0);
        b.putShort((short) 1).putShort((short) 32).putInt(png.length).putInt(6 + 16);
        b.put(png);
        return b.array();
    }

    /** 'icns' container: ic08 = 256 px, ic09 = 512 px, ic10 = 1024 px, each a PNG (big-endian lengths). */
    private static byte[] icns(byte[] png256, byte[] png512, byte[] png1024) throws IOException {
        String[] types = {"ic08", "ic09", "ic10"};
        byte[][] images = {png256, png512, png1024};
        int total = 8;
        for (byte[] image : images) total += 8 + image.length;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeBytes("icns");
        out.writeInt(total);
        for (int i = 0; i < images.length; i++) {
            out.writeBytes(types[i]);
            out.writeInt(8 + images[i].length);
            out.write(images[i]);
        }
        return bytes.toByteArray();
    }
}
