package org.predspace.ui;

import javafx.animation.AnimationTimer;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

import java.util.TreeSet;

/**
 * Training as a film: a slider over the step (log scale, as checkpoints are log-spaced) that
 * shows every trajectory up to that step, and play/pause that sweeps it from the first step to
 * the last in {@link #PLAY_SECONDS} seconds. The slider's right end means "everything".
 */
public final class PlaybackBar extends HBox {
    static final double PLAY_SECONDS = 12;

    private final ExplorerModel model;
    private final Slider slider = new Slider(0, 1, 1);
    private final Button play = new Button("▶ Play");
    private final Label shown = new Label("all steps");
    private final AnimationTimer player;
    private boolean moving;

    public PlaybackBar(ExplorerModel model) {
        super(8);
        this.model = model;
        getStyleClass().add("playback-bar");
        setAlignment(Pos.CENTER_LEFT);
        setPadding(new Insets(4, 10, 4, 10));
        slider.setId("playback-slider");
        play.setId("playback-play");
        shown.setId("playback-step");
        slider.setTooltip(new Tooltip("Show training up to this step (log scale); the right end shows everything"));
        play.setTooltip(new Tooltip("Play training from the first step to the last"));
        shown.setMinWidth(110);
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label title = new Label("Time");
        getChildren().addAll(title, play, slider, shown);

        slider.valueProperty().addListener((o, a, b) -> apply());
        // new runs move the slider's scale, not the time shown (a restored workspace or a recalled
        // view keeps its step while the runs are still opening)
        model.runs().addListener((ListChangeListener<RunItem>) c -> follow(model.shownUpToStepProperty().get()));
        model.shownUpToStepProperty().addListener((o, a, b) -> follow(b.longValue()));
        play.setOnAction(e -> toggle());
        player = new AnimationTimer() {
            long last;

            @Override
            public void handle(long now) {
                if (last != 0) {
                    double next = slider.getValue() + (now - last) / 1e9 / PLAY_SECONDS;
                    if (next >= 1) {
                        slider.setValue(1);
                        pause();
                    } else {
                        slider.setValue(next);
                    }
                }
                last = now;
            }

            @Override
            public void stop() {
                super.stop();
                last = 0;
            }
        };
    }

    /** Starts from the beginning if at the end; pauses if playing. */
    public void toggle() {
        if (play.getText().startsWith("⏸")) {
            pause();
            return;
        }
        if (slider.getValue() >= 1) slider.setValue(0);
        play.setText("⏸ Pause");
        player.start();
    }

    /** Plays from the first step (a chapter that shows training as it happens). */
    public void playFromStart() {
        pause();
        slider.setValue(0);
        toggle();
    }

    /** Stops playing where it is (recalling a saved view). */
    public void pause() {
        player.stop();
        play.setText("▶ Play");
    }

    public boolean playing() { return play.getText().startsWith("⏸"); }

    /** The largest step of any run: the slider's range. */
    private long lastStep() {
        long max = 0;
        for (RunItem r : model.runs()) {
            var m = r.state().metrics();
            if (!m.isEmpty()) max = Math.max(max, m.get(m.size() - 1).step());
        }
        return max;
    }

    /** Slider position (0..1 on log10(step + 1)) to the model's step limit. */
    private void apply() {
        if (moving) return;
        long step = stepAt(slider.getValue(), lastStep());
        moving = true;
        try {
            model.showUpToStep(step);
        } finally {
            moving = false;
        }
        shown.setText(step == Long.MAX_VALUE ? "all steps" : "step ≤ " + step);
    }

    private void follow(long step) {
        if (moving) return;
        moving = true;
        try {
            slider.setValue(step == Long.MAX_VALUE ? 1 : positionOf(step, lastStep()));
        } finally {
            moving = false;
        }
        shown.setText(step == Long.MAX_VALUE ? "all steps" : "step ≤ " + step);
    }

    /** 1 is "all"; otherwise the step at that fraction of log10(last + 1). */
    static long stepAt(double position, long last) {
        if (position >= 1) return Long.MAX_VALUE;
        return Math.round(Math.pow(10, position * Math.log10(last + 1.0)) - 1);
    }

    static double positionOf(long step, long last) {
        return last <= 0 ? 1 : Math.min(1, Math.log10(step + 1.0) / Math.log10(last + 1.0));
    }

    /**
     * Moves to the next (+1) or previous (-1) step at which any run has a checkpoint (arrow keys
     * in presentation): one press, one more point on some trajectory.
     */
    public void stepBy(int direction) {
        pause();
        TreeSet<Long> steps = new TreeSet<>();
        for (RunItem r : model.runs()) for (var m : r.state().metrics()) steps.add(m.step());
        if (steps.isEmpty()) return;
        long now = model.shownUpToStepProperty().get();
        Long next = direction > 0 ? (now == Long.MAX_VALUE ? null : steps.higher(now))
                : (now == Long.MAX_VALUE ? steps.last() : steps.lower(now));
        if (direction > 0 && next == null) next = Long.MAX_VALUE;
        if (next != null) model.showUpToStep(next == steps.last() && direction > 0 ? Long.MAX_VALUE : next);
    }
}
