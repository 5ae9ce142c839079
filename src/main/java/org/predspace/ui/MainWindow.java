package org.predspace.ui;

import javafx.animation.Animation;
import javafx.animation.AnimationTimer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.predspace.geometry.inpca.DrawnStress;
import org.predspace.session.ExplorerSession;
import org.predspace.session.PictureFrame;
import org.predspace.ui.chapters.CaptionOverlay;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.chapters.ChapterStage;
import org.predspace.ui.chapters.ChapterTour;
import org.predspace.ui.chapters.ChaptersPanel;
import org.predspace.ui.chapters.PanelsBeside;
import org.predspace.ui.view3d.PredictionView;
import org.predspace.ui.workspace.SavedViews;
import org.predspace.ui.workspace.SavedViewsPanel;
import org.predspace.ui.workspace.WindowLayout;
import org.predspace.ui.workspace.WorkspaceActions;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The main window: run library on the left, the 3D picture in the centre, linked panels
 * (Curves, Spectrum, Compare, Details) on the right, background tasks at the bottom. It only
 * arranges views; each binds to the {@link ExplorerModel} on its own.
 */
public final class MainWindow {
    private final ExplorerModel model;
    private final Stage stage;
    private final BorderPane root = new BorderPane();
    private final PredictionView view;
    private final TabPane panels = new TabPane();
    private final TaskStatusBar status;
    private PictureFrame countedFrame;
    private int runsInCountedFrame;
    private final StackPane centre;
    private final VBox placeholder;
    private final Scene scene;
    private final Actions actions;
    private final PlaybackBar playback;
    private final VBox middle;
    private final SplitPane split;
    private final Node menuBar;
    /** File > Export: the export actions add their items here (ExplorerWindows). */
    private final Menu exportMenu = new Menu("Export");
    /** Presentation mode: the picture and the time bar only, large type, full screen. */
    private final BooleanProperty presenting = new SimpleBooleanProperty(false);
    private final AnimationTimer autoRotate = new AnimationTimer() {
        @Override
        public void handle(long now) { view.rotateBy(0.25); }
    };
    private final BooleanProperty rotating = new SimpleBooleanProperty(false);
    private final SavedViews savedViews;
    private final WorkspaceActions workspace;
    private final ChapterTour tour;
    /** The chapter's panels beside the picture in presentation mode. */
    private final PanelsBeside beside;
    /** Picture and time bar (and the chapter's panels) while presenting, else null. */
    private BorderPane stageArea;
    /** Whether the user was told once that there are no chapters to step through. */
    private boolean toldNoChapters;
    private static final String CHAPTERS_TAB = "Chapters";
    /** The panel tab in front last, the Chapters tab aside. */
    private String evidencePanel;

    /** What the menus, buttons and keys do, supplied by the app (dialogs live elsewhere). */
    public interface Actions {
        void openRuns();

        void newRun();

        void sweep();

        void demoSweep();

        /** Asks for a folder and follows it: runs other processes write there appear as they go. */
        void followFolder();

        /** Opens a workspace in a new window (this one already shows runs). */
        void openWorkspaceWindow(Path workspace);
    }

