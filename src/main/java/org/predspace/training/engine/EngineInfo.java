package org.predspace.training.engine;

import org.predspace.data.DatasetSplit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Provenance saved with every run: what was trained, on what, with which libraries. */
public final class EngineInfo {
    /** Version of the libraries this build links; kept in one place with the pom. */
    static final String DL4J_VERSION = "1.0.0-M2.1";

    private EngineInfo() {}

    public static Map<String, Object> describe(TrainableNetwork net, DatasetSplit data, long stepsPerEpoch, long totalSteps) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("predspace_version", version());
        m.put("implementation", net.implementation());
        m.put("dl4j_version", DL4J_VERSION);
        m.put("java_version", System.getProperty("java.version"));
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        m.put("parameters", net.numParams());
        m.put("train_size", data.train().size());
        m.put("test_size", data.test().size());
        m.put("input_shape", data.shape().toString());
        m.put("steps_per_epoch", stepsPerEpoch);
        m.put("total_steps", totalSteps);
        return m;
    }

    static String version() {
        String v = EngineInfo.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }
}
