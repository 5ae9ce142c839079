package org.predspace.ui.view3d;

import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.Interpolator;
import javafx.animation.Transition;
import javafx.beans.InvalidationListener;
import javafx.beans.Observable;
import javafx.beans.value.ChangeListener;
import javafx.geometry.Point2D;
import javafx.geometry.Point3D;
import javafx.geometry.Pos;
import javafx.scene.AmbientLight;
import javafx.scene.Cursor;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.PerspectiveCamera;
import javafx.scene.PointLight;
import javafx.scene.SceneAntialiasing;
import javafx.scene.SubScene;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.paint.PhongMaterial;
import javafx.scene.shape.Sphere;
import javafx.scene.transform.MatrixType;
import javafx.scene.transform.NonInvertibleTransformException;
import javafx.scene.transform.Transform;
import javafx.util.Duration;
import org.fxyz3d.utils.CameraTransformer;
import org.predspace.landscape.ModelGrid;
import org.predspace.session.CheckpointRef;
import org.predspace.session.FineTuning;
import org.predspace.session.LearningRule;
import org.predspace.session.PictureFrame;
import org.predspace.session.PointInfo;
import org.predspace.session.RunState;
import org.predspace.ui.CameraPose;
import org.predspace.ui.ExplorerModel;
import org.predspace.ui.RunItem;
import org.predspace.ui.OpenProbe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.predspace.ui.charts.ColourPalette;

/**
 * The 3D InPCA picture: every visible run as a trajectory through its checkpoints, the
 * ignorance and truth anchors with the geodesic between them, and an axis triad. Points and
 * lines live in two shared meshes ({@link MarkerMesh}, {@link RibbonMesh}) updated in place.
 *
 * <p>It never computes geometry: each pulse it reads the picture's latest immutable frame
 * and, only when something changed (new points, colouring, selection, visibility, axes,
 * size), rewrites the mesh arrays. Mouse: drag rotates, right-drag or shift-drag pans, wheel
 * zooms; hover shows what a point is; click selects its checkpoint in the model. Hover and
 * click take the drawn point nearest the pointer within {@link #PICK_PIXELS} ({@link ScreenPoints}),
 * not the mesh under it: a marker is a few pixels wide. The anchors and the geodesic are not
 * picked: they are no checkpoint, and they are labelled on screen already.
 */
public final class PredictionView extends StackPane {
    static final double MARKER = 4.0;
    static final double RIBBON = 1.8;
    /** How far from a point's centre, in screen pixels, hover and click still mean that point. */
    static final double PICK_PIXELS = 8;
    /** A press that moves the pointer less than this (pixels) before release is a click, not a drag. */
    static final double CLICK_SLOP = 4;
    /** How much larger than the others the selected marker is drawn. */
    static final double SELECTED_SCALE = 2.0;

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
    /** The selected point drawn larger in its own colour; {@link #halo} rings it. */
    private final Sphere selection = new Sphere(1, 16);
    private final SelectionHalo halo = new SelectionHalo();
    private final AnchorLabels anchorLabels;
    /** The landscape overlay (the canyon): computed by {@link CanyonRequests}, drawn by {@link CanyonSheet}. */
    private final CanyonColours canyonColours = new CanyonColours();
    private final CanyonSheet canyon = new CanyonSheet(canyonColours);
    private final CanyonLegend canyonLegend = new CanyonLegend(canyonColours);
    private final CanyonRequests canyonRequests;

    private ColourPalette palette;
    private PointPaint paint;
    private MarkerMesh markers;
    private RibbonMesh trajectories;
    /** Fine-tuning connectors in the last drawing (tests). */
    private long drawnConnectors;
    private RibbonMesh geodesic;
    private PhongMaterial material;

    /** What was drawn, to redraw only on change. */
    private PictureFrame drawn;
    private Object drawnKey;
    private float[] centres = new float[0];
    private int drawnMarkers;
    /** Palette index per point of the last draw, -1 where no marker is drawn: what can be picked. */
    private int[] drawnColours = new int[0];
    /** Counts draws, so the screen positions are projected again after each. */
    private long draws;
    /** The frame point drawn as selected, or -1. */
    private int selectedAt = -1;
    /** The did-not-learn rule as the legend states it, from the last {@link #runLooks}. */
    private String notLearnedNote = "";

