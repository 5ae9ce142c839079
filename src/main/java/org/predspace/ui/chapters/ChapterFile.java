package org.predspace.ui.chapters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.predspace.runs.AtomicFiles;
import org.predspace.session.ExplorerSession;
import org.predspace.ui.Colouring;
import org.predspace.ui.PanelOption;
import org.predspace.ui.workspace.JsonFields;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes chapter files ({@code chapters.json} beside the runs, docs/chapters.md), and
 * the same chapter objects inside workspaces. Instructors write these by hand, so reading is
 * strict and says exactly what is wrong: one line naming the file, the chapter (number and
 * title) and the field; a misspelt field is refused rather than silently ignored. Optional
 * fields take their defaults. Writing replaces the file atomically, so a failed save never
 * destroys the previous one.
 */
public final class ChapterFile {
    /** What a folder of runs calls its chapters. */
    public static final String NAME = "chapters.json";
    static final String FORMAT = "predspace-chapters";
    static final int VERSION = 1;
    /** Far beyond any real lecture (a chapter is a few hundred bytes); refuses a huge file opened by mistake. */
    static final int MAX_BYTES = 4 << 20;
    static final int MAX_CHAPTERS = 500;
    static final int MAX_TITLE = 200;
    static final int MAX_CAPTION = 4000;
    static final int MAX_REFERENCE = 1000;
    static final int MAX_RUNS = 10_000;

    private static final Set<String> FIELDS = Set.of("title", "caption", "reference", "runs", "camera", "colouring",
            "probe", "axes", "shownUpToStep", "trajectories", "panels", "options", "selected", "play");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ChapterFile() {}

    // ---- writing ----------------------------------------------------------------------------

