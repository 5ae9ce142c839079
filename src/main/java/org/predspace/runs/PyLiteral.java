package org.predspace.runs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal an .npy header holds, e.g.
 * {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}.
 * Only what numpy writes there: dicts, tuples, lists, strings, True/False/None and integers.
 * Integers are kept as decimal strings so a huge dimension is reported, not overflowed.
 */
final class PyLiteral {
    /** A Python integer, kept as written (without a Python 2 'L' suffix). */
    record Int(String digits) {
        @Override
        public String toString() { return digits; }
    }

    private static final int MAX_DEPTH = 8;

    private final String text;
    private int pos;

    private PyLiteral(String text) { this.text = text; }

    /** @throws IllegalArgumentException with a short description of what is wrong where */
    static Object parse(String text) {
        PyLiteral p = new PyLiteral(text);
        Object value = p.value(0);
        p.skipSpace();
        if (p.pos != text.length()) throw p.error("unexpected text after the literal");
        return value;
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) throw error("nested too deeply");
        skipSpace();
        if (pos >= text.length()) throw error("unexpected end");
        char c = text.charAt(pos);
        if (c == '{') return dict(depth);
        if (c == '(') return sequence(depth, ')');
        if (c == '[') return sequence(depth, ']');
        if (c == '\'' || c == '"') return string();
        if (c == '-' || Character.isDigit(c)) return integer();
        if (text.startsWith("True", pos)) { pos += 4; return Boolean.TRUE; }
        if (text.startsWith("False", pos)) { pos += 5; return Boolean.FALSE; }
        if (text.startsWith("None", pos)) { pos += 4; return null; }
        throw error("unexpected character " + InputText.quote(c));
    }

    private Map<String, Object> dict(int depth) {
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        while (true) {
            skipSpace();
            if (peek() == '}') { pos++; return map; }
            Object key = value(depth + 1);
            if (!(key instanceof String k)) throw error("dict key is not a string");
            skipSpace();
            expect(':');
            map.put(k, value(depth + 1));
            if (!separatorBefore('}')) throw error("expected ',' or '}'");
        }
    }

    private List<Object> sequence(int depth, char close) {
        pos++;
        List<Object> items = new ArrayList<>();
        while (true) {
            skipSpace();
            if (peek() == close) { pos++; return items; }
            items.add(value(depth + 1));
            if (!separatorBefore(close)) throw error("expected ',' or '" + close + "'");
        }
    }

    /** Consumes a ',' (true) or sees the closing bracket without consuming it (true); else false. */
    private boolean separatorBefore(char close) {
        skipSpace();
        if (peek() == ',') { pos++; return true; }
        return peek() == close;
    }

    private String string() {
        char quote = text.charAt(pos++);
        int end = text.indexOf(quote, pos);
        if (end < 0) throw error("unterminated string");
        // numpy never writes escapes in descr or keys; a backslash means something else wrote it
        String s = text.substring(pos, end);
        if (s.indexOf('\\') >= 0) throw error("escaped strings are not supported");
        pos = end + 1;
        return s;
    }

    private Int integer() {
        int start = pos;
        if (peek() == '-') pos++;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
        String digits = text.substring(start, pos);
        if (digits.isEmpty() || digits.equals("-")) throw error("malformed integer");
        if (peek() == 'L') pos++; // headers written by numpy on Python 2
        return new Int(digits);
    }

    private void expect(char c) {
        if (peek() != c) throw error("expected '" + c + "'");
        pos++;
    }

    private char peek() { return pos < text.length() ? text.charAt(pos) : '\0'; }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    /** A parsed value as Python would print it, for messages: (3, -5), 'text', True; cut when long. */
    static String show(Object value) {
        return InputText.escape(python(value), InputText.MAX_QUOTED);
    }

    private static String python(Object v) {
        if (v == null) return "None";
        if (v instanceof Boolean b) return b ? "True" : "False";
        if (v instanceof String s) return "'" + s + "'";
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("(");
            for (int i = 0; i < l.size(); i++) b.append(i > 0 ? ", " : "").append(python(l.get(i)));
            return b.append(l.size() == 1 ? ",)" : ")").toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(python(k)).append(": ").append(python(x)));
            return b.append('}').toString();
        }
        return String.valueOf(v);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at character " + pos);
    }
}