    /** The drawn points' screen positions, and the view state they were projected for. */
    private final ScreenPoints onScreen = new ScreenPoints();
    private double[] projectedFor;
    private float[] screenXY = new float[0];
    private float[] screenDepth = new float[0];

    /** The camera's glide to a chapter's pose, while one is under way. */
    private Animation cameraGlide;
    private double pressX, pressY, downX, downY;
    private boolean dragged;
    /** True once a frame is drawn and the scale has stopped easing: what is shown is final until the next change. */
    private boolean settled;
    private boolean warmedUp;
    private final AnimationTimer pulse = new AnimationTimer() {
        @Override
        public void handle(long now) { redrawIfChanged(); }
    };
    private final ChangeListener<Boolean> themeChange = (o, a, b) -> buildPalette();
    /**
     * Whether this view's camera is the model's ({@link ExplorerModel#cameraProperty}): the
     * window's view follows the model's pose and reports its own moves back; an export's second
     * view has a camera of its own.
     */
    private final boolean cameraOfModel;
    /** True while {@link #place} moves the camera: the model hears the finished pose, not each part. */
    private boolean placing;
    /** The model's camera moved by someone else (a workspace, a saved view): the view goes there. */
    private final ChangeListener<CameraPose> modelCamera = (o, was, now) -> {
        if (!now.equals(pose())) setPose(now);
    };

    /**
     * The view in the window, whose camera is the model's: antialiased only with
     * -Dpredspace.antialias=true (it costs frame rate).
     */
    public PredictionView(ExplorerModel model) {
        this(model, Boolean.getBoolean("predspace.antialias"), true);
    }

    /**
     * A second view of the model's picture with a camera of its own (an export draws one).
     *
     * @param antialiased smooth edges (multisampling): figures want it, a live view on a slow GPU may not
     */
    public PredictionView(ExplorerModel model, boolean antialiased) {
        this(model, antialiased, false);
    }

    private PredictionView(ExplorerModel model, boolean antialiased, boolean cameraOfModel) {
        this.model = model;
        this.cameraOfModel = cameraOfModel;
        getStyleClass().add("prediction-view");
        camera.setNearClip(1);
        camera.setFarClip(20_000);
        camera.setFieldOfView(35);
        // the angle spans the narrower side, so the framed bulk fits a tall view as it fits a wide one
        camera.verticalFieldOfViewProperty().bind(widthProperty().greaterThanOrEqualTo(heightProperty()));
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
        // nothing in the 3D world answers the mouse: points are picked on screen (ScreenPoints),
        // and mesh picking would test every face of every mesh on each pulse the pointer rests
        // over the rotating view
        world.setMouseTransparent(true);
        selection.setVisible(false);
        buildPalette();
        overlay.setMouseTransparent(true);
        overlay.getChildren().addAll(halo.node(), hover.node());
        legend.node().setMouseTransparent(true);
        legend.node().setVisible(false);
        getChildren().addAll(subScene, overlay, legend.node(), canyonLegend.node());
        // top right: the colour legend holds the top left, and a chapter's caption band the bottom
        StackPane.setAlignment(canyonLegend.node(), Pos.TOP_RIGHT);
        canyonLegend.node().setTranslateX(-12);
        canyonLegend.node().setTranslateY(12);
        canyonLegend.node().setMouseTransparent(true);   // a drag that starts on it still turns the picture
        canyonRequests = new CanyonRequests(model);
        StackPane.setAlignment(legend.node(), Pos.TOP_LEFT);
        legend.node().setTranslateX(12);
        legend.node().setTranslateY(12);
        if (cameraOfModel) followModelCamera(); else resetView();
        installMouse();
        model.darkThemeProperty().addListener(themeChange);
        pulse.start();
    }

    /**
     * Starts where the model's camera stands, and keeps the two in step both ways: a drag, a
     * wheel zoom, a glide or an auto-rotation moves the model's pose through its command.
     */
    private void followModelCamera() {
        place(model.camera());
        InvalidationListener moved = o -> { if (!placing) model.setCamera(pose()); };
        for (Observable part : List.of(rig.rx.angleProperty(), rig.ry.angleProperty(),
                camera.translateXProperty(), camera.translateYProperty(), camera.translateZProperty())) {
            part.addListener(moved);
        }
        model.cameraProperty().addListener(modelCamera);
    }

