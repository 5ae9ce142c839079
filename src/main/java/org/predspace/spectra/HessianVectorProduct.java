package org.predspace.spectra;

import org.predspace.platform.JobMonitor;
import org.predspace.training.engine.NativeBackend;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * H v for the Hessian of the mean cross-entropy on n samples, by central differences of
 * double-precision gradients (docs/science.md §7; DL4J has no double backprop):
 * H v ~ (g(w + h v) - g(w - h v)) / (2 h) for unit v.
 *
 * <p>The step: the truncation error is O(h^2) for smooth losses, the rounding error
 * O(eps_double |g| / h), balanced near h ~ 1e-5. ReLU and max-pool kinks add an O(h) error
 * from units that switch between w - h v and w + h v, which favours small h. Measured on
 * softmax regression (where H equals the true Fisher exactly) and on an MLP (symmetry
 * u.Hv = v.Hu), see HessianVectorProductTest: {@value #DEFAULT_STEP} sits in the flat part
 * of the error curve for both.
 *
 * <p>Threads: the gradient passes of one product (w + h v and w - h v, each in chunks of
 * {@value #CHUNK} samples) are shared out over one worker per core, each on its own copy of the
 * network (made once, at the first product). Each chunk's gradient is kept apart and the chunks
 * are summed in a fixed order, so H v does not depend on the number of threads.
 *
 * <p>Memory (LeNet, n = 500, 2 workers: at most 2 GB resident, bench/README.md): the workers and
 * their threads live from one product to the next, so each reuses the ND4J workspaces of its
 * passes instead of leaving a set behind per product; {@link #close()} (or
 * {@value ModelWorkers#IDLE_SECONDS} s without a product) ends the helpers and frees theirs. After
 * every pass a worker checks what its thread's workspaces hold against {@link WorkspaceBudget}: a
 * network whose passes outgrow it fails with one line naming the sizes, instead of taking the
 * machine's memory.
 */
public final class HessianVectorProduct implements LinearOperator, AutoCloseable {
    public static final double DEFAULT_STEP = 1e-5;
    /** Samples per back-propagation: large batches amortise DL4J's per-call overhead. */
    private static final int CHUNK = 250;

    private final CheckpointModel model;
    private final Samples samples;
    private final double step;
    private final int threads;
    private final double[] w0;
    private final double[] targets;
    private final JobMonitor monitor;
    private ModelWorkers workers;
    private long products;

    /** Gradient passes on one worker per core. */
    public HessianVectorProduct(CheckpointModel model, Samples samples, double step, JobMonitor monitor) {
        this(model, samples, step, NativeBackend.cores(), monitor);
    }

    /** {@code threads}: gradient workers, this thread on {@code model} and each other one on its own copy. */
    public HessianVectorProduct(CheckpointModel model, Samples samples, double step, int threads, JobMonitor monitor) {
        this(model, samples, step, threads, monitor, WorkspaceBudget.fromProperty());
    }

    HessianVectorProduct(CheckpointModel model, Samples samples, double step, int threads, JobMonitor monitor, WorkspaceBudget budget) {
        if (!(step > 0)) throw new IllegalArgumentException("finite-difference step must be positive, got " + step);
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        this.model = model;
        this.samples = samples;
        this.step = step;
        this.monitor = monitor;
        this.budget = budget;
        this.w0 = model.parameters();
        int c = model.classCount();
        this.targets = new double[samples.size() * c];
        for (int i = 0; i < samples.size(); i++) targets[i * c + samples.labels()[i]] = 1;
        int chunks = (samples.size() + CHUNK - 1) / CHUNK;
        this.threads = Math.min(threads, 2 * chunks);
    }

    /** Each chunk's back-propagation leaves ND4J garbage: bounded as in the Fisher's gradient loop. */
    private final HeapBound heap = new HeapBound();
    private final WorkspaceBudget budget;
    /**
     * What each thread that ran a pass held in workspaces after its last one, ended threads
     * included: a thread per product would make this grow (HessianMemoryTest reads it, since
     * ND4J's process-wide count also moves with other threads' work).
     */
    private final Map<Thread, Long> heldByWorker = new ConcurrentHashMap<>();

    @Override
    public int dimension() { return w0.length; }

    /** How many products have been formed (each costs two gradient passes over the samples). */
    public long products() { return products; }

    @Override
    public void apply(double[] v, double[] out) {
        monitor.checkCancelled();
        double norm = Vectors.norm(v);
        if (norm == 0) {
            Arrays.fill(out, 0);
            return;
        }
        double h = step / norm; // the step along the unit direction is always `step`
        double[] plus = w0.clone();
        Vectors.axpy(h, v, plus);
        double[] minus = w0.clone();
        Vectors.axpy(-h, v, minus);
        int n = samples.size();
        int chunks = (n + CHUNK - 1) / CHUNK;
        double[][] parts = new double[2 * chunks][];
        if (workers == null) workers = new ModelWorkers(ModelWorkers.withCopies(model, threads), "hessian-gradients");
        AtomicInteger next = new AtomicInteger();
        workers.run(m -> {
            double[] at = null;
            for (int u = next.getAndIncrement(); u < parts.length && !monitor.isCancelled(); u = next.getAndIncrement()) {
                double[] w = u < chunks ? plus : minus;
                if (w != at) {
                    m.setParameters(w);
                    at = w;
                }
                parts[u] = chunkGradient(m, (u % chunks) * CHUNK);
                heap.check();
                long held = ModelWorkers.workspaceBytesOfThisThread();
                heldByWorker.put(Thread.currentThread(), held);
                budget.check(held, Math.min(CHUNK, samples.size()));
            }
        });
        monitor.checkCancelled();
        double[] sum = new double[w0.length];
        for (int u = 0; u < parts.length; u++) {
            if (u == chunks) { // sum of the plus chunks done: keep it, start the minus chunks
                System.arraycopy(sum, 0, out, 0, sum.length);
                Arrays.fill(sum, 0);
            }
            Vectors.axpy(1, parts[u], sum);
        }
        double mean = 1.0 / n;
        for (int i = 0; i < out.length; i++) out[i] = (out[i] * mean - sum[i] * mean) / (2 * h);
        model.setParameters(w0);
        products++;
    }

    /** The workspace bytes the threads that ran passes held after their last pass, summed. */
    long workspaceBytesHeldByWorkers() {
        return heldByWorker.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Ends the gradient workers' helper threads, which frees their workspaces; a later product starts new ones. */
    @Override
    public void close() {
        if (workers != null) workers.close();
    }

    /** Gradient of the summed cross-entropy of the chunk of samples from {@code first}, at m's parameters. */
    private double[] chunkGradient(CheckpointModel m, int first) {
        int c = m.classCount();
        int rows = Math.min(CHUNK, samples.size() - first);
        double[] t = Arrays.copyOfRange(targets, first * c, (first + rows) * c);
        double[] g = new double[w0.length];
        m.lossGradient(samples.features(), first, rows, t, g);
        return g;
    }
}
