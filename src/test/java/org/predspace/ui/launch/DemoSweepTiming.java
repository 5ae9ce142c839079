package org.predspace.ui.launch;

import com.sun.management.OperatingSystemMXBean;
import org.predspace.data.DatasetCatalog;
import org.predspace.training.TrainingPool;
import org.predspace.training.spec.TrainingSpec;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Measures demo sweep runs one at a time on one core, by index into {@link DemoSweep#specs()}:
 * {@code mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile=cp.txt}, then
 * {@code OMP_NUM_THREADS=1 java -cp target/classes:target/test-classes:$(cat cp.txt) org.predspace.ui.launch.DemoSweepTiming 0 6}
 */
public final class DemoSweepTiming {
    private static long cpu() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        List<TrainingSpec> specs = DemoSweep.specs();
        Path out = Files.createTempDirectory("demo-timing");
        try (TrainingPool pool = new TrainingPool(1, new DatasetCatalog()::load)) {
            for (String a : args) {
                TrainingSpec s = specs.get(Integer.parseInt(a));
                long t0 = System.nanoTime();
                long cpu0 = cpu();
                TrainingPool.awaitAll(pool.submitAll(List.of(s), out, e -> {}));
                // wall time suffers from the shared machine; process CPU time is closer to a free core
                System.out.printf("%s: %.1f s wall, %.1f s cpu%n", s.name(), (System.nanoTime() - t0) / 1e9, (cpu() - cpu0) / 1e9);
            }
        }
    }
}