    /** Stops drawing and lets go of the model; for a view made for one export. */
    public void dispose() {
        pulse.stop();
        model.darkThemeProperty().removeListener(themeChange);
        if (cameraOfModel) model.cameraProperty().removeListener(modelCamera);
        canyonRequests.dispose();
    }

    /**
     * Draws a specimen of each kind of 3D content once, away from the window, so the renderer's
     * first-time costs (texture upload, shaders, sphere meshes) are paid now rather than in the
     * frame the first checkpoints arrive ({@link RendererWarmUp}).
     */
    public WritableImage warmUpRenderer() {
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

    /** Where this view's camera stands now (for the window's view: the model's {@link ExplorerModel#camera()}). */
    public CameraPose pose() {
        return new CameraPose(rig.rx.getAngle(), rig.ry.getAngle(), camera.getTranslateX(), camera.getTranslateY(),
                -camera.getTranslateZ());
    }

    /** Moves the camera to {@code pose} at once (a glide under way stops). */
    public void setPose(CameraPose pose) {
        stopGlide();
        place(pose);
    }

    /**
     * Moves the camera to {@code pose} smoothly, in {@link CameraGlide#SECONDS} (eased, the yaw
     * the shorter way round, the distance in log space), ending exactly on it; at once when the
     * view is not on screen. A drag, a wheel zoom, {@link #setPose} or another glide stops it
     * where it is: the user's hand wins over the tour.
     */
    public void glideTo(CameraPose pose) {
        stopGlide();
        CameraPose from = pose();
        if (from.equals(pose) || getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            place(pose);
            return;
        }
        CameraGlide path = new CameraGlide(from, pose);
        Transition move = new Transition() {
            {
                setCycleDuration(Duration.seconds(CameraGlide.SECONDS));
                setInterpolator(Interpolator.LINEAR);   // CameraGlide eases
            }

            @Override
            protected void interpolate(double t) { place(path.at(t)); }
        };
        move.setOnFinished(e -> {
            if (cameraGlide == move) cameraGlide = null;
            place(pose);
        });
        cameraGlide = move;
        move.play();
    }

    /** Whether the camera is gliding to a pose now. */
    public boolean isGliding() { return cameraGlide != null; }

    /** The glide under way, or null (tests hold it at a moment of their choosing). */
    Animation glide() { return cameraGlide; }

    private void stopGlide() {
        if (cameraGlide == null) return;
        Animation g = cameraGlide;
        cameraGlide = null;
        g.stop();
    }

    private void place(CameraPose pose) {
        placing = true;
        try {
            rig.setRotate(pose.pitch(), pose.yaw(), 0);
            rig.setTranslate(0, 0, 0);
            camera.setTranslateX(pose.panX());
            camera.setTranslateY(pose.panY());
            camera.setTranslateZ(-pose.distance());
        } finally {
            placing = false;
        }
        if (cameraOfModel) model.setCamera(pose());
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
        return new double[] {scale.fromScene(centres[3 * index], 0), scale.fromScene(-centres[3 * index + 1], 1),
                scale.fromScene(centres[3 * index + 2], 2)};
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
        // the translucent canyon after every opaque node, so what it covers shows through it
        world.getChildren().remove(canyon.node());
        world.getChildren().add(canyon.node());
        canyon.setMarkColour(palette.colour(palette.highlight()));
        ignorance.setMaterial(new PhongMaterial(Color.gray(0.55)));
        // truth as the theme's strongest contrast, ignorance mid grey: neither is a run hue (gold
        // truth read as one more lenet point in the architecture colours)
        truth.setMaterial(new PhongMaterial(background.getBrightness() > 0.5 ? Color.web("#2B2B2B") : Color.web("#F2F2F2")));
        selection.setMaterial(new PhongMaterial(palette.colour(palette.highlight())));
        halo.setColours(background);
        triad.setColours(background.getBrightness() > 0.5);
        drawnKey = null;
    }

    private void redrawIfChanged() {
        PictureFrame frame = model.picture().frame();
        canyonRequests.follow(frame);
        Map<String, PointPaint.RunLook> looks = runLooks();
        RunItem selectedRun = model.selectedRun();
        Object key = List.of(frame.version(), frame.size(), looks.hashCode(),
                model.colouringProperty().get(), Objects.toString(selectedRun == null ? null : selectedRun.name()),
                Objects.toString(model.selectedCheckpoint()), model.axisProperty(0).get(), model.axisProperty(1).get(),
                model.axisProperty(2).get(), model.pointSizeProperty().get(), model.trajectoriesShownProperty().get(),
                model.probeProperty().get(), System.identityHashCode(palette), model.shownUpToStepProperty().get(), notLearnedNote,
                canyonRequests.version(), model.landscapeShownProperty().get());
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
            placeHalo();
            return;
        }
        drawnKey = key;
        draw(frame, looks, selectedRun == null ? null : selectedRun.name());
        settled = !easing;
        OpenProbe.shown(drawn, model.runs());
    }