    public static void write(Path file, List<Chapter> chapters) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("chapters", toJson(chapters));
        AtomicFiles.write(file.toAbsolutePath(), JSON.writeValueAsBytes(root));
    }

    /** The chapters as a JSON list of chapter objects (workspaces store the same list). */
    public static ArrayNode toJson(List<Chapter> chapters) {
        ArrayNode list = JSON.createArrayNode();
        for (Chapter c : chapters) {
            ObjectNode o = list.addObject();
            o.put("title", c.title());
            o.put("caption", c.caption());
            o.put("reference", c.reference());
            ArrayNode runs = o.putArray("runs");
            c.shownRuns().forEach(runs::add);
            o.set("camera", JsonFields.pose(c.pose()));
            o.put("colouring", c.colouring().name());
            o.put("probe", c.probe().name());
            o.set("axes", JsonFields.ints(c.axes()));
            JsonFields.putStep(o, c.shownUpToStep());
            o.put("trajectories", c.trajectoriesShown());
            ArrayNode panels = o.putArray("panels");
            c.panels().forEach(panels::add);
            ArrayNode options = o.putArray("options");
            for (PanelOption p : PanelOption.values()) if (c.options().contains(p)) options.add(p.id());
            if (c.selected() != null) o.set("selected", JsonFields.checkpoint(c.selected()));
            o.put("play", c.play());
        }
        return list;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** @throws ChapterFormatException naming the file, the chapter and what is wrong with it */
    public static List<Chapter> read(Path file) throws IOException {
        JsonNode root = JsonFields.readTree(file, MAX_BYTES, "chapters", ChapterFormatException::new);
        String where = file.toString();
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw new ChapterFormatException(where + ": not a PredSpace chapters file (no \"format\": \"" + FORMAT + "\")");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asInt() < 1) {
            throw new ChapterFormatException(where + ": \"version\" must be a positive whole number, got " + version);
        }
        if (version.asInt() > VERSION) {
            throw new ChapterFormatException(where + ": written by a newer PredSpace (chapters version " + version.asInt()
                    + ", this one reads " + VERSION + ")");
        }
        JsonNode list = root.get("chapters");
        if (list == null || !list.isArray()) throw new ChapterFormatException(where + ": \"chapters\" must be a list of chapters");
        return chapters(list, where);
    }

    /**
     * The chapters of a JSON list; {@code where} (the file) starts every message.
     *
     * @throws ChapterFormatException naming the chapter and the field
     */
    public static List<Chapter> chapters(JsonNode list, String where) throws ChapterFormatException {
        if (list == null || list.isNull()) return List.of();
        if (!list.isArray()) throw new ChapterFormatException(where + ": \"chapters\" must be a list of chapters");
        if (list.size() > MAX_CHAPTERS) {
            throw new ChapterFormatException(where + ": " + list.size() + " chapters; at most " + MAX_CHAPTERS + " are read");
        }
        List<Chapter> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) out.add(new Reader(where, i + 1, list.get(i)).chapter());
        return out;
    }

    /** Reads one chapter, so every message can name the file and the chapter. */
    private static final class Reader extends JsonFields {
        private final String where;
        private final int number;
        private final JsonNode o;
        private String title;

        Reader(String where, int number, JsonNode o) {
            this.where = where;
            this.number = number;
            this.o = o;
        }

        Chapter chapter() throws ChapterFormatException {
            try {
                return read();
            } catch (ChapterFormatException e) {
                throw e;
            } catch (IOException e) {   // JsonFields declares IOException; ours are all ChapterFormatException
                throw fail(e.getMessage());
            }
        }

        private Chapter read() throws IOException {
            if (!o.isObject()) throw fail("must be an object with at least a \"title\", got " + o.getNodeType().name().toLowerCase());
            title = text(o, "title", null, "title");
            if (title == null || title.isBlank()) throw fail("has no \"title\"");
            for (Iterator<String> names = o.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!FIELDS.contains(name)) throw fail("unknown field \"" + name + "\" (a chapter has " + sorted(FIELDS) + ")");
            }
            limit("title", title, MAX_TITLE);
            String caption = limit("caption", text(o, "caption", "", "caption"), MAX_CAPTION);
            String reference = limit("reference", text(o, "reference", "", "reference"), MAX_REFERENCE);
            List<String> runs = names("runs", MAX_RUNS);
            List<String> panels = names("panels", Chapter.MAX_PANELS);
            Set<PanelOption> options = new LinkedHashSet<>();
            for (String id : names("options", PanelOption.values().length)) {
                PanelOption p = PanelOption.byId(id);
                if (p == null) throw fail("\"options\" holds \"" + id + "\"; known options are " + ids());
                options.add(p);
            }
            JsonNode selected = o.get("selected");
            return new Chapter(title, caption, reference, pose(object(o, "camera")),
                    constant(o, "colouring", Colouring.class, Colouring.ARCHITECTURE),
                    constant(o, "probe", ExplorerSession.Probe.class, ExplorerSession.Probe.TRAINING), axes(o), step(o),
                    bool(o, "trajectories", true), runs, panels, options,
                    selected == null || selected.isNull() ? null : checkpoint(selected), bool(o, "play", false));
        }

        private String limit(String field, String value, int max) throws ChapterFormatException {
            if (value.length() > max) throw fail("\"" + field + "\" has " + value.length() + " characters; at most " + max);
            return value;
        }

        /** A list of distinct non-blank texts, at most {@code max}. */
        private List<String> names(String field, int max) throws IOException {
            List<String> out = new ArrayList<>();
            for (JsonNode n : array(o, field)) {
                if (!n.isTextual() || n.asText().isBlank()) throw fail("\"" + field + "\" must hold names (text), got " + n);
                if (!out.contains(n.asText())) out.add(n.asText());
            }
            if (out.size() > max) throw fail("\"" + field + "\" names " + out.size() + "; at most " + max);
            return out;
        }

        private static List<String> sorted(Set<String> s) { return s.stream().sorted().toList(); }

        private static List<String> ids() {
            return Arrays.stream(PanelOption.values()).map(PanelOption::id).toList();
        }

        @Override
        protected ChapterFormatException fail(String what) {
            String which = title == null || title.isBlank() ? "chapter " + number : "chapter " + number + " (\"" + title + "\")";
            return new ChapterFormatException(where + ": " + which + ": " + what);
        }
    }
}
