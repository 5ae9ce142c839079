package org.predspace.ui.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.predspace.runs.AtomicFiles;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession;
import org.predspace.session.LearningRule;
import org.predspace.session.PredictionPicture;
import org.predspace.ui.Colouring;
import org.predspace.ui.CameraPose;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.chapters.ChapterFile;
import org.predspace.ui.chapters.ChapterFormatException;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes workspace files ({@code .predspace}, JSON). Run folders are stored relative
 * to the workspace file where they can be, so a folder of runs with its workspace can be moved
 * or shared as a whole. Reading is defensive: a file that is not a workspace, or has a field of
 * the wrong type, is refused with a message naming the file and the field; optional fields
 * that are missing take their defaults. Writing replaces the file atomically, so a failed save
 * never destroys the previous one.
 */
public final class WorkspaceFile {
    public static final String EXTENSION = ".predspace";
    static final String FORMAT = "predspace-workspace";
    static final int VERSION = 1;
    /** Far beyond any real workspace; refuses to load a huge file by mistake. */
    static final long MAX_BYTES = 16L << 20;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private WorkspaceFile() {}

    // ---- writing ----------------------------------------------------------------------------

    public static void write(Path file, Workspace w) throws IOException {
        Path base = file.toAbsolutePath().getParent();
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode runs = root.putArray("runs");
        for (Workspace.RunEntry r : w.runs()) {
            ObjectNode o = runs.addObject();
            o.put("path", storedPath(base, r.dir()));
            o.put("visible", r.visible());
        }
        root.set("drawing", drawing(w.drawing()));
        root.set("camera", JsonFields.pose(w.camera()));
        if (w.selectedRun() != null) root.put("selectedRun", w.selectedRun());
        if (w.selectedCheckpoint() != null) root.set("selectedCheckpoint", JsonFields.checkpoint(w.selectedCheckpoint()));
        ArrayNode pinned = root.putArray("pinned");
        w.pinned().forEach(c -> pinned.add(JsonFields.checkpoint(c)));
        ArrayNode views = root.putArray("views");
        for (SavedView v : w.views()) {
            ObjectNode o = views.addObject();
            o.put("name", v.name());
            o.set("camera", JsonFields.pose(v.pose()));
            o.put("colouring", v.colouring().name());
            o.put("probe", v.probe().name());
            o.set("axes", JsonFields.ints(v.axes()));
            JsonFields.putStep(o, v.shownUpToStep());
            o.put("trajectories", v.trajectoriesShown());
            ArrayNode hidden = o.putArray("hiddenRuns");
            v.hiddenRuns().stream().sorted().forEach(hidden::add);
        }
        ObjectNode orientation = root.putObject("orientation");
        w.orientation().forEach((probe, points) -> {
            ArrayNode list = orientation.putArray(probe.name());
            points.forEach((key, x) -> {
                ObjectNode o = list.addObject();
                o.put("run", key.run());
                o.put("checkpoint", key.checkpoint());
                ArrayNode xs = o.putArray("x");
                x.forEach(xs::add);
            });
        });
        root.set("chapters", ChapterFile.toJson(w.chapters()));
        ObjectNode layout = root.putObject("layout");
        ArrayNode dividers = layout.putArray("dividers");
        for (double d : w.layout().dividers()) dividers.add(d);
        if (w.layout().panel() != null) layout.put("panel", w.layout().panel());
        layout.put("width", w.layout().width());
        layout.put("height", w.layout().height());
        AtomicFiles.write(file.toAbsolutePath(), JSON.writeValueAsBytes(root));
    }

    /** Relative to the workspace's folder where possible (portable), else absolute. */
    static String storedPath(Path base, Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (base != null && abs.getRoot() != null && abs.getRoot().equals(base.getRoot())) {
            return base.relativize(abs).toString().replace('\\', '/');
        }
        return abs.toString();
    }

    private static ObjectNode drawing(Workspace.Drawing d) {
        ObjectNode o = JSON.createObjectNode();
        o.put("probe", d.probe().name());
        o.put("colouring", d.colouring().name());
        o.set("axes", JsonFields.ints(d.axes()));
        o.put("pointSize", d.pointSize());
        o.put("trajectories", d.trajectoriesShown());
        o.put("darkTheme", d.darkTheme());
        JsonFields.putStep(o, d.shownUpToStep());
        o.put("learnThreshold", d.learnThreshold());
        o.put("notLearnedHidden", d.notLearnedHidden());
        return o;
    }

    // ---- reading ----------------------------------------------------------------------------

    /** @throws WorkspaceFormatException naming the file and what is wrong with it */
    public static Workspace read(Path file) throws IOException {
        JsonNode root = JsonFields.readTree(file, (int) MAX_BYTES, "workspace", WorkspaceFormatException::new);
        return new Reader(file).workspace(root);
    }

    /** Reads one file's fields, so every message can name the file. */
    private static final class Reader extends JsonFields {
        private final Path file;

        Reader(Path file) { this.file = file; }