    private Map<String, PointPaint.RunLook> runLooks() {
        Map<String, PointPaint.RunLook> looks = new LinkedHashMap<>();
        int marked = 0, hidden = 0;
        for (RunItem r : model.runs()) {
            LearningRule.Verdict verdict = model.verdict(r);
            boolean notLearned = verdict.marked();
            boolean drawn = model.drawn(r, verdict);
            if (notLearned) marked++;
            if (notLearned && r.isVisible() && !drawn) hidden++;
            looks.put(r.name(), new PointPaint.RunLook(r.state(), Math.max(0, ColourPalette.CATEGORICAL.indexOf(r.colour())), drawn,
                    notLearned));
        }
        notLearnedNote = Legend.notLearnedNote(model.learningRuleProperty().get(), marked, hidden);
        return looks;
    }

    /** The frame's axes (0-based) drawn as x, y, z: the model's choice, within the frame's axes. */
    public int[] shownAxes(PictureFrame frame) {
        int k = Math.max(1, frame.axes());
        return new int[]{Math.min(model.axisProperty(0).get(), k - 1), Math.min(model.axisProperty(1).get(), k - 1),
                Math.min(model.axisProperty(2).get(), k - 1)};
    }

    /**
     * Aims the scale at the bulk of the visible points on the drawn axes ({@link BulkExtent}): the
     * camera frames the central 98% of them, so a diverged run that shoots far off leaves the
     * frame (still drawn, reachable by zooming out) instead of squeezing every other trajectory
     * into a corner. The frame's half-width is at least a tenth of the ignorance-to-truth distance
     * on the drawn axes, so one point, or the first checkpoints of a training all near ignorance,
     * are not blown up to fill the view.
     * Computed only when what is drawn changed.
     */
    private void aimScale(PictureFrame frame, Map<String, PointPaint.RunLook> looks) {
        int n = frame.size();
        if (n == 0) return;
        int[] ax = shownAxes(frame);
        double[] xyz = new double[3 * n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            PointInfo p = frame.point(i);
            PointPaint.RunLook look = looks.get(p.run());
            if (p.isAnchor() || look == null || !look.visible()) continue;
            for (int d = 0; d < 3; d++) xyz[3 * count + d] = frame.coordinate(i, ax[d]);
            count++;
        }
        double[] anchors = new double[6];
        for (int i = 0; i < Math.min(2, n); i++) {
            for (int d = 0; d < 3; d++) anchors[3 * i + d] = frame.coordinate(i, ax[d]);
        }
        double span = Math.sqrt(Math.pow(anchors[3] - anchors[0], 2) + Math.pow(anchors[4] - anchors[1], 2)
                + Math.pow(anchors[5] - anchors[2], 2));
        BulkExtent bulk = count > 0 ? BulkExtent.of(xyz, count) : null;
        if (bulk == null) bulk = BulkExtent.of(anchors, Math.min(2, n));   // the anchors alone
        if (bulk == null) return;
        // the first checkpoints (a folder of runs opened at once) appear at their own scale, not
        // zoomed into over 20-30 frames, each a full redraw: seconds on a slow software renderer
        if (count > 0 && (drawn == null || drawn.size() <= 2)) scale.reset();
        bulk = bulk.atLeast(0.1 * span);
        scale.aimAt(bulk.halfWidth(), bulk.centre());
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
        if (centres.length < 3 * n) centres = new float[Math.max(3 * n, centres.length * 3 / 2)];
        double reach = 0;
        double[] at = glide.positions(System.nanoTime());
        for (int i = 0; i < n; i++) {
            centres[3 * i] = (float) scale.toScene(at[3 * i], 0);
            centres[3 * i + 1] = (float) -scale.toScene(at[3 * i + 1], 1);   // JavaFX y points down
            centres[3 * i + 2] = (float) scale.toScene(at[3 * i + 2], 2);
            reach = Math.max(reach, Math.abs(centres[3 * i]) + Math.abs(centres[3 * i + 1]) + Math.abs(centres[3 * i + 2]));
        }
        drawCanyon(ax, model.pointSizeProperty().get());
        // points beyond the framed bulk stay drawn however far out they are, and so does the canyon
        camera.setFarClip(BulkExtent.farClip(Math.max(reach, canyon.reach())));
        camera.setNearClip(BulkExtent.nearClip(camera.getFarClip()));
        double size = model.pointSizeProperty().get();
        int[] colours = paint.colours(frame.points(), n, looks, model.colouringProperty().get(), selectedRun,
                model.shownUpToStepProperty().get());
        drawnMarkers = 0;
        for (int c : colours) if (c >= 0) drawnMarkers++;
        drawnColours = colours;
        draws++;
        if (MarkerMesh.Shape.forCount(n) != markers.shape()) swapMarkers(MarkerMesh.Shape.forCount(n));
        markers.update(n, centres, colours, (float) (MARKER * size));
        drawTrajectories(frame, n, colours, size, looks);
        drawGeodesic(frame, ax, size);
        placeAnchor(ignorance, 0, n, size);
        placeAnchor(truth, 1, n, size);
        placeSelection(frame, n, size);
        triad.update(frame, ax, SceneScale.RADIUS * 1.05);
        triad.placeLabels(world);
        anchorLabels.place(world, ignorance, truth);
        placeHalo();
        legend.note(notLearnedNote, palette.colour(palette.notLearned(false)));
        legend.show(paint.legend(frame.points(), n, looks, model.colouringProperty().get()), palette);
        legend.node().setVisible(n > 2);   // no legend for a picture of anchors only
    }

