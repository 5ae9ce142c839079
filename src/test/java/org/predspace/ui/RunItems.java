package org.predspace.ui;

import org.predspace.runs.CheckpointMetrics;
import org.predspace.session.RunState;

import java.util.ArrayList;
import java.util.List;

/** Lets panel tests play the session: give a run a new state as a training would. JavaFX thread. */
public final class RunItems {
    private RunItems() {}

    /** The run's state with one more checkpoint, as a CheckpointSaved event makes it. */
    public static RunState withCheckpoint(RunItem run, CheckpointMetrics m) {
        RunState s = run.state();
        List<CheckpointMetrics> more = new ArrayList<>(s.metrics());
        more.add(m);
        RunState next = new RunState(s.name(), s.dir(), s.spec(), RunState.Phase.TRAINING, "training", more,
                Math.max(s.step(), m.step()), s.totalSteps(), true);
        run.update(next);
        return next;
    }
}
