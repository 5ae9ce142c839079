package org.predspace.bench;

import org.predspace.data.DatasetCatalog;
import org.predspace.landscape.RunSharpness;
import org.predspace.runs.Run;
import org.predspace.spectra.CheckpointModel;
import org.predspace.spectra.HessianVectorProduct;
import org.predspace.spectra.RunCheckpoint;
import org.predspace.spectra.Samples;
import org.predspace.platform.JobMonitor;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The Java side of bench/torch_hessian_check.py, at a parameter snapshot STEP of a run (a step
 * number or "last", as the spectrum command's --step) on N of its train probe samples
 * (RunCheckpoint.samples, as the spectrum command and RunSharpness take them):
 * <ul>
 * <li>{@code samples RUN_DIR N OUT_DIR}: x.npy and y.npy for the PyTorch reference (LandscapeBench's
 * export; the probe subset is the same at every step);</li>
 * <li>{@code sharpness RUN_DIR STEP N}: RunSharpness.topEigenvalue, the top Gauss-Newton eigenvalue;</li>
 * <li>{@code products RUN_DIR STEP N OUT_DIR H...}: one seeded Gaussian vector v (OUT_DIR/v.npy) and the
 * project's finite-difference Hessian-vector product at each step H (OUT_DIR/hv_H.npy), all float64,
 * so the script can set them beside the exact double-backprop product.</li>
 * </ul>
 */
public final class HessianCheck {
    private HessianCheck() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) throw new IllegalArgumentException("usage: samples RUN_DIR N OUT_DIR | sharpness RUN_DIR STEP N"
                + " | products RUN_DIR STEP N OUT_DIR H...");
        if (args[0].equals("samples")) {
            LandscapeBench.main(args);
            return;
        }
        Run run = Run.open(Path.of(args[1]));
        RunCheckpoint checkpoint = RunCheckpoint.open(run, RunCheckpoint.resolveStep(run, args[2]), new DatasetCatalog());
        Samples samples = checkpoint.samples(Integer.parseInt(args[3]));
        CheckpointModel model = checkpoint.model();
        switch (args[0]) {
            case "sharpness" -> {
                long t0 = System.nanoTime();
                double top = RunSharpness.topEigenvalue(model, samples, JobMonitor.silent());
                System.out.printf(Locale.ROOT, "java gauss_newton_top %.10g (step %d, n %d, P %d, %.1f s)%n", top,
                        checkpoint.step(), samples.size(), model.parameters().length, (System.nanoTime() - t0) / 1e9);
            }
            case "products" -> {
                Path out = Files.createDirectories(Path.of(args[4]));
                double[] v = new double[model.parameters().length];
                SplittableRandom rng = new SplittableRandom(0);
                for (int i = 0; i < v.length; i++) v[i] = rng.nextGaussian();
                writeDoubles(out.resolve("v.npy"), v);
                for (int a = 5; a < args.length; a++) {
                    double h = Double.parseDouble(args[a]);
                    double[] hv = new double[v.length];
                    new HessianVectorProduct(model, samples, h, JobMonitor.silent()).apply(v, hv);
                    writeDoubles(out.resolve("hv_" + args[a] + ".npy"), hv);
                }
                System.out.println("wrote v and " + (args.length - 5) + " products to " + out);
            }
            default -> throw new IllegalArgumentException("unknown command " + args[0]);
        }
    }

    private static void writeDoubles(Path file, double[] values) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(NpyFiles.header("<f8", values.length));
            ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : values) b.putDouble(v);
            out.write(b.array());
        }
    }
}
