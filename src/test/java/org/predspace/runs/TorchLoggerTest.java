package org.predspace.runs;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * docs/examples/torch_logger.py as docs/import.md (section 4) tells people to use it: its numpy
 * part (in CI too) and, where PyTorch is installed, its example training loop. The live side,
 * a session following the folder while the logger writes, is FolderFollowerTest's.
 */
@Tag("slow")
class TorchLoggerTest {
    static final Path SCRIPT = Path.of("docs/examples/torch_logger.py");

    @TempDir Path tmp;

    @Test
    void aLoopThatRaisesLeavesAFailedRunWithEveryCommittedCheckpointAndNumpyReadsItsArrays() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.require();
        Path run = tmp.resolve("failed");
        python.run("-c", String.join("\n",
                "import sys; sys.path.insert(0, sys.argv[1])",
                "import numpy as np",
                "from torch_logger import RunLogger",
                "labels = np.arange(12) % 3",
                "p = np.full((12, 3), 1 / 3)",
                "try:",
                "    with RunLogger(sys.argv[2], 'failing', 'probe-12', labels, 3, spec={'optimizer': 'sgd'}) as log:",
                "        for step in (0, 5, 9):",
                "            log.log(step, p, metrics={'train_loss': np.log(3), 'epoch': step / 10})",
                "        raise RuntimeError('out of memory')",
                "except RuntimeError:",
                "    pass",
                "steps = np.load(sys.argv[2] + '/steps.npy')",
                "assert steps.tolist() == [0, 5, 9], steps",
                "assert np.load(sys.argv[2] + '/predictions.npy').shape == (3, 12, 3)"),
                SCRIPT.getParent().toString(), run.toString());
        Run opened = Run.open(run);
        assertEquals(RunStatus.FAILED, opened.status());
        assertEquals("RuntimeError: out of memory", opened.summary().get("reason"));
        assertArrayEquals(new long[]{0, 5, 9}, opened.steps());
        assertEquals(Math.log(3), opened.metrics().get(2).trainLoss(), 1e-12);
        assertEquals(0.9, opened.metrics().get(2).epoch(), 1e-12);
        assertArrayEquals(new float[]{1 / 3f, 1 / 3f, 1 / 3f}, Arrays.copyOf(opened.predictions(1), 3), 1e-7f);
        assertFalse(opened.hasTestSet());
    }

    @Test
    void theTorchExampleWritesAFinishedRun() throws Exception {
        PythonWithNumpy python = PythonWithNumpy.requireModule("torch");
        Path run = tmp.resolve("blobs");
        python.run(SCRIPT.toString(), run.toString(), "--steps", "40", "--every", "10");
        Run opened = Run.open(run);
        assertEquals(RunStatus.FINISHED, opened.status());
        assertArrayEquals(new long[]{0, 10, 20, 30, 40}, opened.steps());
        assertTrue(opened.hasTestSet());
        assertTrue(opened.metrics().get(4).trainAccuracy() > opened.metrics().get(0).trainAccuracy(), "it learns");
    }
}
