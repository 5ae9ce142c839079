package org.predspace.training;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Optimisers by CLI id. Momentum for nesterov is 0.9, as in Mao et al. (SCIENCE.md §6). */
public enum OptimizerKind {
    SGD("sgd"), NESTEROV("nesterov"), ADAM("adam"), ADAMW("adamw"), RMSPROP("rmsprop");

    private final String id;

    OptimizerKind(String id) { this.id = id; }

    public String id() { return id; }

    public static OptimizerKind fromId(String s) {
        String key = s.trim().toLowerCase(Locale.ROOT);
        for (OptimizerKind o : values()) {
            if (o.id.equals(key)) return o;
        }
        throw new IllegalArgumentException("unknown optimizer '" + s + "' (expected one of " + ids() + ")");
    }

    public static String ids() {
        return Arrays.stream(values()).map(OptimizerKind::id).collect(Collectors.joining(", "));
    }
}
