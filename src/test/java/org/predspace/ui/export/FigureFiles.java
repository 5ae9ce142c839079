package org.predspace.ui.export;

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

    /** Points of a path: its move-to and line-to commands. */
    static int points(Element path) {
        int n = 0;
        for (String token : path.getAttribute("d").split(" ")) if (token.equals("M") || token.equals("L")) n++;
        return n;
    }
}
