package org.predspace.training.engine;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.BaseMKLDNNHelper;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.predspace.data.InputShape;
import org.predspace.training.spec.Architecture;
import org.predspace.training.spec.TrainingSpec;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The oneDNN switch (docs/architecture.md, "oneDNN for convolutions"): ND4J's oneDNN build, DL4J's
 * helpers switched on by {@link NativeBackend}, and the class {@code org.nd4j.nativeblas.Nd4jCpu}
 * that answers DL4J's lookup. If any of the three goes, convolutions fall back to DL4J's generic
 * path, 4-6x slower, and every other test still passes; these fail instead.
 */
class OneDnnTest {
    @BeforeAll
    static void configure() { NativeBackend.configure(); }

    @Test
    void theLoadedBackendIsOneDnnBuild() {
        assertTrue(NativeBackend.oneDnnAvailable(), "ND4J's backend reports no oneDNN: the pom's nd4j.classifier"
                + " must name the -onednn natives");
    }

    @Test
    void dl4jFindsOneDnn() {
        assertTrue(Nd4j.getEnvironment().helpersAllowed(), "DL4J's layer helpers are switched off");
        assertTrue(BaseMKLDNNHelper.mklDnnEnabled(), "DL4J's oneDNN check fails: its lookup of"
                + " org.nd4j.nativeblas.Nd4jCpu$Environment.isUseMKLDNN must answer true");
    }

    @Test
    void lenetsConvolutionsRunThroughOneDnn() {
        TrainingSpec spec = TrainingSpec.builder("onednn").architecture(Architecture.LENET).seed(1).build();
        ComputationGraph net = NetworkFactory.build(spec, InputShape.image(1, 28, 28), 10, 10);
        // a forward pass: DL4J drops a helper that fails on its first use and carries on without it
        net.output(Nd4j.rand(new int[] {4, 1, 28, 28}));
        List<Layer> convolutions = Arrays.stream(net.getLayers()).filter(l -> l instanceof ConvolutionLayer).toList();
        assertEquals(2, convolutions.size(), "LeNet-5 has two convolutions");
        for (Layer l : convolutions) {
            assertInstanceOf(MKLDNNConvHelper.class, ((ConvolutionLayer) l).getHelper(),
                    l.conf().getLayer().getLayerName() + " does not run through oneDNN");
        }
    }
}
