package org.predspace.ui;

import javafx.concurrent.Task;
import org.predspace.runs.RunFolders;
import org.predspace.session.ExplorerSession;
import org.predspace.session.RunState;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opening folders of runs as one background task with one progress bar ("Opening 28 runs"):
 * finds the runs a folder holds, skips those already open, and hands the rest to
 * {@link ExplorerSession#openAll}, which reads them all and places them in the picture with
 * one eigendecomposition. A folder without a run is reported; so is a run that cannot be read.
 */
final class RunsOpening extends Task<List<RunState>> {
    private final ExplorerSession session;
    private final List<Path> folders;
    private final boolean search;
    private final Consumer<String> problems;

    /**
     * @param search   true: each folder is a run or holds runs directly inside it; false: each is a run folder
     * @param problems where a folder without a run is reported (any thread)
     */
    RunsOpening(ExplorerSession session, List<Path> folders, boolean search, Consumer<String> problems) {
        this.session = session;
        this.folders = List.copyOf(folders);
        this.search = search;
        this.problems = problems;
        updateTitle(titleFor(folders.size(), folders.size() == 1 ? folders.get(0) : null));
    }

    static String titleFor(int runs, Path only) {
        return runs == 1 && only != null ? "Opening " + only.getFileName() : "Opening " + runs + " runs";
    }

    @Override
    protected List<RunState> call() throws Exception {
        updateProgress(0, 1);
        List<Path> dirs = search ? runsIn(folders) : folders;
        updateTitle(titleFor(dirs.size(), dirs.size() == 1 ? dirs.get(0) : null));
        if (dirs.isEmpty()) {
            updateProgress(1, 1);
            return List.of();
        }
        return session.openAll(dirs, (done, message) -> {
            updateProgress(done, 1);
            updateMessage(message);
            OpenProbe.phase(message);
        });
    }

    /** The runs the folders hold that are not open yet, in order. */
    private List<Path> runsIn(List<Path> folders) throws IOException {
        Set<Path> open = new HashSet<>();
        for (RunState r : session.runs()) {
            if (r.dir() != null) open.add(r.dir().toAbsolutePath().normalize());
        }
        List<Path> found = new ArrayList<>();
        for (Path f : folders) {
            List<Path> inside = RunFolders.find(f);
            if (inside.isEmpty()) problems.accept("No run in " + f + ": a run folder holds a run.json");
            for (Path d : inside) {
                if (open.add(d.toAbsolutePath().normalize())) found.add(d);
            }
        }
        return found;
    }
}
