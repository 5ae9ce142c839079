package org.predspace.ui.launch;

import org.predspace.training.spec.TrainingSpec;

import java.util.List;

/** What Start does with the specs; {@code ExplorerModel::train} in the app, a recorder in tests. */
@FunctionalInterface
public interface Launcher {
    /** @throws IllegalArgumentException the runs cannot start (a name clash, an existing folder); shown in the dialog */
    void start(List<TrainingSpec> specs);
}
