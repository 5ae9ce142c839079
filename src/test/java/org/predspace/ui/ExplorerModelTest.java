package org.predspace.ui;

import javafx.beans.value.ObservableValue;
import javafx.beans.value.WritableValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.predspace.session.CheckpointRef;
import org.predspace.session.ExplorerSession.Probe;
import org.predspace.session.LearningRule;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.chapters.ChapterFileTest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

/** The model's state is read-only outside; its named commands are the only way to change it. */
class ExplorerModelTest {
    @TempDir
    Path tmp;
    private ExplorerModel model;

    @BeforeEach
    void create() { model = PanelFixtures.model(tmp); }

    @AfterEach
    void shutdown() { model.shutdown(); }

    @Test
    void noPropertyHandedOutCanBeWritten() {
        List<ObservableValue<?>> state = List.of(model.probeProperty(), model.colouringProperty(), model.axisProperty(0),
                model.axisProperty(1), model.axisProperty(2), model.pointSizeProperty(), model.trajectoriesShownProperty(),
                model.darkThemeProperty(), model.shownUpToStepProperty(), model.learningRuleProperty(),
                model.notLearnedHiddenProperty(), model.landscapeOverlayProperty(), model.landscapeShownProperty(),
                model.parametersWantedProperty(), model.cameraProperty(), model.selectedRunProperty(),
                model.selectedCheckpointProperty());
        for (ObservableValue<?> p : state) assertFalse(p instanceof WritableValue, p + " can be set from outside the model");
    }

    @Test
    void noListHandedOutCanBeChanged() {
        // each through a local name, as a caller holding the list would write it
        var pinned = model.pinned();
        var chapters = model.chapters();
        var views = model.savedViews();
        var modes = model.panelModes();
        var runs = model.runs();
        var problems = model.problems();
        assertThrows(UnsupportedOperationException.class, () -> pinned.add(new CheckpointRef("a", 0, 0)));
        assertThrows(UnsupportedOperationException.class, () -> chapters.add(ChapterFileTest.sample().get(0)));
        assertThrows(UnsupportedOperationException.class, () -> views.setAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> modes.add(PanelOption.COMPARE_TASKS));
        assertThrows(UnsupportedOperationException.class, () -> runs.setAll(List.of()));
        assertThrows(UnsupportedOperationException.class, () -> problems.add("x"));
    }

    @Test
    void probeCommandsSwitchThePictureAndTellListeners() {
        List<Probe> heard = new ArrayList<>();
        model.probeProperty().addListener((o, was, now) -> heard.add(now));
        model.showProbe(Probe.HELD_OUT);
        model.toggleProbe(Probe.IMPRINTED);
        model.toggleProbe(Probe.IMPRINTED);
        assertEquals(List.of(Probe.HELD_OUT, Probe.IMPRINTED, Probe.TRAINING), heard);
    }

    @Test
    void drawingCommandsSetWhatTheyName() {
        Colouring first = model.colouringProperty().get();
        model.nextColouring();
        assertEquals(first.next(), model.colouringProperty().get());
        model.setAxes(new int[] {3, 0, 5});
        model.setAxis(1, 4);
        assertArrayEquals(new int[] {3, 4, 5}, model.axes());
        model.setLearningRule(new LearningRule(0.3));
        assertEquals(0.3, model.learningRuleProperty().get().threshold());
        model.setLearningRule(null);
        assertEquals(LearningRule.DEFAULT, model.learningRuleProperty().get(), "no rule is the default rule");
        CameraPose pose = new CameraPose(10, 20, 30, 40, 900);
        model.setCamera(pose);
        assertEquals(pose, model.camera());
        assertThrows(NullPointerException.class, () -> model.setCamera(null));
    }

    @Test
    void pinsAreKeptOnceInPinOrderAndAnInitialisationGoesFirst() {
        CheckpointRef a = new CheckpointRef("a", 3, 30), b = new CheckpointRef("b", 1, 10), init = new CheckpointRef("a", 0, 0);
        model.pin(a);
        model.pin(b);
        model.pin(a);
        model.pinFirst(init);
        model.pinFirst(b);
        assertEquals(List.of(init, a, b), List.copyOf(model.pinned()));
        model.clearPins();
        assertTrue(model.pinned().isEmpty());
    }

    @Test
    void chapterCommandsEditTheTour() {
        List<Chapter> sample = ChapterFileTest.sample();
        model.setChapters(sample);
        model.moveChapter(0, 1);
        assertEquals(List.of(sample.get(1), sample.get(0)), List.copyOf(model.chapters()));
        Chapter renamed = sample.get(0).withTitle("Renamed");
        model.replaceChapter(1, renamed);
        model.removeChapter(0);
        model.addChapter(1, sample.get(1));
        assertEquals(List.of(renamed, sample.get(1)), List.copyOf(model.chapters()));
    }

    @Test
    void panelModesAreSetOneByOneOrAllAtOnce() {
        model.setPanelMode(PanelOption.COMPARE_TASKS, true);
        model.setPanelMode(PanelOption.SPECTRUM_NORMALISED, true);
        model.setPanelMode(PanelOption.COMPARE_TASKS, false);
        assertEquals(Set.of(PanelOption.SPECTRUM_NORMALISED), Set.copyOf(model.panelModes()));
        model.setPanelModes(Set.of(PanelOption.COMPARE_CONFIGURATIONS));
        assertEquals(Set.of(PanelOption.COMPARE_CONFIGURATIONS), Set.copyOf(model.panelModes()));
    }
}
