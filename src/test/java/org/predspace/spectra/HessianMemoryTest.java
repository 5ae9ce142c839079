package org.predspace.spectra;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.AllocationsTracker;
import org.nd4j.linalg.api.memory.enums.AllocationKind;
import org.predspace.platform.JobMonitor;
import org.predspace.training.spec.Architecture;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The memory bound of the Hessian-vector products (bench/README.md "Hessian and spectral
 * density": LeNet's 330 products took 9.2 GB resident when every product left its helper
 * thread's ND4J workspaces behind). Measured by ND4J's own count of workspace bytes, which is
 * what piled up; nothing else in this JVM's test allocates workspaces while these run.
 */
@Tag("slow")   // 4.6-6.7 s with ND4J's start under load
class HessianMemoryTest {
    private static long workspaceBytes() {
        return AllocationsTracker.getInstance().bytesOnDevice(AllocationKind.WORKSPACE, 0);
    }

    private static double[] direction(int p, long seed) {
        return Vectors.rademacher(p, new SplittableRandom(seed));
    }

    @Test
    void productsReuseTheWorkersWorkspacesInsteadOfLeavingASetPerProduct() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 64);
        Samples samples = SpectraFixtures.samples(600);   // 3 chunks a side: both workers run passes
        long before = workspaceBytes() - ModelWorkers.workspaceBytesOfThisThread();   // other threads'
        long helper;
        try (HessianVectorProduct h = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, 2, JobMonitor.silent())) {
            double[] out = new double[h.dimension()];
            h.apply(direction(h.dimension(), 1), out);
            h.apply(direction(h.dimension(), 2), out);
            helper = workspaceBytes() - before - ModelWorkers.workspaceBytesOfThisThread();
            assertTrue(helper > 0, "the helper's passes run in ND4J workspaces (else this test measures nothing)");
            // the workers' own figures: the process-wide count also moves with threads that
            // earlier tests left running (it did, by 145 KB, in the full suite)
            long afterTwo = h.workspaceBytesHeldByWorkers();
            for (int i = 0; i < 10; i++) h.apply(direction(h.dimension(), 3 + i), out);
            long afterTwelve = h.workspaceBytesHeldByWorkers();
            assertEquals(afterTwo, afterTwelve, "ten more products hold no more workspace memory: "
                    + (afterTwelve - afterTwo) / 1024 + " KB more");
        }
        long left = workspaceBytes() - before - ModelWorkers.workspaceBytesOfThisThread();
        assertTrue(left < helper / 10, "after close the helper's workspaces (" + helper / 1024 + " KB) are freed: "
                + left / 1024 + " KB left beside the calling thread's");
    }

    @Test
    void aWorkerWhosePassesOutgrowTheBudgetFailsWithTheSizes() {
        CheckpointModel model = SpectraFixtures.model(Architecture.MLP, 64);
        Samples samples = SpectraFixtures.samples(300);
        try (HessianVectorProduct h = new HessianVectorProduct(model, samples, HessianVectorProduct.DEFAULT_STEP, 2,
                JobMonitor.silent(), new WorkspaceBudget(1024))) {
            double[] out = new double[h.dimension()];
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.apply(direction(h.dimension(), 1), out));
            assertTrue(e.getMessage().contains("over the budget of 0 MB") && e.getMessage().contains("samples"), e.getMessage());
        }
    }

    @Test
    void aMalformedBudgetIsRefusedByName() {
        String old = System.getProperty(WorkspaceBudget.PROPERTY);
        try {
            System.setProperty(WorkspaceBudget.PROPERTY, "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, WorkspaceBudget::fromProperty);
            assertTrue(e.getMessage().startsWith(WorkspaceBudget.PROPERTY), e.getMessage());
        } finally {
            if (old == null) System.clearProperty(WorkspaceBudget.PROPERTY);
            else System.setProperty(WorkspaceBudget.PROPERTY, old);
        }
    }
}