    /** The one structural change: crossing the size threshold swaps the marker mesh once. */
    private void swapMarkers(MarkerMesh.Shape shape) {
        int at = world.getChildren().indexOf(markers.view());
        markers = new MarkerMesh(shape, material, palette.texCoords());
        world.getChildren().set(at, markers.view());
    }

    /**
     * Each run's path through its checkpoints, and for a fine-tuned run a connector in its colour
     * from its parent's checkpoint to its first point, so it reads as a continuation (in the
     * imprinted picture the two points coincide: the child starts with the parent's body).
     */
    private void drawTrajectories(PictureFrame frame, int n, int[] colours, double size, Map<String, PointPaint.RunLook> looks) {
        if (!model.trajectoriesShownProperty().get()) {
            trajectories.update(0, new float[0], new int[0], 0);
            return;
        }
        Map<String, RunState> states = new LinkedHashMap<>();
        looks.forEach((name, look) -> states.put(name, look.state()));
        List<int[]> connectors = FineTuning.connectors(frame.points(), n, states);
        float[] ends = new float[6 * (n + connectors.size())];
        int[] segColours = new int[n + connectors.size()];
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
        for (int[] c : connectors) {
            if (colours[c[0]] < 0 || colours[c[1]] < 0) continue;
            System.arraycopy(centres, 3 * c[0], ends, 6 * s, 3);
            System.arraycopy(centres, 3 * c[1], ends, 6 * s + 3, 3);
            segColours[s++] = colours[c[1]];
        }
        drawnConnectors = connectors.stream().filter(c -> colours[c[0]] >= 0 && colours[c[1]] >= 0).count();
        trajectories.update(s, ends, segColours, (float) (RIBBON * Math.sqrt(size)));
    }

