package org.predspace.ui.view3d;

import javafx.animation.AnimationTimer;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.scene.AmbientLight;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.PickResult;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.DrawMode;
import javafx.scene.shape.Sphere;
import org.fxyz3d.utils.CameraTransformer;
import org.predspace.session.CheckpointRef;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.predspace.ui.OpenProbe;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The 3D InPCA picture: every visible run as a trajectory through its checkpoints, the
 * ignorance and truth anchors with the geodesic between them, and an axis triad. Points and
 * lines live in two shared meshes ({@link MarkerMesh}, {@link RibbonMesh}) updated in place.
 *
 * <p>It never computes geometry: each pulse it reads the picture's latest immutable frame
 * and, only when something changed (new points, colouring, selection, visibility, axes,
 * size), rewrites the mesh arrays. Mouse: drag rotates, right-drag or shift-drag pans, wheel
 * zooms; hover shows what a point is; click selects its checkpoint in the model.
 */
public final class PredictionView extends StackPane {
    static final double MARKER = 4.0;
    static final double RIBBON = 1.8;

    private final ExplorerModel model;
    private final Group world = new Group();
    private final CameraTransformer rig = new CameraTransformer();
    private final PerspectiveCamera camera = new PerspectiveCamera(true);
    private final SubScene subScene;
    private final Pane overlay = new Pane();
    private final AxisTriad triad;
    private final Legend legend = new Legend();
    private final HoverCard hover = new HoverCard();
    private final SceneScale scale = new SceneScale();
    private final PointTween glide = new PointTween();
    private final Sphere ignorance = new Sphere(1, 24);
    private final Sphere truth = new Sphere(1, 24);
    private final Sphere selection = new Sphere(1, 12);
    private final AnchorLabels anchorLabels;

    private ColourPalette palette;
    private PointPaint paint;
    private MarkerMesh markers;
    private RibbonMesh trajectories;
    private RibbonMesh geodesic;
    private PhongMaterial material;

    /** What was drawn, to redraw only on change. */
    private PictureFrame drawn;
    private Object drawnKey;
    private float[] centres = new float[0];
    private int drawnMarkers;

