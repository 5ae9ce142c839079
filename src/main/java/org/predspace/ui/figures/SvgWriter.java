package org.predspace.ui.figures;

import javafx.scene.paint.Color;
import javafx.scene.paint.LinearGradient;
import javafx.scene.paint.Paint;
import javafx.scene.paint.RadialGradient;
import javafx.scene.paint.Stop;
import javafx.scene.text.Font;
import javafx.scene.transform.Transform;

import java.util.List;
import java.util.Locale;

/**
 * Builds an SVG document: elements with escaped attributes, shared definitions (clip paths),
 * numbers in Locale.ROOT with at most three decimals, JavaFX paints and fonts in SVG terms.
 * Only what the figure exporters need; the output is plain SVG 1.1 that browsers, Inkscape
 * and Illustrator open.
 */
final class SvgWriter {
    /** JavaFX's "System" font is the platform's UI sans-serif; these are its usual names. */
    static final String SANS = "'Segoe UI', 'Helvetica Neue', Helvetica, Arial, 'DejaVu Sans', sans-serif";

    private final StringBuilder defs = new StringBuilder();
    private final StringBuilder body = new StringBuilder();
    private int depth = 1;
    private int nextId;

    /** One element being written: add attributes, then {@link #end}, {@link #open} or {@link #text}. */
    final class Element {
        private final String name;
        private final StringBuilder target;
        private final StringBuilder attributes = new StringBuilder();

        private Element(String name, StringBuilder target) {
            this.name = name;
            this.target = target;
        }

        Element attr(String key, String value) {
            if (value != null) attributes.append(' ').append(key).append("=\"").append(escape(value)).append('"');
            return this;
        }

        Element attr(String key, double value) { return attr(key, number(value)); }

        Element transform(Transform t) { return attr("transform", SvgWriter.transform(t)); }

        /** fill, fill-opacity (none for null or transparent). */
        Element fill(Paint p) {
            Color c = colour(p);
            attr("fill", c == null ? "none" : hex(c));
            if (c != null && c.getOpacity() < 1) attr("fill-opacity", c.getOpacity());
            return this;
        }

        /** stroke and stroke-opacity; nothing for null or transparent (SVG's default is no stroke). */
        Element stroke(Paint p) {
            Color c = colour(p);
            if (c == null) return this;
            attr("stroke", hex(c));
            if (c.getOpacity() < 1) attr("stroke-opacity", c.getOpacity());
            return this;
        }

        Element opacity(double o) { return o < 1 ? attr("opacity", o) : this; }

        Element font(Font f) {
            String family = f.getFamily();
            attr("font-family", family == null || family.equalsIgnoreCase("System") ? SANS : "'" + family + "', " + SANS);
            attr("font-size", f.getSize());
            String style = f.getStyle().toLowerCase(Locale.ROOT);
            if (style.contains("bold")) attr("font-weight", "bold");
            if (style.contains("italic") || style.contains("oblique")) attr("font-style", "italic");
            return this;
        }

        Element dashes(List<Double> dashes, double offset) {
            if (dashes == null || dashes.isEmpty()) return this;
            StringBuilder s = new StringBuilder();
            for (Double d : dashes) s.append(s.length() == 0 ? "" : " ").append(number(d));
            attr("stroke-dasharray", s.toString());
            return offset != 0 ? attr("stroke-dashoffset", offset) : this;
        }

        void end() { line(target).append('<').append(name).append(attributes).append("/>\n"); }

        void open() {
            line(target).append('<').append(name).append(attributes).append(">\n");
            if (target == body) depth++;
        }

        void text(String content) {
            line(target).append('<').append(name).append(attributes).append('>').append(escape(content))
                    .append("</").append(name).append(">\n");
        }
    }

    Element element(String name) { return new Element(name, body); }

    void close(String name) {
        depth--;
        line(body).append("</").append(name).append(">\n");
    }

    /** Starts a clip path definition; returns its id. Write its shape with {@link #defElement}, then {@link #endClip}. */
    String beginClip() {
        String id = "clip" + nextId++;
        defs.append("    <clipPath id=\"").append(id).append("\" clipPathUnits=\"userSpaceOnUse\">\n");
        return id;
    }

    Element defElement(String name) { return new Element(name, defs); }

    void endClip() { defs.append("    </clipPath>\n"); }

    /**
     * The document: {@code width} x {@code height} on the page (pixels), showing the user space
     * from (0, 0) to ({@code viewWidth}, {@code viewHeight}).
     */
    String document(double width, double height, double viewWidth, double viewHeight) {
        StringBuilder out = new StringBuilder();
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" version=\"1.1\" width=\"").append(number(width))
                .append("\" height=\"").append(number(height)).append("\" viewBox=\"0 0 ").append(number(viewWidth)).append(' ')
                .append(number(viewHeight)).append("\" xml:space=\"preserve\">\n");
        if (defs.length() > 0) out.append("  <defs>\n").append(defs).append("  </defs>\n");
        out.append(body).append("</svg>\n");
        return out.toString();
    }

    private StringBuilder line(StringBuilder target) {
        int indent = target == body ? depth : 3;
        for (int i = 0; i < indent; i++) target.append("  ");
        return target;
    }

    static String number(double v) {
        if (!Double.isFinite(v)) return "0";
        String s = String.format(Locale.ROOT, "%.3f", v);
        int end = s.length();
        while (s.charAt(end - 1) == '0') end--;
        if (s.charAt(end - 1) == '.') end--;
        s = s.substring(0, end);
        return s.equals("-0") ? "0" : s;
    }

    static String transform(Transform t) {
        if (t == null || t.isIdentity()) return null;
        if (t.getMxx() == 1 && t.getMyy() == 1 && t.getMxy() == 0 && t.getMyx() == 0) {
            return "translate(" + number(t.getTx()) + " " + number(t.getTy()) + ")";
        }
        return "matrix(" + number6(t.getMxx()) + " " + number6(t.getMyx()) + " " + number6(t.getMxy()) + " "
                + number6(t.getMyy()) + " " + number(t.getTx()) + " " + number(t.getTy()) + ")";
    }

    /** Matrix coefficients need more digits than coordinates (a rotation's cosines). */
    private static String number6(double v) {
        String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
        return s.equals("-0") ? "0" : s;
    }

    /**
     * A paint as one colour: gradients (only in control chrome, not in chart data) by the colour
     * at their middle; null for no paint or a fully transparent one.
     */
    static Color colour(Paint p) {
        Color c = null;
        if (p instanceof Color col) c = col;
        else if (p instanceof LinearGradient g) c = middle(g.getStops());
        else if (p instanceof RadialGradient g) c = middle(g.getStops());
        return c == null || c.getOpacity() == 0 ? null : c;
    }

    private static Color middle(List<Stop> stops) {
        if (stops.isEmpty()) return null;
        return stops.get(stops.size() / 2).getColor();
    }

    static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255), Math.round(c.getGreen() * 255),
                Math.round(c.getBlue() * 255));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    // XML 1.0 forbids most control characters even as references
                    if (ch >= 0x20 || ch == '\t' || ch == '\n' || ch == '\r') out.append(ch);
                }
            }
        }
        return out.toString();
    }
}
