package org.predspace.training;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.platform.NativeLibraries;
import org.predspace.training.engine.NativeBackend;
import org.predspace.training.engine.NetworkFactory;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.Map;

/**
 * The network work of fine-tuning (FineTuneStart): a parent's parameter vector laid out by the
 * network its spec builds, so that its body can be put under another network's output layer.
 * Kept apart from FineTuneStart, which the New run form uses on the JavaFX thread to find a
 * snapshot and must not load the native libraries there.
 */
final class BodyTransplant {
    static { NativeLibraries.require(); }   // first loaded where no interrupt can poison them

    private BodyTransplant() {}

    /** One line naming {@code who} unless {@code snapshot} has the size of the network {@code spec} builds. */
    static void requireSize(String who, float[] snapshot, TrainingSpec spec, InputShape shape, int classes) {
        NativeBackend.configure();
        long size = NetworkFactory.build(spec, shape, classes, 1).numParams();
        if (snapshot.length != size) {
            throw new IllegalArgumentException(who + " has " + snapshot.length + " parameters but a " + spec.architecture().id()
                    + " network for this data has " + size + ": same architecture?");
        }
    }

    /**
     * The parameters of a network of {@code spec} (output layer as its seed initialises it) with
     * every other parameter taken from {@code snapshot}, a network of {@code parentSpec} with
     * {@code parentClasses} outputs.
     */
    static float[] underFreshHead(String who, TrainingSpec parentSpec, int parentClasses, float[] snapshot,
                                  TrainingSpec spec, InputShape shape, int classes) {
        NativeBackend.configure();
        ComputationGraph to = NetworkFactory.build(spec, shape, classes, 1);
        ComputationGraph from = NetworkFactory.build(parentSpec, shape, parentClasses, 1);
        if (from.numParams() != snapshot.length) {
            throw new IllegalArgumentException(who + " has " + snapshot.length
                    + " parameters but its network on this data would have " + from.numParams() + ": another input shape?");
        }
        from.setParams(Nd4j.create(snapshot).castTo(from.params().dataType()));
        String head = outputLayer(to) + "_";
        String parentHead = outputLayer(from) + "_";
        Map<String, INDArray> body = from.paramTable();
        long parentBody = body.keySet().stream().filter(k -> !k.startsWith(parentHead)).count();
        long ownBody = to.paramTable().keySet().stream().filter(k -> !k.startsWith(head)).count();
        if (parentBody != ownBody) {
            throw new IllegalArgumentException(who + " has " + parentBody + " body parameter arrays, this "
                    + spec.architecture().id() + " network " + ownBody + ": fine-tuning needs the same body");
        }
        for (Map.Entry<String, INDArray> p : to.paramTable().entrySet()) {
            if (p.getKey().startsWith(head)) continue;
            INDArray source = body.get(p.getKey());
            if (source == null || !Arrays.equals(source.shape(), p.getValue().shape())) {
                throw new IllegalArgumentException(who + " is a " + parentSpec.architecture().id()
                        + " network of another shape (parameter " + p.getKey() + " differs): fine-tuning needs the same body");
            }
            to.setParam(p.getKey(), source);
        }
        return to.params().toFloatVector();
    }

    /** The name of the output layer, whose parameters are keyed "name_W" and "name_b". */
    private static String outputLayer(ComputationGraph net) {
        return net.getOutputLayer(0).conf().getLayer().getLayerName();
    }
}