    private void drawGeodesic(PictureFrame frame, int[] ax, double size) {
        double[][] g = frame.geodesic();
        int segments = Math.max(0, g.length - 1);
        float[] ends = new float[6 * segments];
        int[] colours = new int[segments];
        for (int s = 0; s < segments; s++) {
            for (int e = 0; e < 2; e++) {
                double[] p = g[s + e];
                ends[6 * s + 3 * e] = (float) scale.toScene(p[ax[0]], 0);
                ends[6 * s + 3 * e + 1] = (float) -scale.toScene(p[ax[1]], 1);
                ends[6 * s + 3 * e + 2] = (float) scale.toScene(p[ax[2]], 2);
            }
            colours[s] = s % 2 == 0 ? palette.categorical(7, false) : -1;   // dashed grey
        }
        geodesic.update(segments, ends, colours, (float) (0.8 * RIBBON * Math.sqrt(size)));
    }

    /**
     * The landscape overlay's models where the picture places them, or what keeps them from it in
     * words; nothing when the toggle hides the landscape. Not part of the framing: the picture
     * stays framed on the checkpoints, and a far sheet is still drawn (the far clip reaches it).
     */
    private void drawCanyon(int[] ax, double size) {
        if (!model.landscapeShownProperty().get()) {
            canyon.hide();
            canyonLegend.hide();
            return;
        }
        CanyonRequests.Canyon c = canyonRequests.canyon();
        if (c == null || c.picture() != model.picture()) {
            canyon.hide();
            canyonLegend.say(canyonRequests.status());
            return;
        }
        ModelGrid g = c.overlay().models();
        int marked = c.overlay().hasMarked() ? c.overlay().markedRow() * g.columns() + c.overlay().markedColumn() : -1;
        canyon.draw(c.placement().coordinates(), g.rows(), g.columns(), c.scored().loss(), marked, ax, scale, size);
        canyonLegend.show(c.overlay().title() + ": " + g.rows() * g.columns() + " models, coloured by their loss on the "
                + c.picture().title(), canyon.lossScale(), c.placement().describe());
    }

    /** Whether the landscape overlay is drawn now (tests). */
    public boolean canyonShown() { return canyon.isShown(); }

    /** Whether the overlay's marked model is drawn (tests). */
    public boolean canyonMarkShown() { return canyon.markShown(); }

    /** Whether the drawn canyon was placed in the basis of the frame drawn with it (false while it is placed again). */
    public boolean canyonCurrent() {
        CanyonRequests.Canyon c = canyonRequests.canyon();
        return c != null && canyon.isShown() && drawn != null && drawn.embedding() != null
                && c.placement().basis() == drawn.embedding().basis();
    }

    /** Whether the overlay is being scored or placed (tests wait for it). */
    public boolean canyonBusy() { return canyonRequests.busy(); }

    /** The canyon legend's lines: title, then the residual (tests, exports). */
    public String canyonLegendText() { return canyonLegend.titleText() + "\n" + canyonLegend.residualText(); }

    /** Where model (row, column) of the overlay is on screen, or null if not drawn (tests). */
    public Point2D canyonScreenPosition(int row, int column) {
        double[] v = canyon.vertex(row, column);
        return v == null ? null : world.localToScreen(v[0], v[1], v[2]);
    }

    /** Where model (row, column) is drawn, in picture units on the drawn axes (tests). */
    double[] canyonCoordinates(int row, int column) {
        double[] v = canyon.vertex(row, column);
        return v == null ? null : new double[] {scale.fromScene(v[0], 0), scale.fromScene(-v[1], 1), scale.fromScene(v[2], 2)};
    }

    private void placeAnchor(Sphere anchor, int index, int n, double size) {
        anchor.setVisible(index < n);
        if (index >= n) return;
        anchor.setRadius(MARKER * 2.2 * size);
        anchor.setTranslateX(centres[3 * index]);
        anchor.setTranslateY(centres[3 * index + 1]);
        anchor.setTranslateZ(centres[3 * index + 2]);
    }

