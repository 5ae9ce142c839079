package org.predspace.ui.figures;

import javafx.scene.paint.Color;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading exported figures back the way other programs do: ImageIO for PNG, an XML parser for SVG. */
final class FigureFiles {
    private FigureFiles() {}

    static BufferedImage png(Path file) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) throw new AssertionError(file + " is not a PNG ImageIO can read");
        return image;
    }

    /** Pixels within a small distance of {@code colour} (anti-aliased edges aside, a drawn line's core). */
    static int pixelsNear(BufferedImage image, Color colour) {
        int r = (int) Math.round(colour.getRed() * 255), g = (int) Math.round(colour.getGreen() * 255),
                b = (int) Math.round(colour.getBlue() * 255);
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                int d = Math.abs(((p >> 16) & 255) - r) + Math.abs(((p >> 8) & 255) - g) + Math.abs((p & 255) - b);
                if (d <= 30) count++;
            }
        }
        return count;
    }

    static Document svg(Path file) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(file.toFile());
    }

    static List<Element> elements(Document d, String name) {
        NodeList list = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", name);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < list.getLength(); i++) out.add((Element) list.item(i));
        return out;
    }

    static List<String> texts(Document d) {
        return elements(d, "text").stream().map(Element::getTextContent).toList();
    }

    /** The series lines drawn in {@code colour}. */
    static List<Element> seriesPaths(Document d, Color colour) {
        String hex = SvgWriter.hex(colour);
        return elements(d, "path").stream().filter(e -> e.getAttribute("class").contains("chart-series-line"))
                .filter(e -> e.getAttribute("stroke").equals(hex)).toList();
    }

    /** A path's points in the document's user space (its transform applied): [x0, y0, x1, y1, ...]. */
    static double[] userPoints(Element path) {
        double[] m = {1, 0, 0, 1, 0, 0};
        String t = path.getAttribute("transform");
        if (!t.isEmpty()) {
            String[] v = t.substring(t.indexOf('(') + 1, t.indexOf(')')).trim().split("[ ,]+");
            if (t.startsWith("translate")) m = new double[] {1, 0, 0, 1, Double.parseDouble(v[0]), Double.parseDouble(v[1])};
            else for (int i = 0; i < 6; i++) m[i] = Double.parseDouble(v[i]);
        }
        String[] tokens = path.getAttribute("d").split(" ");
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < tokens.length; i++) {
            if (!tokens[i].equals("M") && !tokens[i].equals("L")) continue;
            double x = Double.parseDouble(tokens[i + 1]), y = Double.parseDouble(tokens[i + 2]);
            out.add(m[0] * x + m[2] * y + m[4]);
            out.add(m[1] * x + m[3] * y + m[5]);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Every point of {@code path} lies within the document's view box. */
    static boolean insideViewBox(Document d, Element path) {
        String[] box = d.getDocumentElement().getAttribute("viewBox").split(" ");
        double w = Double.parseDouble(box[2]), h = Double.parseDouble(box[3]);
        double[] p = userPoints(path);
        for (int i = 0; i < p.length; i += 2) if (p[i] < 0 || p[i] > w || p[i + 1] < 0 || p[i + 1] > h) return false;
        return p.length > 0;
    }

    /** Points of a path: its move-to and line-to commands. */
    static int points(Element path) {
        int n = 0;
        for (String token : path.getAttribute("d").split(" ")) if (token.equals("M") || token.equals("L")) n++;
        return n;
    }
}
