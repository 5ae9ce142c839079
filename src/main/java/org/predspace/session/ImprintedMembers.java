package org.predspace.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which runs the imprinted picture leaves out for want of imprinted predictions, and when to say
 * so: once the picture has a run. A session of runs written before imprinting existed is not told
 * about a picture it does not use; once one run is imprinted, every run missing from that picture
 * is named, those opened earlier included.
 */
final class ImprintedMembers {
    /** Names shown in one message before "and N more". */
    static final int NAMED = 8;
    private final List<String> waiting = new ArrayList<>();
    private boolean pictured;

    /** Runs the imprinted picture leaves out, and the message naming them. */
    record LeftOut(List<String> runs, String message) {
        LeftOut {
            runs = List.copyOf(runs);
        }
    }

    /** Runs without imprinted predictions: the message naming them, or empty while the picture has no run. */
    synchronized Optional<LeftOut> leftOut(List<String> runs) {
        if (runs.isEmpty()) return Optional.empty();
        if (!pictured) {
            waiting.addAll(runs);
            return Optional.empty();
        }
        return Optional.of(new LeftOut(runs, message(runs)));
    }

    /** A run joined the imprinted picture: the message naming the runs left out before, if this was the first. */
    synchronized Optional<LeftOut> admitted() {
        if (pictured) return Optional.empty();
        pictured = true;
        if (waiting.isEmpty()) return Optional.empty();
        LeftOut m = new LeftOut(waiting, message(waiting));
        waiting.clear();
        return Optional.of(m);
    }

    /** "a, b, c" or "a, ..., h and 4 more". */
    static String named(List<String> runs) {
        return String.join(", ", runs.subList(0, Math.min(NAMED, runs.size())))
                + (runs.size() > NAMED ? " and " + (runs.size() - NAMED) + " more" : "");
    }

    static String message(List<String> runs) {
        if (runs.size() == 1) {
            return runs.get(0) + " has no imprinted predictions and is" + ExplorerSession.LEFT_OUT_OF_IMPRINTED
                    + " (it was written without them; its other pictures are unaffected)";
        }
        return runs.size() + " runs have no imprinted predictions and are" + ExplorerSession.LEFT_OUT_OF_IMPRINTED + ": " + named(runs)
                + " (they were written without them; their other pictures are unaffected)";
    }
}