        Workspace workspace(JsonNode root) throws IOException {
            if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
                throw fail("not a PredSpace workspace (no \"format\": \"" + FORMAT + "\")");
            }
            int version = root.path("version").asInt(-1);
            if (version > VERSION) throw fail("written by a newer PredSpace (workspace version " + version + ", this one reads " + VERSION + ")");
            if (version < 1) throw fail("\"version\" must be a positive whole number");
            Path base = file.toAbsolutePath().getParent();
            List<Workspace.RunEntry> runs = new ArrayList<>();
            for (JsonNode r : array(root, "runs")) {
                String p = text(r, "path", null, "runs[].path");
                if (p == null) throw fail("a run entry has no \"path\"");
                Path dir;
                try {
                    dir = base.resolve(p).normalize();
                } catch (InvalidPathException e) {
                    throw fail("run path \"" + p + "\" is not a valid path here");
                }
                runs.add(new Workspace.RunEntry(dir, bool(r, "visible", true)));
            }
            JsonNode d = object(root, "drawing");
            Workspace.Drawing drawing = new Workspace.Drawing(
                    constant(d, "probe", ExplorerSession.Probe.class, ExplorerSession.Probe.TRAINING),
                    constant(d, "colouring", Colouring.class, Colouring.ARCHITECTURE),
                    axes(d), number(d, "pointSize", 1.0, 0.1, 10), bool(d, "trajectories", true), bool(d, "darkTheme", false),
                    step(d), learnThreshold(d), bool(d, "notLearnedHidden", false));
            CameraPose camera = pose(object(root, "camera"));
            CheckpointRef selected = root.has("selectedCheckpoint") && !root.get("selectedCheckpoint").isNull()
                    ? checkpoint(root.get("selectedCheckpoint")) : null;
            String selectedRun = text(root, "selectedRun", null, "selectedRun");
            List<CheckpointRef> pinned = new ArrayList<>();
            for (JsonNode c : array(root, "pinned")) pinned.add(checkpoint(c));
            List<SavedView> views = new ArrayList<>();
            for (JsonNode v : array(root, "views")) views.add(view(v));
            JsonNode l = object(root, "layout");
            List<Double> dividers = new ArrayList<>();
            for (JsonNode x : array(l, "dividers")) {
                if (!x.isNumber() || x.asDouble() < 0 || x.asDouble() > 1) throw fail("layout.dividers must be numbers in [0, 1]");
                dividers.add(x.asDouble());
            }
            Workspace.Layout layout = new Workspace.Layout(dividers.stream().mapToDouble(Double::doubleValue).toArray(),
                    text(l, "panel", null, "layout.panel"), number(l, "width", 0, 0, 100_000), number(l, "height", 0, 0, 100_000));
            return new Workspace(runs, drawing, camera, selected, selectedRun, pinned, views, layout,
                    orientation(object(root, "orientation")),
                    chapters(root.get("chapters")));
        }

        Map<ExplorerSession.Probe, Map<PredictionPicture.PointKey, List<Double>>> orientation(JsonNode o)
                throws IOException {
            Map<ExplorerSession.Probe, Map<PredictionPicture.PointKey, List<Double>>> out = new EnumMap<>(ExplorerSession.Probe.class);
            for (ExplorerSession.Probe probe : ExplorerSession.Probe.values()) {
                Map<PredictionPicture.PointKey, List<Double>> points = new LinkedHashMap<>();
                for (JsonNode p : array(o, probe.name())) {
                    String run = text(p, "run", null, "orientation.run");
                    JsonNode x = p.get("x");
                    if (run == null || !p.path("checkpoint").isIntegralNumber() || x == null || !x.isArray() || x.isEmpty()) {
                        throw fail("orientation points need \"run\", \"checkpoint\" and coordinates \"x\", got " + p);
                    }
                    List<Double> xs = new ArrayList<>();
                    for (JsonNode v : x) {
                        if (!v.isNumber() || !Double.isFinite(v.asDouble())) throw fail("orientation coordinates must be finite numbers, got " + x);
                        xs.add(v.asDouble());
                    }
                    points.put(new PredictionPicture.PointKey(run, p.get("checkpoint").asInt()), xs);
                }
                if (!points.isEmpty()) out.put(probe, points);
            }
            return out;
        }

        SavedView view(JsonNode v) throws IOException {
            String name = text(v, "name", null, "views[].name");
            if (name == null || name.isBlank()) throw fail("a saved view has no \"name\"");
            Set<String> hidden = new HashSet<>();
            for (JsonNode h : array(v, "hiddenRuns")) {
                if (!h.isTextual()) throw fail("view \"" + name + "\": hiddenRuns must hold run names");
                hidden.add(h.asText());
            }
            return new SavedView(name, pose(object(v, "camera")), constant(v, "colouring", Colouring.class, Colouring.ARCHITECTURE),
                    constant(v, "probe", ExplorerSession.Probe.class, ExplorerSession.Probe.TRAINING), axes(v), step(v),
                    bool(v, "trajectories", true), hidden);
        }

        /** The chapters, read as in a chapters file; workspaces written before them have none. */
        List<Chapter> chapters(JsonNode list) throws WorkspaceFormatException {
            try {
                return ChapterFile.chapters(list, file.toString());
            } catch (ChapterFormatException e) {
                throw new WorkspaceFormatException(e.getMessage());   // it names this file and the chapter
            }
        }

        /** The did-not-learn threshold: a train error in (0, 1]; files written before it existed get the default. */
        double learnThreshold(JsonNode d) throws IOException {
            double t = number(d, "learnThreshold", LearningRule.DEFAULT_THRESHOLD, 0, 1);
            if (t <= 0) throw fail("\"learnThreshold\" must be a train error in (0, 1], got " + d.get("learnThreshold"));
            return t;
        }

        @Override
        protected WorkspaceFormatException fail(String what) { return new WorkspaceFormatException(file + ": " + what); }
    }
}