    /** The selected checkpoint's marker, drawn larger in its own colour; hidden while its marker is not drawn. */
    private void placeSelection(PictureFrame frame, int n, double size) {
        CheckpointRef ref = model.selectedCheckpoint();
        int at = -1;
        if (ref != null) {
            for (int i = 0; i < n && at < 0; i++) {
                PointInfo p = frame.point(i);
                if (p.checkpoint() == ref.checkpoint() && p.run().equals(ref.run())) at = i;
            }
        }
        if (at >= 0 && drawnColours[at] < 0) at = -1;   // a hidden run, or a step playback has not reached
        selectedAt = at;
        selection.setVisible(at >= 0);
        if (at < 0) return;
        Color colour = palette.colour(drawnColours[at]);
        if (!(selection.getMaterial() instanceof PhongMaterial m && colour.equals(m.getDiffuseColor()))) {
            selection.setMaterial(new PhongMaterial(colour));
        }
        selection.setRadius(MARKER * SELECTED_SCALE * size);
        selection.setTranslateX(centres[3 * at]);
        selection.setTranslateY(centres[3 * at + 1]);
        selection.setTranslateZ(centres[3 * at + 2]);
    }

    /** Rings the selected point on screen; every pulse, since the camera may have moved. */
    private void placeHalo() {
        if (selectedAt < 0 || !selection.isVisible()) {
            halo.hide();
            return;
        }
        double x = selection.getTranslateX(), y = selection.getTranslateY(), z = selection.getTranslateZ();
        Point2D at = OverlayPosition.of(world, overlay, x, y, z);
        if (at == null) {
            halo.hide();
            return;
        }
        halo.show(at.getX(), at.getY(), apparentRadius(x, y, z, selection.getRadius()));
    }

    /** Whether the selected point is ringed (tests). */
    boolean haloShown() { return halo.isShown(); }

    /** The ring's radius in pixels (tests). */
    double haloRadius() { return halo.radius(); }

    /** Where the halo is in this view's coordinates (tests). */
    Point2D haloCentre() { return overlay.localToParent(halo.centre()); }

    /** Roughly how many scene pixels a sphere of radius r at (x, y, z) of the world spans: its largest projected axis. */
    private double apparentRadius(double x, double y, double z, double r) {
        Point3D c = world.localToScene(new Point3D(x, y, z), true);
        double most = 0;
        for (int a = 0; a < 3; a++) {
            Point3D e = world.localToScene(new Point3D(x + (a == 0 ? r : 0), y + (a == 1 ? r : 0), z + (a == 2 ? r : 0)), true);
            most = Math.max(most, Math.hypot(e.getX() - c.getX(), e.getY() - c.getY()));
        }
        return most;
    }

    /** The drawn point the pointer at scene position (x, y) means, or -1 ({@link ScreenPoints}). */
    int pointAt(double sceneX, double sceneY) {
        if (drawn == null) return -1;
        ScreenPoints points = screenPoints();
        // overlapping markers: the one in front, if the pointer is about as near its centre
        double tie = apparentRadius(0, 0, 0, MARKER * model.pointSizeProperty().get());
        int i = points.nearest(sceneX, sceneY, PICK_PIXELS, tie);
        return i < drawn.size() ? i : -1;
    }

    /**
     * The drawn points' positions in the window's scene, projected again only when the view
     * changed since the last time (a draw, the camera, the sub-scene's size or place): a mouse
     * move over a still picture then costs one pass over the points.
     */
    ScreenPoints screenPoints() {
        int n = Math.min(drawn == null ? 0 : drawn.size(), drawnColours.length);
        double[] key = projectionKey();
        if (Arrays.equals(key, projectedFor)) return onScreen;
        projectedFor = key;
        if (screenXY.length < 2 * n) {
            screenXY = new float[2 * n];
            screenDepth = new float[n];
        }
        Transform toCamera;
        try {
            toCamera = camera.getLocalToSceneTransform().createInverse().createConcatenation(world.getLocalToSceneTransform());
        } catch (NonInvertibleTransformException e) {
            onScreen.clear();
            return onScreen;
        }
        for (int i = 0; i < n; i++) {
            float x = centres[3 * i], y = centres[3 * i + 1], z = centres[3 * i + 2];
            Point3D seen = toCamera.transform(x, y, z);   // the camera looks along its +z
            boolean pickable = drawnColours[i] >= 0 && seen.getZ() > camera.getNearClip();
            Point3D p = pickable ? world.localToScene(new Point3D(x, y, z), true) : null;
            screenXY[2 * i] = p == null ? Float.NaN : (float) p.getX();
            screenXY[2 * i + 1] = p == null ? Float.NaN : (float) p.getY();
            screenDepth[i] = (float) seen.getZ();
        }
        onScreen.set(n, screenXY, screenDepth);
        return onScreen;
    }

