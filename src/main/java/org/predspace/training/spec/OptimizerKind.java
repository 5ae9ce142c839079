package org.predspace.training.spec;

/** Optimisers by CLI id. Momentum for nesterov is 0.9, as in Mao et al. [A] (docs/science.md §8). */
public enum OptimizerKind implements NamedChoice {
    SGD("sgd"), NESTEROV("nesterov"), ADAM("adam"), ADAMW("adamw"), RMSPROP("rmsprop");

    private final String id;

    OptimizerKind(String id) { this.id = id; }

    @Override
    public String id() { return id; }

    public static OptimizerKind fromId(String s) {
        return NamedChoice.parse(OptimizerKind.class, s, "optimizer");
    }

    public static String ids() {
        return NamedChoice.ids(OptimizerKind.class);
    }
}