    private double pressX, pressY;
    private boolean dragged;
    /** True once a frame is drawn and the scale has stopped easing: what is shown is final until the next change. */
    private boolean settled;
    private boolean warmedUp;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) { redrawIfChanged(); }
    };
    private final javafx.beans.value.ChangeListener<Boolean> themeChange = (o, a, b) -> buildPalette();

    /** The view in the window: antialiased only with -Dpredspace.antialias=true (it costs frame rate). */
    public PredictionView(ExplorerModel model) {
        this(model, Boolean.getBoolean("predspace.antialias"));
    }

    /** @param antialiased smooth edges (multisampling): figures want it, a live view on a slow GPU may not */
    public PredictionView(ExplorerModel model, boolean antialiased) {
        this.model = model;
        getStyleClass().add("prediction-view");
        camera.setNearClip(1);
        camera.setFarClip(20_000);
        camera.setFieldOfView(35);
        rig.getChildren().add(camera);
        // Mostly ambient light: colours must read as the legend's (and dimmed as dimmed); a weak
        // key light from the camera keeps the markers' 3D shape visible.
        Group root = new Group(world, rig, new AmbientLight(Color.gray(0.8)));
        PointLight key = new PointLight(Color.gray(0.3));
        rig.getChildren().add(key);
        root.getChildren().add(new Group());
        subScene = new SubScene(root, 800, 600, true, antialiased ? SceneAntialiasing.BALANCED : SceneAntialiasing.DISABLED);
        subScene.setCamera(camera);
        subScene.widthProperty().bind(widthProperty());
        subScene.heightProperty().bind(heightProperty());
        subScene.setManaged(false);
        triad = new AxisTriad(overlay);
        anchorLabels = new AnchorLabels(overlay);
        world.getChildren().addAll(triad.node(), ignorance, truth, selection);
        // only the markers answer the mouse: picking tests every face of every pickable mesh
        // on each pulse the pointer rests over the rotating view
        for (Node n : List.of(triad.node(), ignorance, truth, selection)) n.setMouseTransparent(true);
        selection.setDrawMode(DrawMode.LINE);
        selection.setVisible(false);
        buildPalette();
        overlay.setMouseTransparent(true);
        overlay.getChildren().add(hover.node());
        legend.node().setMouseTransparent(true);
        legend.node().setVisible(false);
        getChildren().addAll(subScene, overlay, legend.node());
        StackPane.setAlignment(legend.node(), javafx.geometry.Pos.TOP_LEFT);
        legend.node().setTranslateX(12);
        legend.node().setTranslateY(12);
        resetView();
        installMouse();
        model.darkThemeProperty().addListener(themeChange);
        pulse.start();
    }

    /** Stops drawing and lets go of the model; for a view made for one export. */
    public void dispose() {
        pulse.stop();
        model.darkThemeProperty().removeListener(themeChange);
    }

    /**
     * Draws a specimen of each kind of 3D content once, away from the window, so the renderer's
     * first-time costs (texture upload, shaders, sphere meshes) are paid now rather than in the
     * frame the first checkpoints arrive ({@link RendererWarmUp}).
     */
    public javafx.scene.image.WritableImage warmUpRenderer() {
        warmedUp = true;
        return RendererWarmUp.draw(material, palette.texCoords(), ignorance.getMaterial(), truth.getMaterial(),
                selection.getMaterial());
    }

    /** Whether {@link #warmUpRenderer} ran (the window does it once it is shown). */
    public boolean rendererWarmedUp() { return warmedUp; }

    /** Whether a frame is drawn and the picture's scale has stopped moving (an export may take it now). */
    public boolean isSettled() { return settled; }

    /** The 3D sub-scene (tests and exports snapshot it). */
    public SubScene subScene() { return subScene; }

    /** Back to the default oblique view. */
    public void resetView() { setPose(CameraPose.DEFAULT); }

    /** Where the camera stands now (scenes, workspaces, exports). */
    public CameraPose pose() {
        return new CameraPose(rig.rx.getAngle(), rig.ry.getAngle(), camera.getTranslateX(), camera.getTranslateY(),
                -camera.getTranslateZ());
    }

    /** Moves the camera to {@code pose}. */
    public void setPose(CameraPose pose) {
        rig.setRotate(pose.pitch(), pose.yaw(), 0);
        rig.setTranslate(0, 0, 0);
        camera.setTranslateX(pose.panX());
        camera.setTranslateY(pose.panY());
        camera.setTranslateZ(-pose.distance());
    }

    /** Rotates the view about the vertical axis (tests, auto-rotate). */
    public void rotateBy(double degrees) { rig.ry.setAngle(rig.ry.getAngle() + degrees); }

    /** Where checkpoint point {@code index} of the drawn frame is on screen, or null if not drawn. */
    public Point2D screenPositionOf(int index) {
        if (drawn == null || index >= drawn.size() || 3 * index + 2 >= centres.length) return null;
        return world.localToScreen(centres[3 * index], centres[3 * index + 1], centres[3 * index + 2]);
    }

    /** Where point {@code index} is drawn now, in picture units on the drawn axes x, y, z (tests: the glide). */
    double[] drawnCoordinates(int index) {
        double f = scale.factor();
        return new double[] {centres[3 * index] / f, -centres[3 * index + 1] / f, centres[3 * index + 2] / f};
    }

    /** How many checkpoint markers the last draw showed (tests). */
    public int drawnMarkers() { return drawnMarkers; }

    /** The frame last drawn (tests). */
    public PictureFrame drawnFrame() { return drawn; }

    private void buildPalette() {
        Color background = model.darkThemeProperty().get() ? Color.web("#1E2127") : Color.web("#FAFAFA");
        subScene.setFill(background);
        palette = new ColourPalette(background);
        paint = new PointPaint(palette);
        material = new PhongMaterial(Color.WHITE);
        material.setDiffuseMap(palette.image());
        material.setSpecularColor(Color.gray(0.25));
        if (markers != null) world.getChildren().removeAll(markers.view(), trajectories.view(), geodesic.view());
        markers = new MarkerMesh(MarkerMesh.Shape.OCTAHEDRON, material, palette.texCoords());
        trajectories = new RibbonMesh(material, palette.texCoords());
        geodesic = new RibbonMesh(material, palette.texCoords());
        trajectories.view().setMouseTransparent(true);
        geodesic.view().setMouseTransparent(true);
        world.getChildren().addAll(trajectories.view(), geodesic.view(), markers.view());
        ignorance.setMaterial(new PhongMaterial(Color.gray(0.55)));
        // truth as the theme's strongest contrast, ignorance mid grey: neither is a run hue (gold
        // truth read as one more lenet point in the architecture colours)
        truth.setMaterial(new PhongMaterial(background.getBrightness() > 0.5 ? Color.web("#2B2B2B") : Color.web("#F2F2F2")));
        selection.setMaterial(new PhongMaterial(palette.colour(palette.highlight())));
        triad.setColours(background.getBrightness() > 0.5);
        drawnKey = null;
    }

    private void redrawIfChanged() {
        PictureFrame frame = model.picture().frame();
        Map<String, PointPaint.RunLook> looks = runLooks();
        RunItem selectedRun = model.selectedRun();
        Object key = List.of(frame.version(), frame.size(), looks.hashCode(),
                model.colouringProperty().get(), Objects.toString(selectedRun == null ? null : selectedRun.name()),
                Objects.toString(model.selectedCheckpoint()), model.axisProperty(0).get(), model.axisProperty(1).get(),
                model.axisProperty(2).get(), model.pointSizeProperty().get(), model.trajectoriesShownProperty().get(),
                model.probeProperty().get(), System.identityHashCode(palette), model.shownUpToStepProperty().get());
        if (!key.equals(drawnKey)) {
            aimScale(frame, looks);
            aimPoints(frame);
        }
        boolean easing = scale.step() | glide.step(System.nanoTime());
        settled = drawn != null && !easing;
        if (key.equals(drawnKey) && !easing) {
            OpenProbe.shown(drawn, model.runs());
            triad.placeLabels(world);
            anchorLabels.place(world, ignorance, truth);
            return;
        }
        drawnKey = key;
        draw(frame, looks, selectedRun == null ? null : selectedRun.name());
        settled = !easing;
        OpenProbe.shown(drawn, model.runs());
    }

    private Map<String, PointPaint.RunLook> runLooks() {
        Map<String, PointPaint.RunLook> looks = new LinkedHashMap<>();
        for (RunItem r : model.runs()) {
            looks.put(r.name(), new PointPaint.RunLook(r.state(), Math.max(0, ColourPalette.CATEGORICAL.indexOf(r.colour())), r.isVisible()));
        }
        return looks;
    }

    /** The frame's axes (0-based) drawn as x, y, z: the model's choice, within the frame's axes. */
    public int[] shownAxes(PictureFrame frame) {
        int k = Math.max(1, frame.axes());
        return new int[]{Math.min(model.axisProperty(0).get(), k - 1), Math.min(model.axisProperty(1).get(), k - 1),
                Math.min(model.axisProperty(2).get(), k - 1)};
    }

    /**
     * Aims the scale at a robust extent of the visible points: the 98th percentile of their
     * largest |coordinate| on the drawn axes, and the anchors. A diverged run that shoots far
     * off then leaves the view instead of squeezing every other trajectory into a corner.
     * Computed only when what is drawn changed.
     */
    private void aimScale(PictureFrame frame, Map<String, PointPaint.RunLook> looks) {
        int n = frame.size();
        if (n == 0) return;
        int[] ax = shownAxes(frame);
        double[] reach = new double[n];
        int count = 0;
        double anchors = 0;
        for (int i = 0; i < n; i++) {
            PointInfo p = frame.point(i);
            double r = 0;
            for (int a : ax) r = Math.max(r, Math.abs(frame.coordinate(i, a)));
            if (p.isAnchor()) {
                anchors = Math.max(anchors, r);
                continue;
            }
            PointPaint.RunLook look = looks.get(p.run());
            if (look != null && look.visible()) reach[count++] = r;
        }
        java.util.Arrays.sort(reach, 0, count);
        double robust = count == 0 ? 0 : reach[(int) Math.floor(0.98 * (count - 1))];
        // the first checkpoints (a folder of runs opened at once) appear at their own scale, not
        // zoomed into over 20-30 frames, each a full redraw: seconds on a slow software renderer
        if (count > 0 && (drawn == null || drawn.size() <= 2)) scale.reset();
        scale.aimAt(Math.max(anchors, robust));
    }

    /** Where the frame puts the points on the drawn axes; a refresh that moved them glides them there ({@link PointTween}). */
    private void aimPoints(PictureFrame frame) {
        int n = frame.size();
        int[] ax = shownAxes(frame);
        double[] target = new double[3 * n];
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) target[3 * i + d] = frame.coordinate(i, ax[d]);
        }
        glide.aim(target, n, List.of(model.probeProperty().get(), ax[0], ax[1], ax[2]), System.nanoTime());
    }

    private void draw(PictureFrame frame, Map<String, PointPaint.RunLook> looks, String selectedRun) {
        drawn = frame;
        int n = frame.size();
        int[] ax = shownAxes(frame);
        double f = scale.factor();
        if (centres.length < 3 * n) centres = new float[Math.max(3 * n, centres.length * 3 / 2)];
        double[] at = glide.positions(System.nanoTime());
        for (int i = 0; i < n; i++) {
            centres[3 * i] = (float) (f * at[3 * i]);
            centres[3 * i + 1] = (float) (-f * at[3 * i + 1]);   // JavaFX y points down
            centres[3 * i + 2] = (float) (f * at[3 * i + 2]);
        }
        double size = model.pointSizeProperty().get();
        int[] colours = paint.colours(frame.points(), n, looks, model.colouringProperty().get(), selectedRun,
                model.shownUpToStepProperty().get());
        drawnMarkers = 0;
        for (int c : colours) if (c >= 0) drawnMarkers++;
        if (MarkerMesh.Shape.forCount(n) != markers.shape()) swapMarkers(MarkerMesh.Shape.forCount(n));
        markers.update(n, centres, colours, (float) (MARKER * size));
        drawTrajectories(frame, n, colours, size);
        drawGeodesic(frame, ax, f, size);
        placeAnchor(ignorance, 0, n, size);
        placeAnchor(truth, 1, n, size);
        placeSelection(frame, n, size);
        triad.update(frame, ax, SceneScale.RADIUS * 1.05);
        triad.placeLabels(world);
        anchorLabels.place(world, ignorance, truth);
        legend.show(paint.legend(frame.points(), n, looks, model.colouringProperty().get()), palette);
        legend.node().setVisible(n > 2);   // no legend for a picture of anchors only
    }

    /** The one structural change: crossing the size threshold swaps the marker mesh once. */
    private void swapMarkers(MarkerMesh.Shape shape) {
        int at = world.getChildren().indexOf(markers.view());
        markers = new MarkerMesh(shape, material, palette.texCoords());
        world.getChildren().set(at, markers.view());
    }

    private void drawTrajectories(PictureFrame frame, int n, int[] colours, double size) {
        if (!model.trajectoriesShownProperty().get()) {
            trajectories.update(0, new float[0], new int[0], 0);
            return;
        }
        float[] ends = new float[6 * n];
        int[] segColours = new int[n];
        Map<String, Integer> last = new HashMap<>();
        int s = 0;
        for (int i = 0; i < n; i++) {
            PointInfo p = frame.point(i);
            if (p.isAnchor()) continue;
            Integer prev = last.put(p.run(), i);
            if (prev == null || colours[i] < 0) continue;
            System.arraycopy(centres, 3 * prev, ends, 6 * s, 3);
            System.arraycopy(centres, 3 * i, ends, 6 * s + 3, 3);
            segColours[s++] = colours[i];
        }
        trajectories.update(s, ends, segColours, (float) (RIBBON * Math.sqrt(size)));
    }

    private void drawGeodesic(PictureFrame frame, int[] ax, double f, double size) {
        double[][] g = frame.geodesic();
        int segments = Math.max(0, g.length - 1);
        float[] ends = new float[6 * segments];
        int[] colours = new int[segments];
        for (int s = 0; s < segments; s++) {
            for (int e = 0; e < 2; e++) {
                double[] p = g[s + e];
                ends[6 * s + 3 * e] = (float) (f * p[ax[0]]);
                ends[6 * s + 3 * e + 1] = (float) (-f * p[ax[1]]);
                ends[6 * s + 3 * e + 2] = (float) (f * p[ax[2]]);
            }
            colours[s] = s % 2 == 0 ? palette.categorical(7, false) : -1;   // dashed grey
        }
        geodesic.update(segments, ends, colours, (float) (0.8 * RIBBON * Math.sqrt(size)));
    }

    private void placeAnchor(Sphere anchor, int index, int n, double size) {
        anchor.setVisible(index < n);
        if (index >= n) return;
        anchor.setRadius(MARKER * 2.2 * size);
        anchor.setTranslateX(centres[3 * index]);
        anchor.setTranslateY(centres[3 * index + 1]);
        anchor.setTranslateZ(centres[3 * index + 2]);
    }

    private void placeSelection(PictureFrame frame, int n, double size) {
        CheckpointRef ref = model.selectedCheckpoint();
        int at = -1;
        if (ref != null) {
            for (int i = 0; i < n && at < 0; i++) {
                PointInfo p = frame.point(i);
                if (p.checkpoint() == ref.checkpoint() && p.run().equals(ref.run())) at = i;
            }
        }
        selection.setVisible(at >= 0);
        if (at < 0) return;
        selection.setRadius(MARKER * 2.6 * size);
        selection.setTranslateX(centres[3 * at]);
        selection.setTranslateY(centres[3 * at + 1]);
        selection.setTranslateZ(centres[3 * at + 2]);
    }

    /** The frame point under the mouse, or -1. */
    int pointAt(PickResult pick) {
        if (pick == null || drawn == null || pick.getIntersectedNode() != markers.view()) return -1;
        int i = markers.itemOfFace(pick.getIntersectedFace());
        return i >= 0 && i < drawn.size() ? i : -1;
    }

    private void installMouse() {
        subScene.setOnMousePressed(e -> {
            pressX = e.getSceneX();
            pressY = e.getSceneY();
            dragged = false;
        });
        subScene.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - pressX, dy = e.getSceneY() - pressY;
            if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
            pressX = e.getSceneX();
            pressY = e.getSceneY();
            if (e.getButton() == MouseButton.SECONDARY || e.isShiftDown()) {
                double k = -camera.getTranslateZ() / 1250;
                camera.setTranslateX(camera.getTranslateX() - dx * k);
                camera.setTranslateY(camera.getTranslateY() - dy * k);
            } else {
                rig.ry.setAngle(rig.ry.getAngle() + dx * 0.35);
                rig.rx.setAngle(Math.max(-89, Math.min(89, rig.rx.getAngle() - dy * 0.35)));
            }
            hover.hide();
        });
        subScene.addEventHandler(ScrollEvent.SCROLL, e -> {
            double z = camera.getTranslateZ() * Math.pow(1.0015, -e.getDeltaY());
            camera.setTranslateZ(Math.max(-CameraPose.MAX_DISTANCE, Math.min(-CameraPose.MIN_DISTANCE, z)));
        });
        subScene.setOnMouseMoved(this::hoverAt);
        subScene.setOnMouseExited(e -> hover.hide());
        subScene.setOnMouseClicked(e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) return;
            int i = pointAt(e.getPickResult());
            if (i < 0) return;
            PointInfo p = drawn.point(i);
            model.selectCheckpoint(new CheckpointRef(p.run(), p.checkpoint(), p.step()));
        });
    }

    private void hoverAt(MouseEvent e) {
        int i = pointAt(e.getPickResult());
        if (i < 0) {
            hover.hide();
            return;
        }
        Point2D at = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
        hover.show(drawn.point(i), model.probeProperty().get(), at.getX(), at.getY(), getWidth());
    }

    static Point3D toPoint(float[] c, int i) { return new Point3D(c[3 * i], c[3 * i + 1], c[3 * i + 2]); }

    Node legendNode() { return legend.node(); }
}