    /**
     * Everything the projection of the points depends on; the centres' hash too, so points
     * moved without a full draw (an animation) are projected again.
     */
    private double[] projectionKey() {
        double[] key = new double[3 * 12 + 5];
        int k = 0;
        for (Node node : new Node[] {world, camera, subScene}) {
            for (double v : node.getLocalToSceneTransform().toArray(MatrixType.MT_3D_3x4)) key[k++] = v;
        }
        key[k++] = subScene.getWidth();
        key[k++] = subScene.getHeight();
        key[k++] = camera.getFieldOfView();
        key[k++] = draws;
        key[k] = Arrays.hashCode(centres);
        return key;
    }

    private void installMouse() {
        subScene.setOnMousePressed(e -> {
            stopGlide();   // the user takes the camera
            requestFocus();   // keys meant for the picture (a tour's PageDown) come here now
            pressX = downX = e.getSceneX();
            pressY = downY = e.getSceneY();
            dragged = false;
        });
        subScene.setOnMouseDragged(e -> {
            double dx = e.getSceneX() - pressX, dy = e.getSceneY() - pressY;
            // measured from the press, so a slow drag of many one-pixel steps is a drag too
            if (Math.hypot(e.getSceneX() - downX, e.getSceneY() - downY) > CLICK_SLOP) dragged = true;
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
            stopGlide();
            double z = camera.getTranslateZ() * Math.pow(1.0015, -e.getDeltaY());
            camera.setTranslateZ(Math.max(-CameraPose.MAX_DISTANCE, Math.min(-CameraPose.MIN_DISTANCE, z)));
        });
        subScene.setOnMouseMoved(this::hoverAt);
        subScene.setOnMouseExited(e -> {
            hover.hide();
            subScene.setCursor(Cursor.DEFAULT);
        });
        subScene.setOnMouseClicked(e -> {
            if (dragged || e.getButton() != MouseButton.PRIMARY) return;
            int i = pointAt(e.getSceneX(), e.getSceneY());
            if (i < 0) return;
            PointInfo p = drawn.point(i);
            model.selectCheckpoint(new CheckpointRef(p.run(), p.checkpoint(), p.step()));
        });
    }

    private void hoverAt(MouseEvent e) {
        int i = pointAt(e.getSceneX(), e.getSceneY());
        subScene.setCursor(i < 0 ? Cursor.DEFAULT : Cursor.HAND);
        if (i < 0) {
            hover.hide();
            return;
        }
        Point2D at = overlay.sceneToLocal(e.getSceneX(), e.getSceneY());
        hover.show(drawn.point(i), model.probeProperty().get(), lineage(drawn.point(i).run()), at.getX(), at.getY(), getWidth());
    }

    /** "fine-tuned from PARENT at step S" for a fine-tuned run, else empty. */
    private String lineage(String run) {
        RunItem item = model.run(run);
        if (item == null) return "";
        return FineTuning.of(item.state()).map(f -> f.describe(parentState(f))).orElse("");
    }

    private RunState parentState(FineTuning f) {
        return f.parentIn(model.runs().stream().map(RunItem::state).toList());
    }

    static Point3D toPoint(float[] c, int i) { return new Point3D(c[3 * i], c[3 * i + 1], c[3 * i + 2]); }

    Node legendNode() { return legend.node(); }

    /** The colour point {@code i} of the drawn frame has, null when it is not drawn as a marker (tests). */
    public Color pointColour(int i) {
        return i < 0 || i >= drawnColours.length || drawnColours[i] < 0 ? null : palette.colour(drawnColours[i]);
    }

    /** How many fine-tuning connectors the last drawing has (tests). */
    public long drawnConnectors() { return drawnConnectors; }

    /** The did-not-learn rule as the legend states it now, "" when no run falls under it (tests). */
    public String legendNote() { return legend.noteText(); }
}