    public MainWindow(Stage stage, ExplorerModel model, Node library, List<Tab> tabs, Actions actions) {
        this.model = model;
        this.stage = stage;
        this.actions = actions;
        this.view = new PredictionView(model);
        this.status = new TaskStatusBar(model);
        this.placeholder = placeholder();
        centre = GraphicsSupport.canDraw3D() ? new StackPane(view, placeholder) : new StackPane(no3D());
        playback = new PlaybackBar(model);
        middle = new VBox(new ViewControls(model, view::resetView), centre, playback);
        VBox.setVgrow(centre, Priority.ALWAYS);
        panels.getTabs().setAll(tabs);
        savedViews = new SavedViews(model, playback);
        panels.getTabs().add(ExplorerWindows.tab("Views", new SavedViewsPanel(model, savedViews),
                "Saved views of the picture: recall with one click or keys 1-9"));
        tour = new ChapterTour(model, new Stage3D());
        beside = new PanelsBeside(panels);
        if (GraphicsSupport.canDraw3D()) centre.getChildren().add(new CaptionOverlay(tour, centre).node());
        // a caption hidden by the lecturer (B) stays hidden for that chapter only, as a clicker's blank screen ends on the next slide
        tour.currentProperty().addListener((o, a, b) -> tour.captionShownProperty().set(true));
        panels.getTabs().add(ExplorerWindows.tab(CHAPTERS_TAB, new ChaptersPanel(model, tour),
                "The lecture's chapters in tour order: show one, add this view as one, edit captions, save to chapters.json"));
        // the chapter editor is not evidence: a chapter added from it names the panel in front before it
        evidencePanel = panels.getSelectionModel().getSelectedItem() == null ? null : panels.getSelectionModel().getSelectedItem().getText();
        panels.getSelectionModel().selectedItemProperty().addListener((o, was, is) -> {
            if (is != null && !is.getText().equals(CHAPTERS_TAB)) evidencePanel = is.getText();
        });
        panels.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        split = new SplitPane(library, middle, panels);
        split.setDividerPositions(0.24, 0.68);
        SplitPane.setResizableWithParent(library, false);
        workspace = new WorkspaceActions(layout(), model, actions::openWorkspaceWindow);
        menuBar = menus();
        root.setTop(menuBar);
        root.setCenter(split);
        root.setBottom(status);
        scene = new Scene(root, 1600, 950);
        root.getProperties().put(MainWindow.class, this);   // lets tests find a window opened by the app
        scene.getStylesheets().add(MainWindow.class.getResource("predspace.css").toExternalForm());
        model.darkThemeProperty().addListener((o, a, dark) -> {
            if (dark) root.getStyleClass().add("dark"); else root.getStyleClass().remove("dark");
        });
        scene.addEventFilter(KeyEvent.KEY_PRESSED, this::keys);
        rotating.addListener((o, a, b) -> { if (b) autoRotate.start(); else autoRotate.stop(); });
        model.setProblemSink(this::notify);
        model.setNoticeSink(this::confirm);
        model.runs().addListener((ListChangeListener<RunItem>) c -> placeholder.setVisible(model.runs().isEmpty()));
        placeholder.setVisible(model.runs().isEmpty());
        Timeline ticker = new Timeline(
                new KeyFrame(Duration.millis(500), e -> updateStatusText()));
        ticker.setCycleCount(Animation.INDEFINITE);
        ticker.play();
        stage.titleProperty().bind(Bindings.createStringBinding(() -> workspace.fileProperty().get() == null
                ? "PredSpace — prediction space explorer"
                : "PredSpace — " + workspace.fileProperty().get().getFileName(), workspace.fileProperty()));
        stage.setScene(scene);
        // once the window is up, before any run trains: the 3D renderer's first-time costs
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, new EventHandler<>() {
            @Override
            public void handle(WindowEvent e) {
                stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
                OpenProbe.windowShown();
                if (GraphicsSupport.canDraw3D()) Platform.runLater(view::warmUpRenderer);
            }
        });
    }

    public Scene scene() { return scene; }

    public ExplorerModel model() { return model; }

    public PredictionView view() { return view; }

    public TabPane panels() { return panels; }

    public PlaybackBar playback() { return playback; }

    /** File > Export, for the export actions to fill. */
    public Menu exportMenu() { return exportMenu; }

    public Stage stage() { return stage; }

    public SavedViews savedViews() { return savedViews; }

    /** The parts of this window a workspace keeps besides the model: its size, the panel in front, the dividers. */
    public WindowLayout layout() { return new WindowLayout(stage, panels, split); }

    public WorkspaceActions workspace() { return workspace; }

    /** The lecture tour through the model's chapters. */
    public ChapterTour tour() { return tour; }

    /** What this window does for a chapter: its camera, its panels, its playback. */
    private final class Stage3D implements ChapterStage {
        @Override
        public void glideTo(CameraPose pose) { view.glideTo(pose); }

        @Override
        public String panel() { return evidencePanel; }

        @Override
        public void showPanels(List<String> titles) {
            if (presenting.get()) showBeside(titles);
            if (titles.isEmpty()) return;
            for (Tab t : panels.getTabs()) if (t.getText().equals(titles.get(0))) panels.getSelectionModel().select(t);
        }

        @Override
        public void play(boolean fromStart) {
            playback.pause();
            if (fromStart) playback.playFromStart();
        }
    }

    /** Library | picture | panels (workspaces keep its dividers). */
    public SplitPane split() { return split; }

    public boolean presenting() { return presenting.get(); }

    /**
     * Presentation mode for lectures: only the picture and the time bar (and the current
     * chapter's panels beside the picture), fonts large enough for the back row, full screen.
     * Keys: PageDown/PageUp next/previous chapter (what presentation clickers send), Home the
     * first, B or . hide/show the caption; Space play/pause, arrows step the time bar,
     * F full screen, C colouring, A auto-rotate, 1-9 recall saved views, Esc leaves.
     */
    public void setPresenting(boolean on) {
        if (on == presenting.get()) return;
        presenting.set(on);
        if (on) {
            middle.getChildren().remove(playback);
            stageArea = new BorderPane(centre);
            stageArea.setBottom(playback);
            Chapter shown = tour.current();
            showBeside(shown == null ? List.of() : shown.panels());
            root.setTop(null);
            root.setBottom(null);
            root.setCenter(stageArea);
            root.getStyleClass().add("presentation");
            stage.setFullScreenExitHint("");
            stage.setFullScreen(true);
        } else {
            root.getStyleClass().remove("presentation");
            beside.giveBack();
            stageArea = null;
            middle.getChildren().setAll(middle.getChildren().get(0), centre, playback);
            VBox.setVgrow(centre, Priority.ALWAYS);
            root.setTop(menuBar);
            root.setCenter(split);
            root.setBottom(status);
            stage.setFullScreen(false);
        }
    }

    /** The chapter's panels (at most two, stacked) right of the picture while presenting; none: the picture takes the width. */
    private void showBeside(List<String> titles) {
        beside.show(titles);
        if (stageArea == null) return;
        if (beside.isEmpty()) {
            stageArea.setRight(null);
            return;
        }
        // the picture keeps the larger part: it is what the lecture is about
        beside.node().prefWidthProperty().bind(stageArea.widthProperty().multiply(0.42));
        stageArea.setRight(beside.node());
    }

    /** The titles of the panels shown beside the picture now (presentation mode), top first. */
    public List<String> panelsBeside() { return beside.titles(); }

    public BooleanProperty autoRotateProperty() { return rotating; }

    private MenuBar menus() {
        MenuItem open = item("Open runs…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN), actions::openRuns);
        MenuItem newRun = item("New run…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN), actions::newRun);
        MenuItem sweep = item("Sweep…", new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), actions::sweep);
        MenuItem demo = item("Train a demo sweep", null, actions::demoSweep);
        MenuItem follow = item("Follow folder…", null, actions::followFolder);
        MenuItem stopFollowing = item("Stop following", null, model::stopFollowing);
        stopFollowing.disableProperty().bind(model.followingProperty().isNull());
        MenuItem openWorkspace = item("Open workspace…", new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), workspace::chooseAndOpen);
        MenuItem saveWorkspace = item("Save workspace", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN), workspace::save);
        MenuItem saveWorkspaceAs = item("Save workspace as…", new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), workspace::chooseAndSave);
        MenuItem quit = item("Quit", new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), stage::close);
        Menu file = new Menu("File", null, open, follow, stopFollowing, newRun, sweep, demo, new SeparatorMenuItem(),
                openWorkspace, saveWorkspace, saveWorkspaceAs, new SeparatorMenuItem(), exportMenu, new SeparatorMenuItem(), quit);

        MenuItem reset = item("Reset view (R)", null, view::resetView);
        MenuItem cycle = item("Next colouring (C)", null, model::nextColouring);
        CheckMenuItem lines = new CheckMenuItem("Trajectories (T)");
        ControlBinding.bothWays(lines.selectedProperty(), model.trajectoriesShownProperty(), model::showTrajectories);
        CheckMenuItem hideNotLearned = new CheckMenuItem("Hide runs that did not learn");
        hideNotLearned.setId("hide-not-learned-menu");
        hideNotLearned.setAccelerator(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN));
        ControlBinding.bothWays(hideNotLearned.selectedProperty(), model.notLearnedHiddenProperty(), model::hideNotLearned);
        MenuItem threshold = item("Did-not-learn threshold…", null, this::askThreshold);
        CheckMenuItem heldOut = new CheckMenuItem("Held-out probe picture (H)");
        heldOut.setSelected(model.probeProperty().get() == ExplorerSession.Probe.HELD_OUT);
        heldOut.setOnAction(e -> model.showProbe(heldOut.isSelected() ? ExplorerSession.Probe.HELD_OUT : ExplorerSession.Probe.TRAINING));
        model.probeProperty().addListener((o, a, b) -> heldOut.setSelected(b == ExplorerSession.Probe.HELD_OUT));
        CheckMenuItem imprinted = new CheckMenuItem("All classes, imprinted picture (I)");
        imprinted.setId("imprinted-picture-menu");
        imprinted.setSelected(model.probeProperty().get() == ExplorerSession.Probe.IMPRINTED);
        imprinted.setOnAction(e -> model.showProbe(imprinted.isSelected() ? ExplorerSession.Probe.IMPRINTED : ExplorerSession.Probe.TRAINING));
        model.probeProperty().addListener((o, a, b) -> imprinted.setSelected(b == ExplorerSession.Probe.IMPRINTED));
        CheckMenuItem dark = new CheckMenuItem("Dark theme");
        dark.setAccelerator(new KeyCodeCombination(KeyCode.D, KeyCombination.SHORTCUT_DOWN));
        ControlBinding.bothWays(dark.selectedProperty(), model.darkThemeProperty(), model::useDarkTheme);
        MenuItem full = item("Full screen (F11)", null, () -> stage.setFullScreen(!stage.isFullScreen()));
        MenuItem present = item("Presentation mode (F5)", null, () -> setPresenting(true));
        CheckMenuItem spin = new CheckMenuItem("Auto-rotate (A)");
        spin.selectedProperty().bindBidirectional(rotating);
        MenuItem saveView = item("Save current view (Ctrl+1…9)", null, () -> savedViews.store(model.savedViews().size() + 1));
        Menu viewMenu = new Menu("View", null, reset, cycle, lines, hideNotLearned, threshold, heldOut, imprinted, dark, full, present, spin,
                new SeparatorMenuItem(), saveView);

        MenuItem keysHelp = item("Keyboard shortcuts", null, this::showShortcuts);
        Menu help = new Menu("Help", null, keysHelp);
        return new MenuBar(file, viewMenu, help);
    }

    /** Asks for the did-not-learn threshold; the picture, table and Details follow a new value. */
    private void askThreshold() {
        ThresholdDialog d = new ThresholdDialog(model.learningRuleProperty().get());
        d.initOwner(stage);
        d.resultProperty().addListener((o, a, rule) -> { if (rule != null) model.setLearningRule(rule); });
        d.show();
    }

    private static MenuItem item(String text, KeyCombination key, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (key != null) m.setAccelerator(key);
        m.setOnAction(e -> action.run());
        return m;
    }

    /** Single-letter keys act on the picture unless a text field has the focus. */
    private void keys(KeyEvent e) {
        if (e.isAltDown()) return;
        if (scene.getFocusOwner() instanceof TextInputControl) return;
        if (scene.getFocusOwner() instanceof Spinner) return;
        int slot = slotOf(e.getCode());
        if (slot > 0) {
            // 1-9 recall a saved view, Ctrl+1-9 save into that slot, in either mode
            if (e.isShortcutDown()) savedViews.store(slot); else savedViews.recallSlot(slot);
            e.consume();
            return;
        }
        if (e.isShortcutDown()) return;
        if (presenting.get() && presentationKey(e)) {
            e.consume();
            return;
        }
        if (isChapterKey(e.getCode()) && (pictureHasFocus() || !isPageKey(e.getCode()))) {
            chapterKey(e.getCode());
            e.consume();
            return;
        }
        switch (e.getCode()) {
            case R -> view.resetView();
            case C -> model.nextColouring();
            case T -> model.showTrajectories(!model.trajectoriesShownProperty().get());
            case H -> model.showProbe(model.probeProperty().get() == ExplorerSession.Probe.TRAINING
                    ? ExplorerSession.Probe.HELD_OUT : ExplorerSession.Probe.TRAINING);
            case I -> model.toggleProbe(ExplorerSession.Probe.IMPRINTED);
            case ESCAPE -> model.clearSelection();
            case P -> playback.toggle();
            case A -> rotating.set(!rotating.get());
            case F5 -> setPresenting(true);
            case F11 -> stage.setFullScreen(!stage.isFullScreen());
            default -> { return; }
        }
        e.consume();
    }

    /** 1-9 for the digit keys (main row or keypad), else 0. */
    static int slotOf(KeyCode code) {
        if (code.isDigitKey()) {
            String n = code.getName();   // "1" or "Numpad 1"
            int d = n.charAt(n.length() - 1) - '0';
            return d >= 1 && d <= SavedViews.SLOTS ? d : 0;
        }
        return 0;
    }

    private static boolean isPageKey(KeyCode code) {
        return code == KeyCode.PAGE_DOWN || code == KeyCode.PAGE_UP || code == KeyCode.HOME;
    }

    private static boolean isChapterKey(KeyCode code) { return isPageKey(code) || code == KeyCode.B || code == KeyCode.PERIOD; }

    /**
     * Outside presentation mode the page keys step chapters only while the picture has the focus
     * (a click on it gives it): elsewhere they scroll the table, lists and panels as usual.
     */
    private boolean pictureHasFocus() {
        for (Node n = scene.getFocusOwner(); n != null; n = n.getParent()) if (n == view) return true;
        return scene.getFocusOwner() == null;
    }

    /** PageDown/PageUp next/previous chapter, Home the first, B or . hide/show the caption; with no chapters, says so once. */
    private void chapterKey(KeyCode code) {
        if (tour.chapters().isEmpty()) {
            if (!toldNoChapters) confirm("No chapters to step through: PageDown, PageUp, Home and B act on chapters"
                    + " (a chapters.json beside the runs, or chapters saved in a workspace).");
            toldNoChapters = true;
            return;
        }
        switch (code) {
            case PAGE_DOWN -> tour.next();
            case PAGE_UP -> tour.previous();
            case HOME -> tour.show(0);
            default -> tour.captionShownProperty().set(!tour.captionShownProperty().get());
        }
    }

    private boolean presentationKey(KeyEvent e) {
        if (isChapterKey(e.getCode())) {
            chapterKey(e.getCode());
            return true;
        }
        switch (e.getCode()) {
            case SPACE -> playback.toggle();
            case RIGHT -> playback.stepBy(1);
            case LEFT -> playback.stepBy(-1);
            case F -> stage.setFullScreen(!stage.isFullScreen());
            case C -> model.nextColouring();
            case A -> rotating.set(!rotating.get());
            case ESCAPE -> setPresenting(false);
            default -> { return false; }
        }
        return true;
    }

    private void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
                Ctrl+O  open run folders        Ctrl+N  new run        Ctrl+Shift+N  sweep
                R  reset view     C  next colouring     T  trajectories on/off
                H  training / held-out picture     P  play / pause training     Esc  clear selection
                Ctrl+D  dark theme     F11  full screen     A  auto-rotate     F5  presentation mode
                Ctrl+L  hide / show runs that did not learn
                1-9  recall saved view     Ctrl+1-9  save the view into that slot
                Ctrl+S  save workspace     Ctrl+Shift+S  save as     Ctrl+Shift+O  open workspace
                In presentation: Space play/pause, arrows step the time bar, F full screen, C colouring, A rotate, 1-9 views, Esc back
                Chapters: PageDown / PageUp next / previous (a presentation clicker's keys), Home the first,
                    B or .  hide / show the caption (shown again on the next chapter);
                    outside presentation mode the page keys step chapters once the picture is clicked
                Mouse: drag rotates, right-drag or Shift+drag pans, wheel zooms
                Hover or click within 8 pixels of a point: its card, or select its checkpoint (ringed)
                A run clicked in the table selects its last checkpoint (with Spectrum in front: the last with parameters)""");
        a.show();
    }

    /** Shown instead of the picture when the graphics stack has no 3D: says why and what still works. */
    private static VBox no3D() {
        Label title = new Label("The 3D picture cannot be drawn here");
        title.getStyleClass().add("placeholder-title");
        Label text = new Label(GraphicsSupport.NO_3D_MESSAGE);
        text.getStyleClass().add("placeholder-text");
        text.setWrapText(true);
        text.setMaxWidth(560);
        VBox card = new VBox(12, title, text);
        card.setAlignment(Pos.CENTER_LEFT);
        card.getStyleClass().add("placeholder-card");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        VBox box = new VBox(card);
        box.setId("no-3d");
        box.setAlignment(Pos.CENTER);
        return box;
    }

    private VBox placeholder() {
        Label title = new Label("No runs yet");
        title.getStyleClass().add("placeholder-title");
        Label text = new Label("Train a few small networks and watch their predictions move\nfrom ignorance (uniform) towards truth (the labels).");
        text.getStyleClass().add("placeholder-text");
        Button demo = new Button("Train a demo sweep");
        demo.setDefaultButton(true);
        demo.setId("demo-sweep");
        demo.setTooltip(new Tooltip("Trains a small sweep on the bundled digits data (about a minute)"));
        demo.setOnAction(e -> actions.demoSweep());
        Button open = new Button("Open runs…");
        open.setTooltip(new Tooltip("Open saved run folders (Ctrl+O)"));
        open.setOnAction(e -> actions.openRuns());
        HBox buttons = new HBox(10, demo, open);
        buttons.setAlignment(Pos.CENTER);
        VBox card = new VBox(12, title, text, buttons);
        card.setAlignment(Pos.CENTER);
        card.getStyleClass().add("placeholder-card");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        VBox box = new VBox(card);
        box.setId("empty-state");
        box.setAlignment(Pos.CENTER);
        box.setPickOnBounds(false);
        return box;
    }

    private void updateStatusText() {
        PictureFrame f = model.picture().frame();
        int points = Math.max(0, f.size() - 2);
        if (f.size() == 0) {
            String following = model.followingText();
            status.setText((model.runs().isEmpty() ? "No runs open" : "Loading…") + (following == null ? "" : " · " + following));
            return;
        }
        int inPicture = runsIn(f);
        String s = String.format(Locale.ROOT, "%s picture: %d checkpoints of %d runs", model.probeProperty().get().pictureName(),
                points, inPicture);
        // runs of another task (or without imprinted predictions) are open but in another picture only
        int elsewhere = model.runs().size() - inPicture;
        if (elsewhere > 0) s += " (" + elsewhere + " open run" + (elsewhere == 1 ? " is" : "s are") + " not in it)";
        if (f.embedding().exactPoints() > 0) {
            // what the drawn axes explain together, whichever three they are (the labels' shares add up to it)
            int[] ax = view.shownAxes(f);
            s += " · drawn axes " + Arrays.stream(ax).distinct().sorted().mapToObj(a -> String.valueOf(a + 1))
                    .collect(Collectors.joining(", ")) + " explain "
                    + DrawnStress.percent(f.drawnStress(ax)) + " of the stress";
        }
        if (f.embedding().exactPoints() < f.size()) s += " · " + (f.size() - f.embedding().exactPoints()) + " placed out of sample";
        String following = model.followingText();
        if (following != null) s += " · " + following;
        status.setText(s);
    }

    /** {@link PictureFrame#runs()}'s count, once per frame (the status is updated twice a second, a frame may hold 100,000 points). */
    private int runsIn(PictureFrame f) {
        if (f != countedFrame) {
            countedFrame = f;
            runsInCountedFrame = f.runs().size();
        }
        return runsInCountedFrame;
    }

    /** The status line's text (tests read it). */
    String statusText() { return status.getText(); }

    private void confirm(String message) {
        Notifications.create().owner(stage).title("PredSpace").text(NotificationText.layout(message, stage.getWidth()))
                .hideAfter(Duration.seconds(4)).showInformation();
    }

    private void notify(String message) {
        Notifications.create().owner(stage).title("PredSpace").text(NotificationText.layout(message, stage.getWidth()))
                .hideAfter(Duration.seconds(8)).showWarning();
    }
}
