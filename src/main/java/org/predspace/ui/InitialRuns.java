package org.predspace.ui;

import javafx.animation.AnimationTimer;
import org.predspace.session.PictureFrame;
import org.predspace.ui.chapters.Chapter;
import org.predspace.ui.chapters.ChapterFile;
import org.predspace.ui.chapters.ChapterFormatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Opening the runs the app starts with (the built-in sample runs, or the folders named on the
 * command line) and, when that is one folder holding a {@code chapters.json}, its lecture: the
 * chapters go into the model and chapter 1 is shown once the picture holds every run and is
 * drawn (docs/chapters.md). A bad chapters file is reported once; the runs open regardless.
 */
final class InitialRuns {
    /** How long to wait for the first whole picture before going on anyway (no 3D, a run that fails to open). */
    static final long DRAWN_WITHIN_NANOS = 10_000_000_000L;

    private InitialRuns() {}

    /**
     * Opens {@code folders}; once they are drawn shows chapter 1 if they brought chapters, then
     * runs {@code thenDrawn}.
     *
     * @param window the main window, which may not exist yet when this is called (it is asked
     *               for once the runs are in)
     */
    static void open(ExplorerModel model, Supplier<MainWindow> window, List<Path> folders, Runnable thenDrawn) {
        boolean chapters = folders.size() == 1 && loadChapters(model, folders.get(0));
        // the window is asked for at the pulses after this: the opening may call back (one task
        // per run, or nothing to open) before the app has built it
        model.openFolders(folders, () -> whenDrawn(model, window, () -> {
            if (chapters) window.get().tour().show(0);
            thenDrawn.run();
        }));
    }

    /** Reads {@code folder/chapters.json} into the model's chapters; false if there is none or it is bad (reported). */
    static boolean loadChapters(ExplorerModel model, Path folder) {
        Path file = folder.resolve(ChapterFile.NAME);
        if (!Files.isRegularFile(file)) return false;
        try {
            List<Chapter> read = ChapterFile.read(file);
            model.setChapters(read);
            return !read.isEmpty();
        } catch (ChapterFormatException e) {
            model.reportProblem(e.getMessage() + "; the runs open without their chapters");
        } catch (IOException | RuntimeException e) {
            model.reportProblem("Could not read " + file + " (" + e.getMessage() + "); the runs open without their chapters");
        }
        return false;
    }

    /**
     * Runs {@code then} once the 3D view has drawn what the picture holds, or after
     * {@link #DRAWN_WITHIN_NANOS}: checked at each pulse, and never for longer than that.
     */
    static void whenDrawn(ExplorerModel model, Supplier<MainWindow> window, Runnable then) {
        new AnimationTimer() {
            private long since = -1;

            @Override
            public void handle(long now) {
                if (since < 0) since = now;
                MainWindow w = window.get();
                if (w == null) {   // start() builds it before the first pulse; never wait past the limit for it
                    if (now - since > DRAWN_WITHIN_NANOS) stop();
                    return;
                }
                PictureFrame drawn = w.view().drawnFrame();
                boolean shown = w.view().isSettled() && drawn != null && drawn.size() == model.picture().frame().size();
                if (shown || now - since > DRAWN_WITHIN_NANOS) {
                    stop();
                    then.run();
                }
            }
        }.start();
    }
}
